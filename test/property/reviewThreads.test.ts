import fc from 'fast-check';
import { reviewThreadProps, scanThreadProps } from './reviewThreads.props';
import { describeProps } from './props';

describeProps('property: review threads in accounts', [...reviewThreadProps, ...scanThreadProps], fc);

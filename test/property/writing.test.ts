import fc from 'fast-check';
import { describeProps } from './props';
import { writingProps } from './writing.props';

describeProps('property: writing checks and suggestions on any text', writingProps, fc);

import fc from 'fast-check';
import { accountProps } from './account.props';
import { describeProps } from './props';

describeProps('property: account parsing', accountProps, fc);

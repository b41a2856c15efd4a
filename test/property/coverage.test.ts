import fc from 'fast-check';
import { coverageProps } from './coverage.props';
import { describeProps } from './props';

describeProps('property: incremental coverage', coverageProps, fc);

import fc from 'fast-check';
import { grammarProps } from './grammar.props';
import { describeProps } from './props';

describeProps('property: citation grammar, ranges and positions', grammarProps, fc);

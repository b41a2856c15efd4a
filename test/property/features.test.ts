import fc from 'fast-check';
import { featureProps } from './features.props';
import { describeProps } from './props';

describeProps('property: completion, hover, diagnostics and code actions on any text', featureProps, fc);

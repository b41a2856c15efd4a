import fc from 'fast-check';
import { importerProps } from './importer.props';
import { describeProps } from './props';

describeProps('property: NOS importer', importerProps, fc);

import fc from 'fast-check';
import { bodyChunkProps } from './bodyChunks.props';
import { describeProps } from './props';

describeProps('property: parsing long accounts in chunks', bodyChunkProps, fc);

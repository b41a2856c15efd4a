import fc from 'fast-check';
import { frontMatterProps } from './frontMatter.props';
import { describeProps } from './props';

describeProps('property: front matter and the fast block scanner', frontMatterProps, fc);

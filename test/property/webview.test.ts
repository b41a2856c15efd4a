import fc from 'fast-check';
import { describeProps } from './props';
import { webviewProps } from './webview.props';

describeProps('property: messages from the coverage panel (host side)', webviewProps, fc);

/** The shapes the server's workspace works with: portfolios (folders), document states, changes, and its host. */
import type { Account, Catalog, Portfolio, Settings } from '../core';
import type { FileSystem } from '../io/deps';

export interface Folder {
  /** Folder URI, or the document URI of a single-file portfolio. */
  uri: string;
  name: string;
  /** File system path of a folder; undefined for single-file portfolios. */
  path: string | undefined;
  settings: Settings;
  catalog: Catalog;
  standardsFiles: string[];
  portfolio: Portfolio;
  /** Settles when the folder has been indexed; requests wait for it so their answers see every account. */
  ready: Promise<void>;
  indexRun: number;
  /** Indexing jobs under way (settings, catalogue, accounts): changes then wait for the report at the end of each. */
  indexing: number;
}

export interface DocumentState {
  folder: Folder;
  account: Account;
  text: string;
}

export interface WorkspaceChange {
  folders: Folder[];
  /** True when every document's diagnostics may have changed (catalogue or settings), not only coverage. */
  everything: boolean;
}

export interface ProgressReporter {
  report(message: string, percentage?: number): void;
  done(): void;
}

export interface WorkspaceHost {
  fs: FileSystem;
  trusted: boolean;
  fetchSettings(scopeUri: string | undefined): Promise<Settings>;
  /** Current text of an open document, by the URI the client used. */
  openText(clientUri: string): string | undefined;
  beginProgress(title: string): Promise<ProgressReporter>;
  log(message: string): void;
  warn(message: string): void;
  /** Shown to the user in a notification, at most once per distinct message. */
  showWarning(message: string): void;
  didChange(change: WorkspaceChange): void;
  /** See ServerDeps.messagesWaiting. */
  messagesWaiting?: () => boolean;
}

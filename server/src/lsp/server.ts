/**
 * `startServer(connection, deps)`: the capabilities and the wiring of one thin handler per request. Any
 * transport will do (stdio from VS Code and other editors, an in-memory stream pair in tests); the file
 * system comes in through `deps`, so nothing here touches the disk directly.
 */
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  MessageType,
  TextDocumentSyncKind,
  TextDocuments,
  type ClientCapabilities,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { readSettings } from '../core';
import type { ServerDeps } from '../io/deps';
import { registerCustomRequests } from './handlers/custom';
import { registerDiagnostics } from './handlers/diagnostics';
import { registerLanguageFeatures } from './handlers/language';
import { guardedNotification } from './handlers/lsp';
import { registerRecordRequests } from './handlers/records';
import { registerSuggestRequests } from './handlers/suggest';
import { registerReview } from './handlers/review';
import { createWorkspace, type ProgressReporter, type Workspace } from './workspace';

const SETTINGS_SECTION = 'reflectiveAccounts';

export interface InitializationOptions {
  /** False in an untrusted workspace: user standards from the workspace are then not loaded. */
  trusted?: boolean;
  /** Settings for clients that cannot answer workspace/configuration. */
  settings?: unknown;
  /** The client shows criterion suggestions in a pick list of its own (VS Code), so the code action is one entry. */
  suggestPicker?: boolean;
}

export function startServer(connection: Connection, deps: ServerDeps): void {
  const documents = new TextDocuments(TextDocument);
  let capabilities: ClientCapabilities = {};
  let options: InitializationOptions = {};
  let workspace: Workspace | undefined;
  let initialFolders: ReadonlyArray<{ uri: string; name: string }> = [];
  /** Settings pushed with didChangeConfiguration, for clients that do not support pulling them. */
  let pushedSettings: unknown;
  const shownWarnings = new Set<string>();
  /** Reads each portfolio's .assessment.yaml (lsp/review.ts). */
  let reviewFiles: ReturnType<typeof registerReview> | undefined;

  async function fetchSettings(scopeUri: string | undefined) {
    if (capabilities.workspace?.configuration) {
      try {
        const [value] = await connection.workspace.getConfiguration([{ scopeUri, section: SETTINGS_SECTION }]);
        return readSettings(value);
      } catch (e) {
        connection.console.warn(`Could not read settings: ${(e as Error).message}`);
      }
    }
    // Helix sends its whole `config` table as initializationOptions: { reflectiveAccounts: {...} }.
    return readSettings(pushedSettings ?? options.settings ?? (options as Record<string, unknown>)[SETTINGS_SECTION]);
  }

  async function beginProgress(title: string): Promise<ProgressReporter> {
    if (!capabilities.window?.workDoneProgress) return { report: () => undefined, done: () => undefined };
    try {
      const progress = await connection.window.createWorkDoneProgress();
      progress.begin(title, 0, undefined, false);
      return {
        report: (message, percentage) => progress.report(percentage ?? 0, message),
        done: () => progress.done(),
      };
    } catch {
      return { report: () => undefined, done: () => undefined };
    }
  }

  connection.onInitialize((params): InitializeResult => {
    capabilities = params.capabilities ?? {};
    options = (params.initializationOptions ?? {}) as InitializationOptions;
    const folders =
      params.workspaceFolders ??
      (params.rootUri ? [{ uri: params.rootUri, name: params.rootUri.split('/').pop() ?? 'root' }] : []);
    workspace = createWorkspace({
      fs: deps.fs,
      messagesWaiting: deps.messagesWaiting,
      trusted: options.trusted !== false,
      fetchSettings,
      openText: (uri) => documents.get(uri)?.getText(),
      beginProgress,
      log: (m) => connection.console.info(m),
      warn: (m) => connection.console.warn(m),
      showWarning: (m) => {
        if (shownWarnings.has(m)) return;
        shownWarnings.add(m);
        void connection
          .sendNotification('window/showMessage', { type: MessageType.Warning, message: m })
          .catch(() => undefined);
      },
      didChange: (change) => {
        void diagnostics
          .didChange(change)
          .catch((e) => connection.console.error(`diagnostics: ${(e as Error)?.stack ?? e}`));
        custom.coverageMayHaveChanged(change.folders);
      },
    });
    const ws = workspace;
    const diagnostics = registerDiagnostics(connection, ws, capabilities);
    const review = registerReview(connection, ws, deps.fs, (folder) => custom.coverageMayHaveChanged([folder]));
    const custom = registerCustomRequests(connection, ws, review);
    reviewFiles = review;
    registerLanguageFeatures(connection, ws, capabilities, { suggestPicker: options.suggestPicker === true });
    registerSuggestRequests(connection, ws);
    registerRecordRequests(connection, ws);
    wireDocuments(ws, diagnostics);
    initialFolders = folders;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        completionProvider: { triggerCharacters: ['/', ',', ' ', '['], resolveProvider: false },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite] },
        codeLensProvider: { resolveProvider: false },
        ...(diagnostics.pull
          ? {
              diagnosticProvider: {
                identifier: 'reflective-accounts',
                interFileDependencies: true,
                workspaceDiagnostics: true,
              },
            }
          : {}),
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'reflective-accounts' },
    };
  });

  connection.onInitialized(() => {
    const ws = workspace!;
    void ws
      .initialize(initialFolders)
      .catch((e) => connection.console.error(`initialize: ${(e as Error)?.stack ?? e}`));
    if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      void connection.client
        .register(DidChangeWatchedFilesNotification.type, {
          watchers: [
            { globPattern: '**/*.md' },
            { globPattern: '**/.standards/*.json' },
            { globPattern: '**/.assessment.yaml' },
          ],
        })
        .catch(() => undefined);
    }
    if (capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
      void connection.client
        .register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION })
        .catch(() => undefined);
    }
    if (capabilities.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(
        guardedNotification(connection, 'workspaceFolders', async (e) => {
          for (const f of e.removed) ws.removeFolder(f.uri);
          for (const f of e.added) await ws.addFolder(f.uri, f.name);
        }),
      );
    }
  });

  function wireDocuments(ws: Workspace, diagnostics: ReturnType<typeof registerDiagnostics>): void {
    const safely = (name: string, run: () => void) => {
      try {
        run();
      } catch (err) {
        connection.console.error(`${name} failed: ${(err as Error)?.stack ?? err}`);
      }
    };
    documents.onDidOpen((e) => safely('didOpen', () => ws.open(e.document.uri)));
    documents.onDidChangeContent((e) => safely('didChange', () => ws.change(e.document.uri)));
    documents.onDidClose((e) => {
      void ws.close(e.document.uri).catch((err) => connection.console.error(`close: ${(err as Error)?.stack ?? err}`));
      void diagnostics.didClose(e.document.uri).catch(() => undefined);
    });
    connection.onDidChangeWatchedFiles(
      guardedNotification(connection, 'didChangeWatchedFiles', async (params) => {
        await ws.watchedFilesChanged(
          params.changes.map((c) => ({ uri: c.uri, deleted: c.type === FileChangeType.Deleted })),
        );
        await reviewFiles?.watchedFilesChanged(
          params.changes.map((c) => c.uri),
          ws.allFolders(),
        );
      }),
    );
    connection.onDidChangeConfiguration(
      guardedNotification(connection, 'didChangeConfiguration', (params) => {
        const pushed = (params?.settings as Record<string, unknown> | undefined)?.[SETTINGS_SECTION];
        if (pushed !== undefined) pushedSettings = pushed;
        return ws.configurationChanged();
      }),
    );
  }

  connection.onShutdown(() => undefined);
  documents.listen(connection);
  connection.listen();
}

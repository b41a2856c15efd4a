/**
 * Diagnostics both ways: pulled (`textDocument/diagnostic`, with `interFileDependencies` because a file's
 * "uncovered" message depends on every other account) and refreshed when coverage changes; or pushed
 * (`textDocument/publishDiagnostics`) for clients without pull support, such as older Neovim and Helix.
 */
import { createHash } from 'node:crypto';
import {
  CodeLensRefreshRequest,
  DocumentDiagnosticReportKind,
  type ClientCapabilities,
  type Connection,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type WorkspaceDiagnosticParams,
  type WorkspaceDiagnosticReport,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import { DIAGNOSTIC_SOURCE, computeDiagnostics, type Coverage } from '../../core';
import type { DocumentState, Folder, Workspace, WorkspaceChange } from '../workspace';
import { guarded, lspSeverity, rangeOf } from './lsp';
import { writingLspDiagnostics } from './writing';

/** What code actions and other clients may need beyond the message: the fix text, the unit concerned. */
export interface DiagnosticData {
  replacement?: string;
  unit?: string;
}

export function lspDiagnostics(state: DocumentState, coverage: Coverage): Diagnostic[] {
  // Writing checks come last, so that the core diagnostics keep their indexes (code actions rely on them).
  return [...coreLspDiagnostics(state, coverage), ...writingLspDiagnostics(state)];
}

function coreLspDiagnostics(state: DocumentState, coverage: Coverage): Diagnostic[] {
  const { folder, account } = state;
  return computeDiagnostics(folder.catalog, account, coverage, folder.settings).map((d) => {
    const data: DiagnosticData = {};
    if (d.replacement !== undefined) data.replacement = d.replacement;
    if (d.unit !== undefined) data.unit = d.unit;
    return {
      range: rangeOf(account, d.start, d.end),
      severity: lspSeverity(d.severity),
      code: d.code,
      source: DIAGNOSTIC_SOURCE,
      message: d.message,
      data,
    };
  });
}

/**
 * What other files' diagnostics depend on (per unit in scope: whether some account lists it, the state of each
 * criterion). The coverage fold bumps its revision exactly when that changes, so typing prose asks no other
 * file to refresh.
 */
function crossFileKey(coverage: Coverage): string {
  return String(coverage.revision);
}

interface ClosedReports {
  generation: number;
  folder: Pick<Folder, 'catalog' | 'settings'>;
  /** Account key to its diagnostics and a result id derived from their content. */
  reports: Map<string, { items: Diagnostic[]; resultId: string }>;
}

/**
 * Diagnostics of every account of a folder, for the workspace pull that fills the Problems panel with files
 * nobody has opened. Recomputed only when the portfolio, its catalogue or its settings changed; the result id
 * is a hash of the content, so a poll that finds nothing new answers "unchanged" for every file.
 */
function closedReports(
  folder: Folder,
  coverage: Coverage,
  cache: WeakMap<Folder, ClosedReports>,
): ClosedReports['reports'] {
  const cached = cache.get(folder);
  if (
    cached &&
    cached.generation === folder.portfolio.generation &&
    cached.folder.catalog === folder.catalog &&
    cached.folder.settings === folder.settings
  )
    return cached.reports;
  const reports = new Map<string, { items: Diagnostic[]; resultId: string }>();
  for (const [key, account] of folder.portfolio.accounts) {
    const items = lspDiagnostics({ folder, account, text: '' }, coverage);
    reports.set(key, { items, resultId: createHash('sha1').update(JSON.stringify(items)).digest('base64') });
  }
  cache.set(folder, {
    generation: folder.portfolio.generation,
    folder: { catalog: folder.catalog, settings: folder.settings },
    reports,
  });
  return reports;
}

export function registerDiagnostics(connection: Connection, workspace: Workspace, capabilities: ClientCapabilities) {
  const pull = !!capabilities.textDocument?.diagnostic;
  const refreshSupported = !!capabilities.workspace?.diagnostics?.refreshSupport;
  const codeLensRefresh = !!capabilities.workspace?.codeLens?.refreshSupport;
  const keys = new WeakMap<Folder, string>();
  const closedCache = new WeakMap<Folder, ClosedReports>();
  /** URIs the last workspace pull reported, so a file that disappears is cleared once. */
  let reportedLastTime = new Set<string>();

  if (pull) {
    connection.languages.diagnostics.on(
      guarded<{ textDocument: { uri: string } }, DocumentDiagnosticReport>(
        connection,
        'textDocument/diagnostic',
        { kind: DocumentDiagnosticReportKind.Full, items: [] },
        async (params) => {
          const state = await workspace.documentState(params.textDocument.uri);
          if (!state) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
          return {
            kind: DocumentDiagnosticReportKind.Full,
            items: lspDiagnostics(state, workspace.coverageOf(state.folder)),
          };
        },
      ),
    );
  }

  if (pull) {
    connection.languages.diagnostics.onWorkspace(
      guarded<WorkspaceDiagnosticParams, WorkspaceDiagnosticReport>(
        connection,
        'workspace/diagnostic',
        { items: [] },
        async (params) => {
          const previous = new Map((params.previousResultIds ?? []).map((p) => [p.uri, p.value]));
          const open = new Set(workspace.openDocuments().map((d) => d.key));
          const items: WorkspaceDocumentDiagnosticReport[] = [];
          const reported = new Set<string>();
          for (const folder of await workspace.foldersFor()) {
            if (!folder.path) continue; // a loose file is always open, so its document pull covers it
            for (const [key, r] of closedReports(folder, workspace.coverageOf(folder), closedCache)) {
              if (open.has(key)) continue; // open documents are pulled one by one, with their editor version
              const uri = workspace.clientUriOf(key);
              reported.add(uri);
              items.push(
                previous.get(uri) === r.resultId
                  ? { kind: DocumentDiagnosticReportKind.Unchanged, uri, resultId: r.resultId, version: null }
                  : {
                      kind: DocumentDiagnosticReportKind.Full,
                      uri,
                      resultId: r.resultId,
                      version: null,
                      items: r.items,
                    },
              );
            }
          }
          for (const uri of reportedLastTime) {
            if (!reported.has(uri) && !open.has(uri))
              items.push({ kind: DocumentDiagnosticReportKind.Full, uri, version: null, items: [] });
          }
          reportedLastTime = reported;
          return { items };
        },
      ),
    );
  }

  async function publish(clientUri: string): Promise<void> {
    const state = await workspace.documentState(clientUri);
    const diagnostics = state ? lspDiagnostics(state, workspace.coverageOf(state.folder)) : [];
    await connection.sendDiagnostics({ uri: clientUri, diagnostics });
  }

  /**
   * Push clients: one loop sends what is pending, and a document changed again meanwhile is sent once more,
   * with its latest text. Publishing once per change queued a full recomputation per keystroke: a burst of
   * 1,000 changes kept the server busy for minutes.
   */
  const pending = new Set<string>();
  let publishing: Promise<void> | undefined;
  async function publishLoop(): Promise<void> {
    while (pending.size > 0) {
      const [next] = pending;
      pending.delete(next);
      if (!workspace.openDocuments().some((doc) => doc.clientUri === next)) continue; // closed meanwhile
      await publish(next).catch((e) => connection.console.error(`publishDiagnostics: ${(e as Error)?.stack ?? e}`));
    }
  }
  function publishPending(uris: Iterable<string>): Promise<void> {
    for (const uri of uris) pending.add(uri);
    if (!publishing && pending.size > 0) {
      publishing = publishLoop().finally(() => {
        publishing = undefined;
        if (pending.size > 0) void publishPending([]);
      });
    }
    return publishing ?? Promise.resolve();
  }

  /**
   * A refresh request, at most one in flight: changes that arrive meanwhile ask for one more after it, not one
   * each (the client pulls every open document on each refresh).
   */
  function coalesced(send: () => Promise<unknown>): () => Promise<void> {
    let running: Promise<void> | undefined;
    let again = false;
    return () => {
      if (running) {
        again = true;
        return running;
      }
      running = (async () => {
        try {
          do {
            again = false;
            await send();
          } while (again);
        } finally {
          running = undefined;
        }
      })();
      return running;
    };
  }
  const refreshDiagnostics = coalesced(() => connection.languages.diagnostics.refresh());
  const refreshCodeLenses = coalesced(() => connection.sendRequest(CodeLensRefreshRequest.type));

  return {
    /** After accounts were re-parsed: refresh (pull) or re-publish (push) what may have changed. */
    async didChange(change: WorkspaceChange): Promise<void> {
      let crossFile = change.everything;
      for (const folder of change.folders) {
        const key = crossFileKey(workspace.coverageOf(folder));
        if (keys.get(folder) !== key) crossFile = true;
        keys.set(folder, key);
      }
      if (crossFile && codeLensRefresh) void refreshCodeLenses().catch(() => undefined);
      if (pull) {
        if (crossFile && refreshSupported) await refreshDiagnostics();
        return;
      }
      const folders = new Set(change.folders);
      await publishPending(
        workspace
          .openDocuments()
          .filter((doc) => change.everything || folders.has(doc.folder))
          .map((doc) => doc.clientUri),
      );
    },
    async didClose(clientUri: string): Promise<void> {
      if (!pull) await connection.sendDiagnostics({ uri: clientUri, diagnostics: [] });
    },
    pull,
  };
}

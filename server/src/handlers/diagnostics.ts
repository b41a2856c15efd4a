/**
 * Diagnostics both ways: pulled (`textDocument/diagnostic`, with `interFileDependencies` because a file's
 * "uncovered" message depends on every other account) and refreshed when coverage changes; or pushed
 * (`textDocument/publishDiagnostics`) for clients without pull support, such as older Neovim and Helix.
 */
import {
  CodeLensRefreshRequest, DocumentDiagnosticReportKind, type ClientCapabilities, type Connection, type Diagnostic, type DocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import type { Coverage } from '../core/coverage';
import { computeDiagnostics, DIAGNOSTIC_SOURCE } from '../core/diagnostics';
import type { DocumentState, Folder, Workspace, WorkspaceChange } from '../workspace';
import { guarded, lspSeverity, rangeOf } from './lsp';

/** What code actions and other clients may need beyond the message: the fix text, the unit concerned. */
export interface DiagnosticData {
  replacement?: string;
  unit?: string;
}

export function lspDiagnostics(state: DocumentState, coverage: Coverage): Diagnostic[] {
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
 * What other files' diagnostics depend on: per unit in scope, whether some account lists it and the state
 * of each criterion. Typing prose leaves it unchanged, so other files are not asked to refresh.
 */
function crossFileKey(coverage: Coverage): string {
  return `${coverage.minimumEvidence};` + coverage.units
    .map((u) => `${u.code}:${u.declaredIn.length > 0 ? 1 : 0}:${u.criteria.map((c) => c.state[0]).join('')}`)
    .join('|');
}

export function registerDiagnostics(connection: Connection, workspace: Workspace, capabilities: ClientCapabilities) {
  const pull = !!capabilities.textDocument?.diagnostic;
  const refreshSupported = !!capabilities.workspace?.diagnostics?.refreshSupport;
  const codeLensRefresh = !!capabilities.workspace?.codeLens?.refreshSupport;
  const keys = new WeakMap<Folder, string>();

  if (pull) {
    connection.languages.diagnostics.on(guarded<{ textDocument: { uri: string } }, DocumentDiagnosticReport>(
      connection, 'textDocument/diagnostic', { kind: DocumentDiagnosticReportKind.Full, items: [] },
      async (params) => {
        const state = await workspace.documentState(params.textDocument.uri);
        if (!state) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
        return { kind: DocumentDiagnosticReportKind.Full, items: lspDiagnostics(state, workspace.coverageOf(state.folder)) };
      }));
  }

  async function publish(clientUri: string): Promise<void> {
    const state = await workspace.documentState(clientUri);
    const diagnostics = state ? lspDiagnostics(state, workspace.coverageOf(state.folder)) : [];
    await connection.sendDiagnostics({ uri: clientUri, diagnostics });
  }

  return {
    /** After accounts were re-parsed: refresh (pull) or re-publish (push) what may have changed. */
    async didChange(change: WorkspaceChange): Promise<void> {
      let crossFile = change.everything;
      for (const folder of change.folders) {
        const key = crossFileKey(workspace.coverageOf(folder));
        if (keys.get(folder) !== key) crossFile = true;
        keys.set(folder, key);
      }
      if (crossFile && codeLensRefresh) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
      if (pull) {
        if (crossFile && refreshSupported) await connection.languages.diagnostics.refresh();
        return;
      }
      const folders = new Set(change.folders);
      for (const doc of workspace.openDocuments()) {
        if (change.everything || folders.has(doc.folder)) await publish(doc.clientUri);
      }
    },
    async didClose(clientUri: string): Promise<void> {
      if (!pull) await connection.sendDiagnostics({ uri: clientUri, diagnostics: [] });
    },
    pull,
  };
}

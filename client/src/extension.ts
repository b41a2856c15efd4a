/**
 * The VS Code extension's entry: starts the language server, and wires the coverage panel, the status bar, the
 * commands, the read-only unit documents and the Markdown preview plugin to it. Glue only: every decision lives
 * in the server's core or in the pure modules beside this file.
 */
import type { MarkdownIt } from 'markdown-it';
import * as vscode from 'vscode';
import {
  CITE_CRITERION_COMMAND,
  Commands,
  ReloadStandardsRequest,
  SHOW_COVERAGE_COMMAND,
  UNIT_DOCUMENT_SCHEME,
  UnitDocumentRequest,
  type UnitDocumentResult,
} from '../../server/src/protocol';
import { citeCriterion } from './commands/citeCriterion';
import { exportRecord } from './commands/exportRecord';
import { importStandard } from './commands/importStandard';
import { insertCriterion } from './commands/insertCriterion';
import { openExample } from './commands/openExample';
import { rewriteCanonical } from './commands/rewriteCanonical';
import { registerCoveragePanel } from './coveragePanel';
import { createCoverageStore } from './coverageStore';
import { createCriteriaCache } from './criteriaCache';
import { createServer, type Server } from './languageClient';
import { citationBadges } from './preview/citationBadges';
import { registerStatusBar } from './statusBar';
import { registerWordCountStatus } from './wordCountStatus';
import { decide } from './review/decide';
import { registerReviewThreads } from './review/threadsController';

let server: Server | undefined;

export interface ExtensionApi {
  /** Called by VS Code's Markdown preview (contributes.markdown.markdownItPlugins). */
  extendMarkdownIt(md: MarkdownIt): MarkdownIt;
}

function unitDocuments(s: Server): vscode.TextDocumentContentProvider {
  return {
    async provideTextDocumentContent(uri) {
      const result = await s.request<UnitDocumentResult>(UnitDocumentRequest, { uri: uri.toString() });
      return (
        result?.text ?? `# Unknown unit\n\n${uri.path.replace(/^\//, '').replace(/\.md$/, '')} is not a loaded unit.\n`
      );
    },
  };
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const output = vscode.window.createOutputChannel('Reflective Accounts', { log: true });
  const s = createServer(context, output);
  server = s;
  const criteria = createCriteriaCache(s);
  const coverage = createCoverageStore(s);
  const panel = registerCoveragePanel(context, coverage, output, s, (m) => decide(context, s, coverage, m));

  const refreshPreview = () =>
    void vscode.commands.executeCommand('markdown.preview.refresh').then(undefined, () => undefined);
  const command = (id: string, run: Parameters<typeof vscode.commands.registerCommand>[1]) =>
    vscode.commands.registerCommand(id, run);

  context.subscriptions.push(
    output,
    criteria,
    coverage,
    panel,
    registerStatusBar(coverage),
    registerWordCountStatus(s),
    command(CITE_CRITERION_COMMAND, (uri?: unknown, position?: unknown) => citeCriterion(s, uri, position)),
    criteria.onDidChange(refreshPreview),
    vscode.workspace.registerTextDocumentContentProvider(UNIT_DOCUMENT_SCHEME, unitDocuments(s)),
    // Arguments come from the code lens ([unitCode, folderUri]) or nowhere (palette, title bar, status bar).
    command(SHOW_COVERAGE_COMMAND, (unit?: unknown, folder?: unknown) =>
      panel.show(
        typeof unit === 'string' ? { unit, folder: typeof folder === 'string' ? folder : undefined } : undefined,
      ),
    ),
    command(Commands.insertCriterion, (args?: unknown) => insertCriterion(criteria, coverage, args)),
    command(Commands.exportRecord, (args?: unknown) => exportRecord(s, coverage, args)),
    command(Commands.importStandard, (args?: unknown) => importStandard(s, output, args)),
    command(Commands.openExample, () => openExample(context)),
    command(Commands.rewriteCanonical, (args?: unknown) => rewriteCanonical(criteria, args)),
    registerReviewThreads(context),
    command(Commands.decide, (args?: unknown) =>
      decide(context, s, coverage, typeof args === 'object' && args ? args : undefined),
    ),
    command(Commands.reloadStandards, async () => {
      await s.request(ReloadStandardsRequest, {});
      await Promise.all([criteria.refresh(), coverage.refresh()]);
      void vscode.window.showInformationMessage(`Reflective Accounts: ${criteria.lookup.units.length} units loaded.`);
    }),
    command(Commands.restartServer, async () => {
      output.appendLine('[client] restarting the server');
      await s.restart();
      await Promise.all([criteria.refresh(), coverage.refresh()]);
    }),
    // User standards from the workspace are read only once it is trusted: restart so the server sees them.
    vscode.workspace.onDidGrantWorkspaceTrust(() => void vscode.commands.executeCommand(Commands.restartServer)),
  );

  return {
    extendMarkdownIt(md: MarkdownIt) {
      citationBadges(md, () => criteria.lookup);
      return md;
    },
  };
}

export async function deactivate(): Promise<void> {
  await server?.client.stop().catch(() => undefined);
  server = undefined;
}

/**
 * The language features proper, one thin handler each: find the document's state, ask the core, map offsets
 * to LSP ranges. Completion, hover, definition, references, code lens and code actions.
 */
import {
  CodeActionKind,
  CompletionItemKind,
  type ClientCapabilities,
  type CodeAction,
  type CodeLens,
  type CompletionList,
  type Connection,
  type Diagnostic,
  type Hover,
  type Location,
  type TextEdit,
} from 'vscode-languageserver/node';
import {
  computeCodeActions,
  computeCodeLenses,
  computeCompletions,
  computeDiagnostics,
  computeHover,
  navigationTargetAt,
  referencesOf,
  renderUnitDocument,
} from '../../core';
import { SHOW_COVERAGE_COMMAND, UNIT_DOCUMENT_SCHEME } from '../../protocol';
import type { DocumentState, Folder, Workspace } from '../workspace';
import { lspDiagnostics } from './diagnostics';
import { guarded, markup, offsetOf, rangeOf } from './lsp';
import { suggestionCodeActions } from './suggest';
import { writingCodeActions, writingHoverAt } from './writing';

export function unitDocumentUri(code: string): string {
  return `${UNIT_DOCUMENT_SCHEME}:/${encodeURIComponent(code)}.md`;
}

/** The unit code in `reflective-accounts-unit:/LMCA5.md`, or undefined for any other URI. */
export function unitCodeOfDocumentUri(uri: string): string | undefined {
  const m = new RegExp(`^${UNIT_DOCUMENT_SCHEME}:/*([^/?#]+?)(?:\\.md)?(?:[?#].*)?$`).exec(uri);
  if (!m) return undefined;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return undefined;
  }
}

type Position = { line: number; character: number };
type TextDocumentPositionParams = { textDocument: { uri: string }; position: Position };

export function registerLanguageFeatures(
  connection: Connection,
  workspace: Workspace,
  capabilities: ClientCapabilities,
  options: { suggestPicker?: boolean } = {},
): void {
  const completionMarkdown =
    !!capabilities.textDocument?.completion?.completionItem?.documentationFormat?.includes('markdown');
  const hoverMarkdown = !!capabilities.textDocument?.hover?.contentFormat?.includes('markdown');

  /** Where a citation sits, as a Location the client can open: its own URI for open documents. */
  function locationOf(folder: Folder, ref: { uri: string; start: number; end: number }): Location | undefined {
    const account = folder.portfolio.accounts.get(ref.uri);
    return account && { uri: workspace.clientUriOf(ref.uri), range: rangeOf(account, ref.start, ref.end) };
  }

  connection.onCompletion(
    guarded<TextDocumentPositionParams, CompletionList>(
      connection,
      'completion',
      { isIncomplete: false, items: [] },
      async (params) => {
        const state = await workspace.documentState(params.textDocument.uri);
        if (!state) return { isIncomplete: false, items: [] };
        const { folder, account, text } = state;
        const offset = offsetOf(account, params.position);
        if (offset === undefined) return { isIncomplete: false, items: [] };
        const list = computeCompletions({
          catalog: folder.catalog,
          account,
          text,
          offset,
          coverage: workspace.coverageOf(folder),
        });
        return {
          isIncomplete: list.isIncomplete,
          items: list.items.map((item) => ({
            label: item.label,
            kind: item.kind === 'unit' ? CompletionItemKind.Module : CompletionItemKind.EnumMember,
            detail: item.detail,
            documentation: markup(item.documentation, completionMarkdown),
            sortText: item.sortText,
            filterText: item.filterText,
            textEdit: { range: rangeOf(account, item.edit.start, item.edit.end), newText: item.edit.newText },
          })),
        };
      },
    ),
  );

  connection.onHover(
    guarded<TextDocumentPositionParams, Hover | null>(connection, 'hover', null, async (params) => {
      const state = await workspace.documentState(params.textDocument.uri);
      if (!state) return null;
      const { folder, account } = state;
      const offset = offsetOf(account, params.position);
      if (offset === undefined) return null;
      const hover =
        computeHover(folder.catalog, account, offset, workspace.coverageOf(folder)) ?? writingHoverAt(state, offset);
      return hover
        ? { contents: markup(hover.markdown, hoverMarkdown), range: rangeOf(account, hover.start, hover.end) }
        : null;
    }),
  );

  connection.onDefinition(
    guarded<TextDocumentPositionParams, Location[]>(connection, 'definition', [], async (params) => {
      const state = await workspace.documentState(params.textDocument.uri);
      if (!state) return [];
      const offset = offsetOf(state.account, params.position);
      const target = offset === undefined ? undefined : navigationTargetAt(state.folder.catalog, state.account, offset);
      const unit = target && state.folder.catalog.unit(target.unitCode);
      if (!target || !unit) return [];
      const at = target.criterionId ? renderUnitDocument(unit).lines.get(target.criterionId) : undefined;
      const range = at
        ? { start: { line: at.line, character: at.start }, end: { line: at.line, character: at.end } }
        : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
      return [{ uri: unitDocumentUri(unit.code), range }];
    }),
  );

  connection.onReferences(
    guarded<TextDocumentPositionParams & { context?: { includeDeclaration?: boolean } }, Location[]>(
      connection,
      'references',
      [],
      async (params) => {
        const state = await workspace.documentState(params.textDocument.uri);
        if (!state) return [];
        const { folder, account } = state;
        const offset = offsetOf(account, params.position);
        const target = offset === undefined ? undefined : navigationTargetAt(folder.catalog, account, offset);
        if (!target) return [];
        const refs = referencesOf(workspace.coverageOf(folder), target).flatMap((r) => locationOf(folder, r) ?? []);
        const unit = folder.catalog.unit(target.unitCode);
        if (params.context?.includeDeclaration && unit && target.criterionId) {
          const at = renderUnitDocument(unit).lines.get(target.criterionId)!;
          refs.unshift({
            uri: unitDocumentUri(unit.code),
            range: { start: { line: at.line, character: at.start }, end: { line: at.line, character: at.end } },
          });
        }
        return refs;
      },
    ),
  );

  connection.onCodeLens(
    guarded<{ textDocument: { uri: string } }, CodeLens[]>(connection, 'codeLens', [], async (params) => {
      const state = await workspace.documentState(params.textDocument.uri);
      if (!state) return [];
      const { folder, account } = state;
      return computeCodeLenses(folder.catalog, account, workspace.coverageOf(folder)).map((lens) => ({
        range: rangeOf(account, lens.start, lens.end),
        command: { title: lens.title, command: SHOW_COVERAGE_COMMAND, arguments: [lens.unitCode, folder.uri] },
      }));
    }),
  );

  connection.onCodeAction(
    guarded<
      {
        textDocument: { uri: string };
        range: { start: Position; end: Position };
        context: { diagnostics: Diagnostic[]; only?: string[] };
      },
      CodeAction[]
    >(connection, 'codeAction', [], async (params) => {
      const state = await workspace.documentState(params.textDocument.uri);
      if (!state) return [];
      return codeActionsFor(
        workspace,
        state,
        params.textDocument.uri,
        params.range,
        params.context,
        options.suggestPicker === true,
      );
    }),
  );
}

function codeActionsFor(
  workspace: Workspace,
  state: DocumentState,
  clientUri: string,
  range: { start: Position; end: Position },
  context: { diagnostics: Diagnostic[]; only?: string[] },
  suggestPicker: boolean,
): CodeAction[] {
  const { folder, account } = state;
  const coverage = workspace.coverageOf(folder);
  // Fixes come from the diagnostics of the text as it is now, never from the client's possibly stale copy.
  const diagnostics = computeDiagnostics(folder.catalog, account, coverage, folder.settings);
  const lsp = lspDiagnostics(state, coverage);
  const lspOf = (d: (typeof diagnostics)[number]): Diagnostic => lsp[diagnostics.indexOf(d)];
  const start = offsetOf(account, range.start);
  if (start === undefined) return [];
  const end = offsetOf(account, range.end) ?? account.length;
  const actions = computeCodeActions(account, diagnostics, start, end);
  const wanted = (kind: string) =>
    !context.only?.length || context.only.some((k) => kind === k || kind.startsWith(k + '.'));
  // Suggestions are ranked only when refactors are wanted: a request for quick fixes alone never pays for them.
  const writing = [
    ...(wanted('quickfix') ? writingCodeActions(state, clientUri, start, end) : []),
    ...(wanted('refactor.rewrite') ? suggestionCodeActions(workspace, state, clientUri, start, suggestPicker) : []),
  ];
  return actions
    .filter((a) => wanted(a.kind))
    .map((a): CodeAction => {
      const edits: TextEdit[] = a.edits.map((e) => ({ range: rangeOf(account, e.start, e.end), newText: e.newText }));
      return {
        title: a.title,
        kind: a.kind === 'quickfix' ? CodeActionKind.QuickFix : CodeActionKind.RefactorRewrite,
        diagnostics: a.diagnostics.map(lspOf),
        isPreferred: a.isPreferred,
        edit: { changes: { [clientUri]: edits } },
      };
    })
    .concat(writing.filter((a) => wanted(a.kind ?? '')));
}

/**
 * Criterion suggestions in the editor, computed only when asked: the code action "Cite a criterion this
 * paragraph evidences…" (VS Code shows a pick list through CITE_CRITERION_COMMAND; other editors get the top
 * five as actions of their own), the SuggestRequest behind the pick list and the panel, and WordCountRequest
 * for the status bar.
 */
import { CodeActionKind, type CodeAction, type Connection } from 'vscode-languageserver/node';
import {
  accountWords,
  citationInsertion,
  describeWordCount,
  paragraphAt,
  suggestForParagraph,
  wordCountStanding,
} from '../../core';
import {
  CITE_CRITERION_COMMAND,
  SuggestRequest,
  WordCountRequest,
  type SuggestParams,
  type SuggestResult,
  type WordCountParams,
  type WordCountResult,
} from '../../protocol';
import type { DocumentState, Workspace } from '../workspace';
import { guarded, offsetOf, rangeOf } from './lsp';

const CITE_TITLE = 'Cite a criterion this paragraph evidences…';
/** Fewest words of its own a paragraph needs before the code action is offered. */
const MIN_WORDS = 8;

/** Suggestions for the paragraph at an offset, each with the edit that cites it at the end of the sentence. */
export function suggestionsAt(workspace: Workspace, state: DocumentState, offset: number, top = 5): SuggestResult {
  const { folder, account } = state;
  const paragraph = paragraphAt(account, offset);
  if (!paragraph) return { paragraph: null, suggestions: [] };
  const text = state.text;
  const suggestions = suggestForParagraph(folder.catalog, account, text, paragraph, workspace.coverageOf(folder), top);
  const range = rangeOf(account, paragraph.start, paragraph.end);
  return {
    paragraph: { line: range.start.line, endLine: range.end.line },
    suggestions: suggestions.map((s) => {
      const edit = citationInsertion(text, account, paragraph, offset, s.code);
      return {
        code: s.code,
        text: s.text,
        section: s.section,
        score: s.score,
        why: s.why,
        covered: s.covered,
        edit: { range: rangeOf(account, edit.start, edit.end), newText: edit.newText },
      };
    }),
  };
}

const shorten = (s: string, n: number) => (s.length > n ? s.slice(0, n - 1).trimEnd() + '…' : s);

/**
 * The code action, in the prose of a paragraph. With a pick list (VS Code) it is one action that opens it, computing nothing until chosen;
 * otherwise one action per suggestion, "Cite LMCA5/P6: <text> (shares …)".
 */
export function suggestionCodeActions(
  workspace: Workspace,
  state: DocumentState,
  clientUri: string,
  offset: number,
  picker: boolean,
): CodeAction[] {
  const paragraph = paragraphAt(state.account, offset);
  // On a citation its own fixes and refactors are what is wanted; suggestions are for the prose around it, and
  // for a paragraph with something to match (a short line would put a light bulb everywhere for nothing).
  if (
    !paragraph ||
    paragraph.words < MIN_WORDS ||
    state.account.citations.some((c) => offset >= c.start && offset <= c.end)
  )
    return [];
  if (picker) {
    const position = rangeOf(state.account, offset, offset).start;
    return [
      {
        title: CITE_TITLE,
        kind: CodeActionKind.RefactorRewrite,
        command: { title: CITE_TITLE, command: CITE_CRITERION_COMMAND, arguments: [clientUri, position] },
      },
    ];
  }
  return suggestionsAt(workspace, state, offset).suggestions.map((s) => ({
    title: `Cite ${s.code}: ${shorten(s.text, 60)} (shares ${s.why.slice(0, 3).join(', ')})`,
    kind: CodeActionKind.RefactorRewrite,
    edit: { changes: { [clientUri]: [s.edit] } },
  }));
}

export function registerSuggestRequests(connection: Connection, workspace: Workspace): void {
  const none: SuggestResult = { paragraph: null, suggestions: [] };
  connection.onRequest(
    SuggestRequest,
    guarded<SuggestParams, SuggestResult>(connection, SuggestRequest, none, async (params) => {
      const state = params?.uri ? await workspace.documentState(params.uri) : undefined;
      if (!state) return none;
      const offset = offsetOf(state.account, params.position);
      if (offset === undefined) return none;
      const top = Number.isInteger(params.top) && params.top! > 0 ? Math.min(params.top!, 50) : 5;
      return suggestionsAt(workspace, state, offset, top);
    }),
  );

  const unknown: WordCountResult = { words: null, target: null, standing: null, label: '' };
  connection.onRequest(
    WordCountRequest,
    guarded<WordCountParams, WordCountResult>(connection, WordCountRequest, unknown, async (params) => {
      const state = params?.uri ? await workspace.documentState(params.uri) : undefined;
      if (!state) return unknown;
      const words = accountWords(state.account);
      const target = state.folder.settings.wordCountTarget;
      return {
        words,
        target: target ?? null,
        standing: wordCountStanding(words, target) ?? null,
        label: describeWordCount(words, target),
      };
    }),
  );
}

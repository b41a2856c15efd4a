/**
 * "Cite a criterion this paragraph evidences…": the pick list behind the code action of that name (and the
 * command palette, at the cursor). Asks the server for the top five criteria of the paragraph (SuggestRequest),
 * shows each with its text and the words it shares with the paragraph, and inserts the chosen citation at the
 * end of the sentence.
 */
import * as vscode from 'vscode';
import { SuggestRequest, type SuggestResult, type SuggestionDto } from '../../../server/src/protocol';
import type { Server } from '../languageClient';

interface SuggestionItem extends vscode.QuickPickItem {
  suggestion: SuggestionDto;
}

function itemOf(s: SuggestionDto): SuggestionItem {
  return {
    label: s.code,
    // Why first: the shared words are what tell a candidate the match is real; the text follows on its own line.
    description: `shares: ${s.why.join(', ')}${s.covered ? '' : ' · not yet covered'}`,
    detail: s.text,
    suggestion: s,
  };
}

/** Arguments from the code action ([uri, position]) or none (the palette: the active editor's cursor). */
export async function citeCriterion(server: Server, uriArg?: unknown, positionArg?: unknown): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const uri = typeof uriArg === 'string' ? uriArg : editor?.document.uri.toString();
  const p = positionArg as { line?: unknown; character?: unknown } | undefined;
  const position =
    p && typeof p.line === 'number' && typeof p.character === 'number'
      ? { line: p.line, character: p.character }
      : editor && { line: editor.selection.active.line, character: editor.selection.active.character };
  if (!uri || !position) return;
  const result = await server.request<SuggestResult>(SuggestRequest, { uri, position, top: 5 });
  if (!result?.paragraph) {
    void vscode.window.showInformationMessage(
      'Reflective Accounts: put the cursor in a paragraph of your account to get criteria it may evidence.',
    );
    return;
  }
  if (result.suggestions.length === 0) {
    void vscode.window.showInformationMessage(
      'Reflective Accounts: no criterion of the units in scope matches this paragraph yet.',
    );
    return;
  }
  const picked = await vscode.window.showQuickPick(result.suggestions.map(itemOf), {
    title: 'Cite a criterion this paragraph evidences',
    placeHolder: 'Best matches first: the criterion, its text and the words it shares with your paragraph',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!picked) return;
  const { range, newText } = picked.suggestion.edit;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(
    vscode.Uri.parse(uri),
    new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character),
    newText,
  );
  await vscode.workspace.applyEdit(edit);
}

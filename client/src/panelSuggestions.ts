/**
 * Feeds the coverage panel the criteria that the paragraph under the editor's cursor may evidence, and cites
 * the one the user clicks. Asked of the server (SuggestRequest) for that one paragraph only, while the panel
 * is open, and after the cursor has rested for a moment: never per keystroke, never for the whole portfolio.
 */
import * as vscode from 'vscode';
import { SuggestRequest, type PanelSuggestions, type SuggestResult } from '../../server/src/protocol';
import type { Server } from './languageClient';

const REST_MS = 400;

export interface PanelSuggestionFeed extends vscode.Disposable {
  /** Asks again for the cursor's paragraph (the webview was just created or restored and has nothing). */
  refresh(): void;
  /** Cites `code` at the end of the sentence under the cursor, if the server still suggests it there. */
  cite(code: string): Promise<void>;
}

function isAccountEditor(editor: vscode.TextEditor | undefined): editor is vscode.TextEditor {
  return (
    !!editor && editor.document.languageId === 'markdown' && editor.document.uri.scheme !== 'reflective-accounts-unit'
  );
}

export function feedPanelSuggestions(server: Server, post: (message: PanelSuggestions) => void): PanelSuggestionFeed {
  let timer: NodeJS.Timeout | undefined;
  let asked = 0;
  /** The last account editor and cursor: the panel has focus when a suggestion is clicked. */
  let last: { editor: vscode.TextEditor; position: vscode.Position } | undefined;

  const ask = (editor: vscode.TextEditor, position: vscode.Position) =>
    server.request<SuggestResult>(SuggestRequest, { uri: editor.document.uri.toString(), position, top: 5 });

  const update = async () => {
    const editor = vscode.window.activeTextEditor;
    if (!isAccountEditor(editor)) return; // keep showing the last paragraph while the panel has focus
    last = { editor, position: editor.selection.active };
    const mine = ++asked;
    const result = await ask(editor, editor.selection.active);
    if (mine !== asked || !result) return;
    const account = editor.document.uri.path.split('/').pop() ?? '';
    post({
      type: 'suggestions',
      account,
      line: result.paragraph ? result.paragraph.line + 1 : null,
      suggestions: result.suggestions.map((s) => ({ code: s.code, text: s.text, why: s.why, covered: s.covered })),
    });
  };
  const soon = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void update(), REST_MS);
  };
  void update();
  const subscriptions = [
    vscode.window.onDidChangeTextEditorSelection((e) => {
      if (isAccountEditor(e.textEditor)) soon();
    }),
    vscode.window.onDidChangeActiveTextEditor(() => soon()),
  ];
  return {
    refresh: soon,
    async cite(code: string) {
      if (!last || last.editor.document.isClosed) return;
      // Asked again at the cursor, so the edit fits the text as it is now.
      const fresh = await ask(last.editor, last.position);
      const chosen = fresh?.suggestions.find((s) => s.code === code);
      if (!chosen) return;
      const { start, end } = chosen.edit.range;
      const edit = new vscode.WorkspaceEdit();
      edit.replace(
        last.editor.document.uri,
        new vscode.Range(start.line, start.character, end.line, end.character),
        chosen.edit.newText,
      );
      await vscode.workspace.applyEdit(edit);
      soon();
    },
    dispose() {
      if (timer) clearTimeout(timer);
      subscriptions.forEach((d) => d.dispose());
    },
  };
}

/**
 * The status bar item with the active account's word count ("$(pencil) 812 words"), against the portfolio's
 * target (`reflectiveAccounts.wordCount.target`) when one is set: a warning colour outside it. Asked of the
 * server when the active editor changes and, debounced, after typing: one small request for one account.
 */
import * as vscode from 'vscode';
import { WordCountRequest, type WordCountResult } from '../../server/src/protocol';
import type { Server } from './languageClient';

const DEBOUNCE_MS = 400;

export function registerWordCountStatus(server: Server): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('reflectiveAccounts.wordCount', vscode.StatusBarAlignment.Right, 99);
  item.name = 'Reflective Accounts word count';
  let timer: NodeJS.Timeout | undefined;
  let asked = 0;

  const update = async () => {
    const editor = vscode.window.activeTextEditor;
    if (
      !editor ||
      editor.document.languageId !== 'markdown' ||
      editor.document.uri.scheme === 'reflective-accounts-unit'
    ) {
      item.hide();
      return;
    }
    const ask = ++asked;
    const result = await server.request<WordCountResult>(WordCountRequest, { uri: editor.document.uri.toString() });
    if (ask !== asked) return; // a later request is on its way
    if (!result || result.words === null) {
      item.hide();
      return;
    }
    item.text = `$(pencil) ${result.label.replace(/ \(target .*\)$/, '')}`;
    const outside = result.standing === 'below' || result.standing === 'above';
    item.backgroundColor = outside ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    item.tooltip = result.target
      ? `${result.label}: ${result.standing === 'within' ? 'within' : result.standing === 'below' ? 'below' : 'above'} the target. Citations and front matter are not counted.`
      : `${result.label}. Citations and front matter are not counted. Set reflectiveAccounts.wordCount.target for a target range.`;
    item.accessibilityInformation = { label: `Account length: ${result.label}` };
    item.show();
  };
  const soon = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void update(), DEBOUNCE_MS);
  };
  void update();
  return vscode.Disposable.from(
    item,
    vscode.window.onDidChangeActiveTextEditor(() => void update()),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === vscode.window.activeTextEditor?.document) soon();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('reflectiveAccounts.wordCount')) soon();
    }),
    { dispose: () => timer && clearTimeout(timer) },
  );
}

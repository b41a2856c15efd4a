/**
 * Who is reviewing: the setting `reflectiveAccounts.review.name`, else the name given last time (kept in the
 * extension's global state), else asked once. Undefined when the reviewer dismisses the question.
 */
import * as vscode from 'vscode';

const KEY = 'reflectiveAccounts.reviewerName';

export async function reviewerName(context: vscode.ExtensionContext): Promise<string | undefined> {
  const configured = vscode.workspace.getConfiguration('reflectiveAccounts').get<string>('review.name', '').trim();
  if (configured) return configured;
  const remembered = context.globalState.get<string>(KEY, '').trim();
  if (remembered) return remembered;
  const asked = (
    await vscode.window.showInputBox({
      title: 'Your name for reviews',
      prompt: 'Shown on your review comments and assessor decisions (setting: reflectiveAccounts.review.name)',
      placeHolder: 'e.g. J Smith',
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() ? undefined : 'A name is needed'),
    })
  )?.trim();
  if (asked) await context.globalState.update(KEY, asked);
  return asked || undefined;
}

/**
 * Writing files for commands, through vscode.workspace.fs so it works in remote and web hosts too. Nothing is
 * overwritten without the user saying so.
 */
import * as vscode from 'vscode';

export type WriteOutcome = 'written' | 'exists' | 'cancelled';

/** A Uri from a command argument: a Uri, a URI string or an absolute path. */
export function toUri(value: vscode.Uri | string): vscode.Uri {
  if (typeof value !== 'string') return value;
  return /^[a-z][a-z0-9+.-]+:/i.test(value) && !/^[a-z]:[\\/]/i.test(value)
    ? vscode.Uri.parse(value, true)
    : vscode.Uri.file(value);
}

export async function fileExists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes `content` to `target`. An existing file is replaced only when `overwrite` is true, or, when
 * `overwrite` is undefined (interactive use), after a modal confirmation.
 */
export async function writeWithoutSurprises(
  target: vscode.Uri,
  content: string,
  overwrite: boolean | undefined,
): Promise<WriteOutcome> {
  if (await fileExists(target)) {
    if (overwrite === false) return 'exists';
    if (overwrite === undefined) {
      const name = target.path.split('/').pop() ?? target.toString();
      const answer = await vscode.window.showWarningMessage(
        `${name} already exists. Replace it?`,
        { modal: true },
        'Replace',
      );
      if (answer !== 'Replace') return 'exists';
    }
  }
  await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(target, '..'));
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(content));
  return 'written';
}

/** The workspace folder to work in: the active editor's, else the only one, else ask. */
export async function chooseFolder(preferred?: vscode.Uri): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const active = preferred ?? vscode.window.activeTextEditor?.document.uri;
  const own = active ? vscode.workspace.getWorkspaceFolder(active) : undefined;
  if (own) return own;
  if (folders.length <= 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: 'Which portfolio?' });
}

/**
 * Open Example Portfolio…: copies the example accounts shipped in the extension (the project's examples/ folder) into a folder
 * the candidate picks, then opens that folder, so a first-time user sees citations, coverage and the panel
 * working on real text before writing their own. Never overwrites an existing file.
 */
import * as vscode from 'vscode';
import { fileExists } from './files';

export async function openExample(context: vscode.ExtensionContext): Promise<void> {
  const picked = await vscode.window.showOpenDialog({
    title: 'Choose an empty folder for the example portfolio',
    canSelectFiles: false,
    canSelectFolders: true,
    canSelectMany: false,
    openLabel: 'Copy the example here',
  });
  const folder = picked?.[0];
  if (!folder) return;
  const source = vscode.Uri.joinPath(context.extensionUri, 'examples');
  let copied = 0;
  for (const [name, type] of await vscode.workspace.fs.readDirectory(source)) {
    if (type !== vscode.FileType.File || !name.endsWith('.md')) continue;
    const target = vscode.Uri.joinPath(folder, name);
    if (await fileExists(target)) continue;
    await vscode.workspace.fs.copy(vscode.Uri.joinPath(source, name), target);
    copied++;
  }
  if (copied === 0) void vscode.window.showInformationMessage('The example accounts are already in that folder.');
  await vscode.commands.executeCommand('vscode.openFolder', folder, { forceNewWindow: false });
}

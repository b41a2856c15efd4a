/**
 * Import Standard from Text…: read a NOS text file, let the server's importer turn it into unit JSON, save it
 * (by default as .standards/<CODE>.json of the portfolio, where the server picks it up) and open it. Tests pass
 * `{ source, target?, code?, overwrite? }` to skip the dialogs; the command answers 'written', 'exists' or 'cancelled'.
 */
import * as vscode from 'vscode';
import {
  ImportStandardRequest,
  type ImportStandardParams,
  type ImportStandardResult,
} from '../../../server/src/protocol';
import type { Server } from '../languageClient';
import { chooseFolder, toUri, writeWithoutSurprises, type WriteOutcome } from './files';

export interface ImportStandardArgs {
  source: vscode.Uri | string;
  target?: vscode.Uri | string;
  code?: string;
  overwrite?: boolean;
}

function isArgs(v: unknown): v is ImportStandardArgs {
  const a = v as ImportStandardArgs | undefined;
  return !!a && (typeof a.source === 'string' || a.source instanceof vscode.Uri);
}

export async function importStandard(
  server: Server,
  output: vscode.OutputChannel,
  args?: unknown,
): Promise<WriteOutcome> {
  const scripted = isArgs(args) ? args : undefined;
  const source = scripted
    ? toUri(scripted.source)
    : (
        await vscode.window.showOpenDialog({
          title: 'Import a National Occupational Standard from its text',
          canSelectMany: false,
          openLabel: 'Import',
          filters: { 'NOS text': ['txt'], 'All files': ['*'] },
        })
      )?.[0];
  if (!source) return 'cancelled';

  const bytes = await vscode.workspace.fs.readFile(source);
  const name = source.path.split('/').pop() ?? 'standard.txt';
  const params: ImportStandardParams = { text: new TextDecoder('utf-8').decode(bytes), sourceName: name };
  if (scripted?.code) params.code = scripted.code;
  const result = await server.request<ImportStandardResult>(ImportStandardRequest, params);
  if (!result || !result.json) {
    void vscode.window.showErrorMessage(`Could not import ${name}. See the Reflective Accounts output for details.`);
    return 'cancelled';
  }
  if (result.problems.length) {
    output.appendLine(`[import] ${name}:`);
    for (const p of result.problems) output.appendLine(`  ${p}`);
  }

  let target: vscode.Uri | undefined = scripted?.target ? toUri(scripted.target) : undefined;
  if (!target) {
    const folder = await chooseFolder();
    const fileName = `${result.code || 'UNIT'}.json`;
    const defaultUri = folder ? vscode.Uri.joinPath(folder.uri, '.standards', fileName) : undefined;
    target = scripted
      ? defaultUri
      : await vscode.window.showSaveDialog({
          title: 'Save the imported unit',
          defaultUri,
          filters: { 'Unit JSON': ['json'] },
        });
  }
  if (!target) return 'cancelled';
  const outcome = await writeWithoutSurprises(
    target,
    result.json,
    scripted ? (scripted.overwrite ?? false) : undefined,
  );
  if (outcome === 'written') {
    await vscode.window.showTextDocument(target);
    const note = result.problems.length ? ` with ${result.problems.length} problem(s) to check (see the output)` : '';
    void vscode.window.showInformationMessage(`Imported ${result.code}${note}.`);
  }
  return outcome;
}

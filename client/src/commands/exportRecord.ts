/**
 * Export Evidence Record…: pick a unit in scope and a format, choose where to save, and write what the server's
 * RecordRequest renders. Never overwrites silently. Tests pass `{ unit, format, target, overwrite?, folder? }`
 * to skip every question; the command then answers 'written', 'exists' or 'cancelled'.
 */
import * as vscode from 'vscode';
import { RecordRequest, type RecordFormat, type RecordParams, type RecordResult } from '../../../server/src/protocol';
import { portfolioFor, type CoverageStore } from '../coverageStore';
import type { Server } from '../languageClient';
import { chooseFolder, toUri, writeWithoutSurprises, type WriteOutcome } from './files';

export interface ExportRecordArgs {
  unit: string;
  format: RecordFormat;
  target: vscode.Uri | string;
  overwrite?: boolean;
  /** A document or folder of the portfolio; default: the active editor's. */
  folder?: vscode.Uri | string;
}

const FORMATS: Array<{ format: RecordFormat; label: string; detail: string; ext: string }> = [
  { format: 'markdown', label: 'Markdown', detail: 'A table to read or paste into a portfolio', ext: 'md' },
  { format: 'csv', label: 'CSV', detail: 'For a spreadsheet', ext: 'csv' },
  { format: 'html', label: 'HTML', detail: 'Print-ready record form for the assessor to sign', ext: 'html' },
  { format: 'json', label: 'JSON', detail: 'For other programs', ext: 'json' },
];

function isArgs(v: unknown): v is ExportRecordArgs {
  const a = v as ExportRecordArgs | undefined;
  return (
    !!a &&
    typeof a.unit === 'string' &&
    FORMATS.some((f) => f.format === a.format) &&
    (typeof a.target === 'string' || a.target instanceof vscode.Uri)
  );
}

async function requestRecord(server: Server, params: RecordParams): Promise<RecordResult | undefined> {
  const result = await server.request<RecordResult>(RecordRequest, params);
  if (!result || result.content === null) {
    void vscode.window.showErrorMessage(
      `No evidence record for ${params.unit}: the unit is not in scope of this portfolio.`,
    );
    return undefined;
  }
  return result;
}

export async function exportRecord(server: Server, store: CoverageStore, args?: unknown): Promise<WriteOutcome> {
  if (isArgs(args)) {
    const folder = args.folder ? toUri(args.folder) : (await chooseFolder())?.uri;
    if (!folder) return 'cancelled';
    const result = await requestRecord(server, { uri: folder.toString(), unit: args.unit, format: args.format });
    if (!result) return 'cancelled';
    return writeWithoutSurprises(toUri(args.target), result.content!, args.overwrite ?? false);
  }

  const folder = await chooseFolder();
  if (!folder) {
    void vscode.window.showInformationMessage('Open a portfolio folder to export its evidence record.');
    return 'cancelled';
  }
  const coverage = store.current ?? (await store.refresh());
  const portfolio = portfolioFor(coverage, folder.uri);
  if (!portfolio || portfolio.units.length === 0) {
    void vscode.window.showInformationMessage('No units are in scope of this portfolio yet: cite a criterion first.');
    return 'cancelled';
  }
  const unit = await vscode.window.showQuickPick(
    portfolio.units.map((u) => ({
      label: u.code,
      description: u.title,
      detail: `P ${u.covered.P}/${u.total.P} · K ${u.covered.K}/${u.total.K}`,
    })),
    { title: 'Export Evidence Record (1/2)', placeHolder: 'Which unit?' },
  );
  if (!unit) return 'cancelled';
  const format = await vscode.window.showQuickPick(FORMATS, {
    title: 'Export Evidence Record (2/2)',
    placeHolder: 'Which format?',
  });
  if (!format) return 'cancelled';
  const result = await requestRecord(server, { uri: folder.uri.toString(), unit: unit.label, format: format.format });
  if (!result) return 'cancelled';
  const target = await vscode.window.showSaveDialog({
    title: `Save the ${unit.label} evidence record`,
    defaultUri: vscode.Uri.joinPath(folder.uri, result.fileName || `${unit.label}-evidence-record.${format.ext}`),
    filters: { [format.label]: [format.ext] },
  });
  if (!target) return 'cancelled';
  const outcome = await writeWithoutSurprises(target, result.content!, undefined);
  if (outcome === 'written') {
    void vscode.window.showInformationMessage(`Saved the ${unit.label} evidence record.`, 'Open').then((choice) => {
      if (choice === 'Open') void vscode.commands.executeCommand('vscode.open', target);
    });
  }
  return outcome;
}

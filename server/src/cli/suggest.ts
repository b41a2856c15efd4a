/**
 * `suggest PATH [--top N] [--format text|json]`: for each paragraph of an account (or of every account in a
 * folder), the criteria it seems to evidence that it does not cite yet, best first, with the shared words.
 * A file is ranked within its folder's portfolio (its units, what is already covered).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { positionAt } from '../core/accounts/lines';
import { computeCoverage } from '../core/coverage/coverage';
import { suggestForAccount } from '../core/features/suggest/suggest';
import { displayPath } from '../io/diskPortfolio';
import { isSkipped, readAccountFile } from '../io/files';
import { formatArg, loadAll, settingsFrom, UsageError, type CliArgs, type Out } from './common';

export interface SuggestJson {
  accounts: Array<{
    file: string;
    paragraphs: Array<{ line: number; suggestions: Array<{ code: string; score: number; why: string[]; text: string }> }>;
  }>;
}

function topArg(value: string | undefined): number {
  if (value === undefined) return 5;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 50) throw new UsageError('--top expects a whole number from 1 to 50');
  return n;
}

/** The folder whose portfolio to load, and the one file to report on when PATH is a file. */
function target(positionals: string[]): { folder: string; file?: string } {
  if (positionals.length !== 2) throw new UsageError('suggest expects one PATH (an account or a folder)');
  const given = path.resolve(positionals[1]);
  if (!fs.existsSync(given)) throw new UsageError(`no such file or folder: ${positionals[1]}`);
  return fs.statSync(given).isDirectory() ? { folder: given } : { folder: path.dirname(given), file: given };
}

export function runSuggest(args: CliArgs, out: Out): number {
  const { folder, file } = target(args.positionals);
  const format = formatArg(args.values, ['text', 'json'], 'text');
  const top = topArg(args.values.top);
  const settings = settingsFrom(args.values);
  const { catalog, portfolio } = loadAll(folder, settings, out);
  const coverage = computeCoverage(catalog, portfolio, settings.minimumEvidence);
  const only = file ? displayPath(file) : undefined;
  if (only && !portfolio.accounts.has(only)) throw new UsageError(`${positionals(args)} is not an account of its folder (see include/exclude, maxFileSize)`);
  const result: SuggestJson = { accounts: [] };
  for (const account of [...portfolio.accounts.values()].sort((a, b) => a.uri.localeCompare(b.uri))) {
    if (only && account.uri !== only) continue;
    const read = readAccountFile(path.resolve(account.uri), settings.maxFileSize);
    if (isSkipped(read)) continue;
    const paragraphs = suggestForAccount(catalog, account, read.text, coverage, top).map((p) => ({
      line: positionAt(account.lineStarts, p.paragraph.start).line + 1,
      suggestions: p.suggestions.map((s) => ({ code: s.code, score: s.score, why: s.why, text: s.text })),
    }));
    result.accounts.push({ file: account.uri, paragraphs });
  }
  if (format === 'json') {
    out.stdout(JSON.stringify(result, null, 2) + '\n');
    return 0;
  }
  for (const a of result.accounts) {
    out.stdout(`${a.file}\n`);
    if (a.paragraphs.length === 0) out.stdout('  (nothing to suggest)\n');
    for (const p of a.paragraphs) {
      out.stdout(`  line ${p.line}:\n`);
      for (const s of p.suggestions) out.stdout(`    ${s.code.padEnd(10)} ${s.score.toFixed(2).padStart(6)}  shares: ${s.why.join(', ')}\n`);
    }
  }
  return 0;
}

function positionals(args: CliArgs): string {
  return args.positionals[1];
}

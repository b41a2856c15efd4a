/**
 * `suggest PATH [--top N] [--format text|json]`: for each paragraph of an account (or of every account in a
 * folder), the criteria it seems to evidence that it does not cite yet, best first, with the shared words.
 * A file is ranked within its folder's portfolio (its units, what is already covered); files are named relative
 * to that folder, as `check` names them.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { computeCoverage, positionAt, suggestForAccount } from '../core';
import { readAccount } from '../io/accountFiles';
import { blockingNodeFileSystem as disk } from '../io/nodeFileSystem';
import { pathToUri, uriToPath } from '../io/uris';
import { formatArg, loadAll, settingsFrom, UsageError, type CliArgs, type Out } from './common';

export interface SuggestJson {
  accounts: Array<{
    file: string;
    paragraphs: Array<{
      line: number;
      suggestions: Array<{ code: string; score: number; why: string[]; text: string }>;
    }>;
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

export async function runSuggest(args: CliArgs, out: Out): Promise<number> {
  const { folder, file } = target(args.positionals);
  const format = formatArg(args.values, ['text', 'json'], 'text');
  const top = topArg(args.values.top);
  const settings = settingsFrom(args.values);
  const { catalog, portfolio, fileOf } = await loadAll(folder, settings, out);
  const coverage = computeCoverage(catalog, portfolio, settings.minimumEvidence);
  const only = file ? pathToUri(file) : undefined;
  if (only && !portfolio.accounts.has(only))
    throw new UsageError(`${args.positionals[1]} is not an account of its folder (see include/exclude, maxFileSize)`);
  const result: SuggestJson = { accounts: [] };
  // In the order of the names printed, as people read them (as `check` does).
  const named = [...portfolio.accounts.values()]
    .map((account) => ({ account, name: fileOf(account.uri) }))
    .sort((a, b) => a.name.localeCompare(b.name));
  for (const { account, name } of named) {
    if (only && account.uri !== only) continue;
    // The portfolio keeps parsed accounts, not their texts: the text is read again for the paragraphs' prose.
    const filePath = uriToPath(account.uri);
    const read = filePath ? await readAccount(disk, filePath, settings.maxFileSize) : undefined;
    if (!read || !('text' in read)) continue;
    const paragraphs = suggestForAccount(catalog, account, read.text, coverage, top).map((p) => ({
      line: positionAt(account.lineStarts, p.paragraph.start).line + 1,
      suggestions: p.suggestions.map((s) => ({ code: s.code, score: s.score, why: s.why, text: s.text })),
    }));
    result.accounts.push({ file: name, paragraphs });
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
      for (const s of p.suggestions)
        out.stdout(`    ${s.code.padEnd(10)} ${s.score.toFixed(2).padStart(6)}  shares: ${s.why.join(', ')}\n`);
    }
  }
  return 0;
}

/**
 * `check [folder] [--writing]`: diagnostics as `file:line:col severity code message`, exit 1 on errors. With
 * `--writing`, the writing checks (hypothetical, identifiable-person) too.
 */
import {
  computeCoverage,
  computeDiagnostics,
  computeWritingDiagnostics,
  positionAt,
  writingSettingsOf,
  type Account,
  type Settings,
} from '../core';
import { readAccount } from '../io/accountFiles';
import { uriToPath } from '../io/uris';
import { blockingNodeFileSystem as disk } from '../io/nodeFileSystem';
import { folderArg, loadAll, settingsFrom, type CliArgs, type Out } from './common';

type Severity = 'error' | 'warning' | 'information' | 'hint';

/** The writing checks of an account, its text read again (the portfolio keeps parsed accounts, not texts). */
async function writingOf(account: Account, settings: Settings) {
  const file = uriToPath(account.uri);
  const read = file ? await readAccount(disk, file, settings.maxFileSize) : undefined;
  return read && 'text' in read ? computeWritingDiagnostics(account, read.text, writingSettingsOf(settings)) : [];
}

export async function runCheck(args: CliArgs, out: Out): Promise<number> {
  const folder = folderArg(args.positionals);
  const settings = settingsFrom(args.values);
  const { catalog, portfolio, fileOf } = await loadAll(folder, settings, out);
  const coverage = computeCoverage(catalog, portfolio, settings.minimumEvidence);
  let gaps = 0;
  const counts = { error: 0, warning: 0, information: 0, hint: 0 };
  // In the order of the names printed, as people read them.
  // Printed once at the end: a write per line cost a twentieth of checking 5,000 accounts.
  const lines: string[] = [];
  const byName = new Intl.Collator().compare; // localeCompare's order, without making a collator per comparison
  const named = [...portfolio.accounts.values()]
    .map((account) => ({ account, file: fileOf(account.uri) }))
    .sort((a, b) => byName(a.file, b.file));
  for (const { account, file } of named) {
    const diagnostics: Array<{ start: number; end: number; severity: Severity; code: string; message: string }> =
      computeDiagnostics(catalog, account, coverage, settings);
    if (args.values.writing) {
      // Opt-in: tagging every account's prose costs far more than checking its citations.
      diagnostics.push(...(await writingOf(account, settings)));
      diagnostics.sort((a, b) => a.start - b.start || a.end - b.end);
    }
    for (const d of diagnostics) {
      const pos = positionAt(account.lineStarts, d.start);
      lines.push(`${file}:${pos.line + 1}:${pos.character + 1} ${d.severity} ${d.code} ${d.message}\n`);
      counts[d.severity]++;
      if (d.code === 'uncovered') gaps++;
    }
  }
  out.stdout(lines.join(''));
  out.stderr(
    `${portfolio.accounts.size} account(s): ${counts.error} error(s), ${counts.warning} warning(s), ` +
      `${counts.information} information, ${counts.hint} hint(s)\n`,
  );
  return counts.error > 0 || (args.values['fail-on-uncovered'] && gaps > 0) ? 1 : 0;
}

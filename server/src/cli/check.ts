/** `check [folder]`: diagnostics as `file:line:col severity code message`, exit 1 on errors. */
import { computeCoverage } from '../core/coverage/coverage';
import { computeDiagnostics } from '../core/features/diagnostics';
import { positionAt } from '../core/accounts/lines';
import { folderArg, loadAll, settingsFrom, type CliArgs, type Out } from './common';

export async function runCheck(args: CliArgs, out: Out): Promise<number> {
  const folder = folderArg(args.positionals);
  const settings = settingsFrom(args.values);
  const { catalog, portfolio, fileOf } = await loadAll(folder, settings, out);
  const coverage = computeCoverage(catalog, portfolio, settings.minimumEvidence);
  let gaps = 0;
  const counts = { error: 0, warning: 0, information: 0, hint: 0 };
  // In the order of the names printed, as people read them.
  const named = [...portfolio.accounts.values()].map((account) => ({ account, file: fileOf(account.uri) }))
    .sort((a, b) => a.file.localeCompare(b.file));
  for (const { account, file } of named) {
    for (const d of computeDiagnostics(catalog, account, coverage, settings)) {
      const pos = positionAt(account.lineStarts, d.start);
      out.stdout(`${file}:${pos.line + 1}:${pos.character + 1} ${d.severity} ${d.code} ${d.message}\n`);
      counts[d.severity]++;
      if (d.code === 'uncovered') gaps++;
    }
  }
  out.stderr(`${portfolio.accounts.size} account(s): ${counts.error} error(s), ${counts.warning} warning(s), ` +
    `${counts.information} information, ${counts.hint} hint(s)\n`);
  return counts.error > 0 || (args.values['fail-on-uncovered'] && gaps > 0) ? 1 : 0;
}

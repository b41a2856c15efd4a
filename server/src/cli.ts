/**
 * `reflective-accounts <command>`: the tutor's command line. Same core as the server; never starts the LSP
 * except for `serve`. Exit codes: 0 fine, 1 errors found (check), 2 bad usage or unreadable input.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { computeCoverage } from './core/coverage';
import { computeDiagnostics } from './core/diagnostics';
import { positionAt } from './core/lines';
import { coverageToJson, renderCoverageMarkdown, renderCoverageText } from './core/report';
import { readSettings, type Settings } from './core/settings';
import { importNos } from './core/importer';
import { loadPortfolio } from './diskPortfolio';
import { loadCatalog } from './loadStandards';

const USAGE = `Usage: reflective-accounts <command> [options]

Commands:
  coverage [folder] [--unit X] [--format text|json|markdown] [--detail]
                       what is covered in a portfolio (default folder: .)
  check [folder] [--fail-on-uncovered]
                       diagnostics as file:line:col severity code message;
                       exit 1 when there are errors (or gaps, with --fail-on-uncovered)
  import SOURCE.txt [--code X] --out FILE.json [--force]
                       turn a National Occupational Standard's text into unit JSON
  serve --stdio        run the language server for other editors

Options for every portfolio command:
  --min-evidence N     accounts needed for a criterion to count as covered (default 1)
  --standards PATH     extra unit JSON file or folder (repeatable)
  --alias CODE=UNIT    a centre's own code for a unit (repeatable)
`;

class UsageError extends Error {}

type Out = { stdout: (s: string) => void; stderr: (s: string) => void };
const realOut: Out = { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) };

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        unit: { type: 'string' },
        format: { type: 'string' },
        detail: { type: 'boolean' },
        'fail-on-uncovered': { type: 'boolean' },
        code: { type: 'string' },
        out: { type: 'string' },
        force: { type: 'boolean' },
        stdio: { type: 'boolean' },
        'min-evidence': { type: 'string' },
        standards: { type: 'string', multiple: true },
        alias: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

type Parsed = ReturnType<typeof parse>;

function settingsFrom(values: Parsed['values']): Settings {
  const aliases: Record<string, string> = {};
  for (const a of values.alias ?? []) {
    const [k, v] = a.split('=');
    if (!k || !v) throw new UsageError(`--alias expects CODE=UNIT, got "${a}"`);
    aliases[k.trim()] = v.trim();
  }
  let min: number | undefined;
  if (values['min-evidence'] !== undefined) {
    min = Number(values['min-evidence']);
    if (!Number.isInteger(min) || min < 1) throw new UsageError('--min-evidence expects a whole number of at least 1');
  }
  return readSettings({ minimumEvidence: min, standardsPaths: values.standards ?? [], unitAliases: aliases });
}

function folderArg(positionals: string[]): string {
  if (positionals.length > 2) throw new UsageError(`expected one folder, got ${positionals.slice(1).join(' ')}`);
  const folder = path.resolve(positionals[1] ?? '.');
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) throw new UsageError(`not a folder: ${positionals[1] ?? '.'}`);
  return folder;
}

function loadAll(folder: string, settings: Settings, out: Out) {
  const { catalog, problems } = loadCatalog(folder, settings);
  for (const p of problems) out.stderr(`warning: ${p.origin}: ${p.message}\n`);
  const disk = loadPortfolio(folder, settings, catalog);
  for (const s of disk.skipped) out.stderr(`skipped ${s.path}: ${s.reason}\n`);
  return { catalog, ...disk };
}

function runCoverage(args: Parsed, out: Out): number {
  const format = args.values.format ?? 'text';
  if (!['text', 'json', 'markdown'].includes(format)) throw new UsageError(`unknown format "${format}" (text, json, markdown)`);
  const folder = folderArg(args.positionals);
  const settings = settingsFrom(args.values);
  const { catalog, portfolio } = loadAll(folder, settings, out);
  let coverage = computeCoverage(catalog, portfolio, settings.minimumEvidence);
  if (args.values.unit) {
    const code = catalog.resolve(args.values.unit);
    if (!code) throw new UsageError(`unknown unit ${args.values.unit}`);
    const only = coverage.units.filter((u) => u.code === code);
    if (only.length === 0) throw new UsageError(`${code} is not in scope in ${path.basename(folder)}: no account lists or cites it`);
    coverage = { ...coverage, units: only };
  }
  const name = path.basename(folder);
  const detail = Boolean(args.values.detail || args.values.unit);
  if (format === 'json') out.stdout(JSON.stringify(coverageToJson(coverage, (u) => u), null, 2) + '\n');
  else if (format === 'markdown') out.stdout(renderCoverageMarkdown(coverage, name, { detail }));
  else out.stdout(renderCoverageText(coverage, name, { detail }));
  return 0;
}

function runCheck(args: Parsed, out: Out): number {
  const folder = folderArg(args.positionals);
  const settings = settingsFrom(args.values);
  const { catalog, portfolio } = loadAll(folder, settings, out);
  const coverage = computeCoverage(catalog, portfolio, settings.minimumEvidence);
  let errors = 0;
  let gaps = 0;
  const counts = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const account of [...portfolio.accounts.values()].sort((a, b) => a.uri.localeCompare(b.uri))) {
    for (const d of computeDiagnostics(catalog, account, coverage, settings)) {
      const pos = positionAt(account.lineStarts, d.start);
      out.stdout(`${account.uri}:${pos.line + 1}:${pos.character + 1} ${d.severity} ${d.code} ${d.message}\n`);
      counts[d.severity]++;
      if (d.severity === 'error') errors++;
      if (d.code === 'uncovered') gaps++;
    }
  }
  out.stderr(`${portfolio.accounts.size} account(s): ${counts.error} error(s), ${counts.warning} warning(s), ` +
    `${counts.information} information, ${counts.hint} hint(s)\n`);
  return errors > 0 || (args.values['fail-on-uncovered'] && gaps > 0) ? 1 : 0;
}

function runImport(args: Parsed, out: Out): number {
  const source = args.positionals[1];
  if (!source) throw new UsageError('import needs a SOURCE.txt');
  if (!args.values.out) throw new UsageError('import needs --out FILE.json');
  let text: string;
  try {
    text = fs.readFileSync(source, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${source}: ${(e as Error).message}`);
  }
  const { unit, problems } = importNos(text, { code: args.values.code, sourceName: path.basename(source) });
  for (const p of problems) out.stderr(`warning: ${source}${p.line ? `:${p.line}` : ''}: ${p.message}\n`);
  if (fs.existsSync(args.values.out) && !args.values.force) {
    throw new UsageError(`${args.values.out} exists; pass --force to overwrite it`);
  }
  fs.writeFileSync(args.values.out, JSON.stringify(unit, null, 2) + '\n');
  const p = unit.criteria.filter((c) => c.kind === 'P').length;
  out.stderr(`wrote ${args.values.out}: ${unit.code || '(no code: pass --code)'} with ${p} performance criteria and ${unit.criteria.length - p} knowledge points\n`);
  return 0;
}

export async function main(argv: string[], out: Out = realOut): Promise<number> {
  try {
    const args = parse(argv);
    const command = args.positionals[0];
    if (args.values.help || !command) {
      (command || args.values.help ? out.stdout : out.stderr)(USAGE);
      return args.values.help ? 0 : 2;
    }
    switch (command) {
      case 'coverage': return runCoverage(args, out);
      case 'check': return runCheck(args, out);
      case 'import': return runImport(args, out);
      case 'serve': {
        if (!args.values.stdio) throw new UsageError('serve supports --stdio only');
        const { startStdioServer } = await import('./main');
        startStdioServer();
        return -1; // keep running
      }
      default: throw new UsageError(`unknown command "${command}"`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      out.stderr(`reflective-accounts: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    out.stderr(`reflective-accounts: ${(e as Error).stack ?? String(e)}\n`);
    return 2;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    if (code >= 0) process.exitCode = code;
  });
}

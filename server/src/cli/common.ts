/** What every CLI command shares: usage errors, output sinks, settings from flags, loading a portfolio. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ASSESSMENT_FILE, readSettings, type Settings } from '../core';
import { loadCatalog } from '../io/catalog';
import { loadPortfolio } from '../io/diskPortfolio';
import { blockingNodeFileSystem as disk } from '../io/nodeFileSystem';
import { displayPath } from '../io/uris';

/** A mistake in how the command was called: printed with the usage, exit code 2. */
export class UsageError extends Error {}

export interface Out {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

export interface CliValues {
  unit?: string;
  format?: string;
  detail?: boolean;
  each?: boolean;
  'fail-on-uncovered'?: boolean;
  code?: string;
  out?: string;
  force?: boolean;
  stdio?: boolean;
  'min-evidence'?: string;
  standards?: string[];
  alias?: string[];
  date?: string;
  'bare-criteria'?: string;
  canonical?: boolean;
  write?: boolean;
  top?: string;
  writing?: boolean;
}

export interface CliArgs {
  values: CliValues;
  positionals: string[];
}

export function settingsFrom(values: CliValues): Settings {
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
  const bare = values['bare-criteria'];
  if (bare !== undefined && bare !== 'context' && bare !== 'off')
    throw new UsageError('--bare-criteria expects context or off');
  return readSettings({
    minimumEvidence: min,
    standardsPaths: values.standards ?? [],
    unitAliases: aliases,
    bareCriteria: bare,
  });
}

export function folderArg(positionals: string[]): string {
  if (positionals.length > 2) throw new UsageError(`expected one folder, got ${positionals.slice(1).join(' ')}`);
  const given = positionals[1] ?? '.';
  const folder = path.resolve(given);
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) throw new UsageError(`not a folder: ${given}`);
  return folder;
}

export function formatArg(values: CliValues, allowed: readonly string[], fallback: string): string {
  const format = values.format ?? fallback;
  if (!allowed.includes(format)) throw new UsageError(`unknown format "${format}" (${allowed.join(', ')})`);
  return format;
}

/**
 * Catalogue and portfolio of a folder, read through the same FileSystem as the server (a command line is
 * trusted: the user named the folder); problems with user standards and skipped files go to stderr.
 * `fileOf` names an account (by URI) the way every output prints it: relative to the portfolio folder.
 */
export async function loadAll(folder: string, settings: Settings, out: Out, opts: { digests?: boolean } = {}) {
  const { catalog, problems } = await loadCatalog(disk, folder, settings, true);
  for (const p of problems) out.stderr(`warning: ${p.origin}: ${p.message}\n`);
  // Evidence digests serve decisions only: worked out when the portfolio has an assessment file (or one is
  // being written), not for every `check`.
  const digests = opts.digests ?? (await disk.stat(path.join(folder, ASSESSMENT_FILE))) !== undefined;
  const read = await loadPortfolio(disk, folder, settings, catalog, { digests });
  for (const s of read.skipped) out.stderr(`skipped ${s.path}: ${s.reason}\n`);
  // Asked once per citation printed: each account's name is worked out once.
  const names = new Map<string, string>();
  const fileOf = (uri: string): string => {
    let name = names.get(uri);
    if (name === undefined) names.set(uri, (name = displayPath(uri, folder)));
    return name;
  };
  return { catalog, ...read, fileOf };
}

/** The record date: --date (for reproducible output) or today, as YYYY-MM-DD. */
export function recordDate(values: CliValues): string {
  if (values.date !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values.date)) throw new UsageError('--date expects YYYY-MM-DD');
    return values.date;
  }
  return new Date().toISOString().slice(0, 10);
}

/** Writes a file the user asked for, refusing to replace an existing one unless --force was given. */
export function writeNewFile(file: string, content: string, force: boolean | undefined): void {
  if (fs.existsSync(file) && !force) throw new UsageError(`${file} exists; pass --force to overwrite it`);
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, content);
}

/** A file the user named on the command line (--out), shown relative to where they ran the command. */
export function shownFromCwd(file: string, cwd = process.cwd()): string {
  const rel = path.relative(cwd, file);
  return (rel.startsWith('..') || path.isAbsolute(rel) ? file : rel).split(path.sep).join('/');
}

/**
 * Synthetic portfolios and a synthetic catalogue for the benchmarks, deterministic from a seed.
 *
 *   tsx bench/generate.ts [--seed 7] [--sizes 10,100,1000,5000] [--out bench/corpus]
 *
 * Portfolios: `p<N>/raNNNN.md`, accounts of about 600 words citing the bundled units the way candidates do
 * (front matter with `units:`, headings, paragraphs with 0–3 citations, lists and ranges, the odd alias,
 * typo, code block, inline code, tutor comment and link to another account).
 * Caseloads: `caseload-50x40/c001/…` (2,000 accounts) and `caseload-125x40/` (5,000), one folder per candidate.
 * Long accounts: `long-20k/`, `long-200k/`, `long-1000k/`, 39 accounts and `diploma.md` of that size.
 * Catalogue: `p100-50k/` is the 100-account portfolio plus `.standards/` holding 500 units of 100 criteria
 * each (50,000 criteria), every file valid against standards/schema.json.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { validateUnitJson } from '../server/src/core/standards/validateUnit';
import {
  bundledBounds,
  DEFAULT_SEED,
  fileName,
  generateAccount,
  generateUnit,
  GENERATOR_VERSION,
  SYNTHETIC_UNITS,
  type UnitBounds,
} from './lib/synthetic';

export { DEFAULT_SEED };

export interface CorpusInfo {
  dir: string;
  accounts: number;
  bytes: number;
}

function dirBytes(dir: string): number {
  let total = 0;
  for (const f of fs.readdirSync(dir)) if (f.endsWith('.md')) total += fs.statSync(path.join(dir, f)).size;
  return total;
}

/** Writes `<out>/<name>/` unless a manifest says it already holds this exact content. */
function writePortfolio(
  out: string,
  name: string,
  n: number,
  seed: number,
  units: UnitBounds[],
  catalogue: boolean,
): CorpusInfo {
  const dir = path.join(out, name);
  const manifest = path.join(dir, '.manifest.json');
  const want = JSON.stringify({ version: GENERATOR_VERSION, seed, n, catalogue });
  if (fs.existsSync(manifest) && fs.readFileSync(manifest, 'utf8') === want)
    return { dir, accounts: n, bytes: dirBytes(dir) };
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (let i = 1; i <= n; i++) fs.writeFileSync(path.join(dir, fileName(i)), generateAccount(seed, i, units));
  if (catalogue) writeCatalogue(path.join(dir, '.standards'), seed);
  fs.writeFileSync(manifest, want);
  return { dir, accounts: n, bytes: dirBytes(dir) };
}

export function writeCatalogue(dir: string, seed: number): void {
  fs.mkdirSync(dir, { recursive: true });
  for (let u = 0; u < SYNTHETIC_UNITS; u++) {
    const unit = generateUnit(seed, u);
    const text = JSON.stringify({ $schema: '../../../../standards/schema.json', ...unit }, null, 2);
    const check = validateUnitJson(text);
    if (!check.unit)
      throw new Error(`synthetic unit ${unit.code} is invalid: ${JSON.stringify(check.problems.slice(0, 3))}`);
    fs.writeFileSync(path.join(dir, `${unit.code}.json`), text + '\n');
  }
}

/** True when `dir` already holds what `want` describes (its manifest says so); else empties it for writing. */
function upToDate(dir: string, want: string): boolean {
  const manifest = path.join(dir, '.manifest.json');
  if (fs.existsSync(manifest) && fs.readFileSync(manifest, 'utf8') === want) return true;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  return false;
}

function treeBytes(dir: string): number {
  let total = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory() && !e.name.startsWith('.')) total += treeBytes(full);
    else if (e.isFile() && e.name.endsWith('.md')) total += fs.statSync(full).size;
  }
  return total;
}

export interface CaseloadInfo extends CorpusInfo {
  /** One folder per candidate, `c01/` …, sorted. */
  candidates: string[];
}

/**
 * A tutor's caseload: `candidates` folders `cNN/` of `perCandidate` accounts each. Account numbers run on
 * across candidates, so no two candidates hand in the same text.
 */
function writeCaseload(
  out: string,
  candidates: number,
  perCandidate: number,
  seed: number,
  units: UnitBounds[],
): CaseloadInfo {
  const dir = path.join(out, `caseload-${candidates}x${perCandidate}`);
  const names = Array.from({ length: candidates }, (_, c) => `c${String(c + 1).padStart(3, '0')}`);
  const want = JSON.stringify({ version: GENERATOR_VERSION, seed, candidates, perCandidate });
  if (!upToDate(dir, want)) {
    names.forEach((name, c) => {
      fs.mkdirSync(path.join(dir, name));
      for (let i = 1; i <= perCandidate; i++) {
        const index = c * perCandidate + i;
        fs.writeFileSync(path.join(dir, name, fileName(index)), generateAccount(seed, index, units));
      }
    });
    fs.writeFileSync(path.join(dir, '.manifest.json'), want);
  }
  return {
    dir,
    accounts: candidates * perCandidate,
    bytes: treeBytes(dir),
    candidates: names.map((n) => path.join(dir, n)),
  };
}

export const LONG_ACCOUNT = 'diploma.md';

/**
 * A candidate's portfolio of 40 accounts, one of which (`diploma.md`) is about `bytes` long: one front matter,
 * then the bodies of as many generated accounts as it takes, as when a whole diploma is pasted into one file.
 */
function writeLongAccountPortfolio(
  out: string,
  bytes: number,
  seed: number,
  units: UnitBounds[],
): CorpusInfo & { file: string } {
  const dir = path.join(out, `long-${bytes / 1000}k`);
  const file = path.join(dir, LONG_ACCOUNT);
  const want = JSON.stringify({ version: GENERATOR_VERSION, seed, bytes });
  if (!upToDate(dir, want)) {
    for (let i = 1; i <= 39; i++) fs.writeFileSync(path.join(dir, fileName(i)), generateAccount(seed, i, units));
    const parts = [
      '---',
      'title: My diploma, all of it',
      'evidence: RA100',
      'units: [LMCA5, LMCB2]',
      '---',
      '',
      '# My diploma',
      '',
    ];
    let size = parts.join('\n').length;
    for (let index = 100; size < bytes; index++) {
      const text = generateAccount(seed, index, units);
      const body = text
        .slice(text.indexOf('\n---\n', 3) + 5)
        .replace(/^\s*# /, '## ')
        .replace(/\n## /g, '\n### ');
      parts.push(body);
      size += body.length + 1;
    }
    fs.writeFileSync(file, parts.join('\n'));
    fs.writeFileSync(path.join(dir, '.manifest.json'), want);
  }
  return { dir, accounts: 40, bytes: treeBytes(dir), file };
}

/** Sizes of the long account typed in: a long account, a very long one, and a pasted diploma. */
export const LONG_ACCOUNT_BYTES = [20_000, 200_000, 1_000_000] as const;

export interface Corpora {
  portfolios: Map<number, CorpusInfo>;
  /** The 100-account portfolio with the 50,000-criterion catalogue in `.standards/`. */
  large: CorpusInfo;
  /** Caseloads by total accounts: 50 × 40 (2,000) and 125 × 40 (5,000). */
  caseloads: Map<number, CaseloadInfo>;
  /** Portfolios holding one long account, by its size in bytes. */
  long: Map<number, CorpusInfo & { file: string }>;
}

export function ensureCorpora(
  root: string,
  out: string,
  sizes: readonly number[],
  seed = DEFAULT_SEED,
  caseloadSizes: readonly number[] = [2000, 5000],
): Corpora {
  const units = bundledBounds(root);
  const portfolios = new Map<number, CorpusInfo>();
  for (const n of sizes) portfolios.set(n, writePortfolio(out, `p${n}`, n, seed, units, false));
  const large = writePortfolio(out, 'p100-50k', 100, seed, units, true);
  const caseloads = new Map(caseloadSizes.map((n) => [n, writeCaseload(out, n / 40, 40, seed, units)] as const));
  const long = new Map(LONG_ACCOUNT_BYTES.map((b) => [b, writeLongAccountPortfolio(out, b, seed, units)] as const));
  return { portfolios, large, caseloads, long };
}

function main(): void {
  const args = process.argv.slice(2);
  const opt = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const root = path.resolve(__dirname, '..');
  const seed = Number(opt('seed') ?? DEFAULT_SEED);
  const sizes = (opt('sizes') ?? '10,100,1000,5000').split(',').map(Number);
  const out = path.resolve(opt('out') ?? path.join(root, 'bench', 'corpus'));
  const t0 = Date.now();
  const corpora = ensureCorpora(root, out, sizes, seed);
  for (const c of [
    ...corpora.portfolios.values(),
    corpora.large,
    ...corpora.caseloads.values(),
    ...corpora.long.values(),
  ]) {
    console.log(`${path.relative(root, c.dir)}: ${c.accounts} accounts, ${(c.bytes / 1e6).toFixed(2)} MB`);
  }
  console.log(`done in ${Date.now() - t0} ms (seed ${seed})`);
}

if (require.main === module) main();

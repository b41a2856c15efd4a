/**
 * Builds the bundled standards: for every entry of standards/units.config.json, imports the NOS source
 * text, applies standards/errata.json and writes standards/<CODE>.json.
 *
 *   npx tsx scripts/build-standards.ts           write the files (refuses when there are problems)
 *   npx tsx scripts/build-standards.ts --check   only compare with the files on disk
 *   npx tsx scripts/build-standards.ts --force   write even when there are problems
 *
 * Exit code 1 when any problem is found (or, with --check, when a file is out of date).
 */

import * as fs from 'node:fs';
import * as path from 'node:path';
import { importNos } from '../server/src/core/standards/importer';
import { applyErrata, Erratum } from '../server/src/core/standards/errata';
import type { UnitData } from '../server/src/core/standards/unit';

export interface UnitConfigEntry {
  /** Source text, relative to standards/. */
  source: string;
  /** Output file name inside standards/, e.g. "LMCA5.json". */
  output: string;
  code: string;
  aliases?: string[];
  codeConfirmed?: boolean;
  /** Whether the title is expected to be derived from the overview (checked, not imposed). */
  titleDerived?: boolean;
  note?: string;
}

export interface UnitBuildReport {
  output: string;
  code: string;
  performanceCount: number;
  knowledgeCount: number;
  glossaryCount: number;
  errataApplied: Erratum[];
  problems: string[];
}

export interface StandardsBuild {
  /** Output file name → exact JSON text to write. */
  files: Map<string, string>;
  units: UnitBuildReport[];
  /** Problems not tied to one unit (unreadable config, errata for unknown units). */
  problems: string[];
}

/** Everything the build would write, keyed by output file name (e.g. "LMCA5.json"). */
export function buildAllStandards(rootDir: string): Map<string, string> {
  return buildStandards(rootDir).files;
}

export function buildStandards(rootDir: string): StandardsBuild {
  const standardsDir = path.join(rootDir, 'standards');
  const config = readJson<{ units: UnitConfigEntry[] }>(path.join(standardsDir, 'units.config.json'));
  const errata = readJson<Erratum[]>(path.join(standardsDir, 'errata.json'));
  const build: StandardsBuild = { files: new Map(), units: [], problems: [] };

  for (const entry of config.units) {
    const report = buildUnit(standardsDir, entry, errata);
    build.units.push(report.report);
    if (report.json !== undefined) build.files.set(entry.output, report.json);
  }

  const builtNames = new Set(
    config.units.flatMap((u) => [u.code, ...(u.aliases ?? [])]).map((name) => name.toUpperCase()),
  );
  for (const erratum of errata) {
    if (!builtNames.has(erratum.unit.toUpperCase()))
      build.problems.push(`errata.json: erratum for unknown unit ${erratum.unit}`);
  }
  return build;
}

function buildUnit(
  standardsDir: string,
  entry: UnitConfigEntry,
  errata: Erratum[],
): { report: UnitBuildReport; json?: string } {
  const problems: string[] = [];
  const report: UnitBuildReport = {
    output: entry.output,
    code: entry.code,
    performanceCount: 0,
    knowledgeCount: 0,
    glossaryCount: 0,
    errataApplied: [],
    problems,
  };
  let text: string;
  try {
    text = fs.readFileSync(path.join(standardsDir, entry.source), 'utf8');
  } catch (error) {
    problems.push(`cannot read ${entry.source}: ${(error as Error).message}`);
    return { report };
  }

  const imported = importNos(text, { code: entry.code, sourceName: path.basename(entry.source) });
  for (const problem of imported.problems) {
    problems.push(
      problem.line ? `${entry.source}:${problem.line}: ${problem.message}` : `${entry.source}: ${problem.message}`,
    );
  }
  const configured = applyUnitConfig(imported.unit, entry, problems);
  const repaired = applyErrata(configured, errata);
  problems.push(...repaired.problems);

  const unit = repaired.unit;
  report.performanceCount = unit.criteria.filter((c) => c.kind === 'P').length;
  report.knowledgeCount = unit.criteria.filter((c) => c.kind === 'K').length;
  report.glossaryCount = unit.glossary.length;
  report.errataApplied = repaired.applied;
  return { report, json: serialiseUnit(unit) };
}

/**
 * What the config knows that the text does not: extra aliases and whether the code is confirmed.
 * `titleDerived` is an expectation only: a mismatch means the source changed under us.
 */
function applyUnitConfig(unit: UnitData, entry: UnitConfigEntry, problems: string[]): UnitData {
  const aliases = [...new Set([...(entry.aliases ?? []), ...unit.aliases])].filter((alias) => alias !== unit.code);
  let codeConfirmed = unit.codeConfirmed;
  if (entry.codeConfirmed !== undefined) {
    if (entry.codeConfirmed && !unit.codeConfirmed) {
      problems.push(`${entry.code}: config says the code is confirmed but the source text does not carry it`);
    }
    codeConfirmed = entry.codeConfirmed;
  }
  if (entry.titleDerived !== undefined && entry.titleDerived !== unit.titleDerived) {
    problems.push(`${entry.code}: expected titleDerived ${entry.titleDerived}, importer gave ${unit.titleDerived}`);
  }
  return { ...unit, aliases, codeConfirmed };
}

/** 2-space JSON with a trailing newline and the key order fixed, so rebuilds are byte-for-byte stable. */
export function serialiseUnit(unit: UnitData): string {
  const ordered = {
    code: unit.code,
    aliases: unit.aliases,
    title: unit.title,
    titleDerived: unit.titleDerived,
    codeConfirmed: unit.codeConfirmed,
    overview: unit.overview,
    ...(unit.source !== undefined ? { source: unit.source } : {}),
    criteria: unit.criteria.map((c) => ({
      id: c.id,
      kind: c.kind,
      number: c.number,
      text: c.text,
      section: c.section,
    })),
    glossary: unit.glossary.map((g) => ({ term: g.term, text: g.text, scope: g.scope })),
  };
  return JSON.stringify(ordered, null, 2) + '\n';
}

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

function main(argv: string[]): number {
  const rootDir = path.resolve(__dirname, '..');
  const check = argv.includes('--check');
  const force = argv.includes('--force');
  const build = buildStandards(rootDir);
  let problemCount = build.problems.length;

  for (const unit of build.units) {
    const errata = unit.errataApplied.map((e) => `${e.id} "${e.find}" → "${e.replace}"`).join('; ');
    console.log(
      `${unit.output}: ${unit.code}  P ${unit.performanceCount}  K ${unit.knowledgeCount}  glossary ${unit.glossaryCount}` +
        (errata ? `  errata: ${errata}` : ''),
    );
    for (const problem of unit.problems) console.log(`  problem: ${problem}`);
    problemCount += unit.problems.length;
  }
  for (const problem of build.problems) console.log(`problem: ${problem}`);

  const standardsDir = path.join(rootDir, 'standards');
  if (check) {
    const stale = [...build.files].filter(([name, json]) => {
      const file = path.join(standardsDir, name);
      return !fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== json;
    });
    for (const [name] of stale) console.log(`out of date: standards/${name}`);
    return problemCount > 0 || stale.length > 0 ? 1 : 0;
  }
  if (problemCount > 0 && !force) {
    console.log(`${problemCount} problem(s); nothing written (use --force to write anyway)`);
    return 1;
  }
  for (const [name, json] of build.files) fs.writeFileSync(path.join(standardsDir, name), json);
  console.log(`wrote ${build.files.size} file(s) to standards/`);
  return problemCount > 0 ? 1 : 0;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}

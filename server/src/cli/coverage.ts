/** `coverage [folder]`: one portfolio's coverage, or with --each one summary row per candidate and unit. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import {
  CSV_HEADER,
  buildRecord,
  computeCoverage,
  computeDiagnostics,
  coverageToJson,
  kindName,
  renderCoverageMarkdown,
  renderCoverageText,
  renderRecordHtml,
  type Coverage,
} from '../core';
import { loadReview, recordReviewOf } from './review';
import { folderArg, formatArg, loadAll, recordDate, settingsFrom, UsageError, type CliArgs, type Out } from './common';

const FORMATS = ['text', 'json', 'markdown', 'csv', 'html'] as const;

function coverageCsv(coverage: Coverage): string {
  const rows = coverage.units.flatMap((u) =>
    u.criteria.map((c) => [
      u.code,
      kindName(c.kind),
      c.id,
      c.section,
      c.text,
      [...new Set(c.citations.map((r) => r.evidence))].join(', '),
      c.state,
    ]),
  );
  return '\uFEFF' + stringify([CSV_HEADER, ...rows], { record_delimiter: '\r\n' });
}

export async function runCoverage(args: CliArgs, out: Out): Promise<number> {
  if (args.values.each) return await runCaseload(args, out);
  const format = formatArg(args.values, FORMATS, 'text');
  const folder = folderArg(args.positionals);
  const settings = settingsFrom(args.values);
  const loaded = await loadAll(folder, settings, out);
  const { catalog, portfolio, fileOf } = loaded;
  let coverage = computeCoverage(catalog, portfolio, settings.minimumEvidence);
  if (args.values.unit) {
    const code = catalog.resolve(args.values.unit);
    if (!code) throw new UsageError(`unknown unit ${args.values.unit}`);
    const only = coverage.units.filter((u) => u.code === code);
    if (only.length === 0)
      throw new UsageError(`${code} is not in scope in ${path.basename(folder)}: no account lists or cites it`);
    coverage = { ...coverage, units: only };
  }
  const name = path.basename(folder);
  const detail = Boolean(args.values.detail || args.values.unit);
  switch (format) {
    case 'json':
      out.stdout(JSON.stringify(coverageToJson(coverage, fileOf), null, 2) + '\n');
      break;
    case 'markdown':
      out.stdout(renderCoverageMarkdown(coverage, name, { detail }));
      break;
    case 'csv':
      out.stdout(coverageCsv(coverage));
      break;
    case 'html': {
      const opts = { portfolio: name, date: recordDate(args.values), fileOf };
      const review = loadReview(folder, loaded, coverage, out);
      out.stdout(
        renderRecordHtml(
          coverage.units.map((u) =>
            buildRecord(coverage, u.code, { ...opts, review: recordReviewOf(review, u.code) })!,
          ),
        ),
      );
      break;
    }
    default:
      out.stdout(renderCoverageText(coverage, name, { detail }));
  }
  return 0;
}

interface CaseloadRow {
  candidate: string;
  unit: string;
  performance: { covered: number; total: number };
  knowledge: { covered: number; total: number };
  /** Criteria the assessor accepted (and still as accepted), and those changed since. */
  accepted: number;
  changed: number;
  errors: number;
  accounts: number;
}

/** Every sub-folder of the caseload folder is one candidate's portfolio. */
async function caseloadRows(folder: string, args: CliArgs, out: Out): Promise<CaseloadRow[]> {
  const settings = settingsFrom(args.values);
  const candidates = fs
    .readdirSync(folder, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules')
    .map((e) => e.name)
    .sort();
  if (candidates.length === 0)
    throw new UsageError(`${folder} has no sub-folders: --each expects one folder per candidate`);
  const rows: CaseloadRow[] = [];
  for (const candidate of candidates) {
    const loaded = await loadAll(path.join(folder, candidate), settings, out);
    const { catalog, portfolio } = loaded;
    const coverage = computeCoverage(catalog, portfolio, settings.minimumEvidence);
    let errors = 0;
    for (const account of portfolio.accounts.values()) {
      errors += computeDiagnostics(catalog, account, coverage, settings).filter((d) => d.severity === 'error').length;
    }
    const base = { candidate, errors, accounts: portfolio.accounts.size };
    const review = loadReview(path.join(folder, candidate), loaded, coverage, out);
    if (coverage.units.length === 0) {
      rows.push({
        ...base,
        unit: '',
        performance: { covered: 0, total: 0 },
        knowledge: { covered: 0, total: 0 },
        accepted: 0,
        changed: 0,
      });
    }
    for (const u of coverage.units) {
      const r = review.unit(u.code)!;
      rows.push({
        ...base,
        unit: u.code,
        accepted: r.accepted,
        changed: r.changed,
        performance: { covered: u.covered.P, total: u.total.P },
        knowledge: { covered: u.covered.K, total: u.total.K },
      });
    }
  }
  return rows;
}

async function runCaseload(args: CliArgs, out: Out): Promise<number> {
  const format = formatArg(args.values, ['text', 'json', 'markdown', 'csv'], 'text');
  const folder = folderArg(args.positionals);
  const rows = await caseloadRows(folder, args, out);
  const cells = (r: CaseloadRow) => [
    r.candidate,
    r.unit || '(none)',
    `${r.performance.covered}/${r.performance.total}`,
    `${r.knowledge.covered}/${r.knowledge.total}`,
    r.changed ? `${r.accepted} (${r.changed} changed)` : String(r.accepted),
    String(r.errors),
  ];
  const header = ['Candidate', 'Unit', 'P covered', 'K covered', 'Accepted', 'Errors'];
  if (format === 'json') out.stdout(JSON.stringify({ candidates: rows }, null, 2) + '\n');
  else if (format === 'csv')
    out.stdout('\uFEFF' + stringify([header, ...rows.map(cells)], { record_delimiter: '\r\n' }));
  else if (format === 'markdown') {
    out.stdout(
      [
        `| ${header.join(' | ')} |`,
        `|${header.map(() => '---').join('|')}|`,
        ...rows.map(
          (r) =>
            `| ${cells(r)
              .map((c) => c.replace(/\|/g, '\\|'))
              .join(' | ')} |`,
        ),
      ].join('\n') + '\n',
    );
  } else {
    const table = [header, ...rows.map(cells)];
    const widths = header.map((_, i) => Math.max(...table.map((r) => r[i].length)));
    out.stdout(
      table
        .map((r) =>
          r
            .map((c, i) => c.padEnd(widths[i]))
            .join('  ')
            .trimEnd(),
        )
        .join('\n') + '\n',
    );
  }
  return 0;
}

/**
 * The evidence record of one unit: what an assessor signs off. Every P and K with its text, its section and
 * the evidence numbers of the accounts where it is met (the "Evidence number where this criterion has been
 * met" column of the SVQ record forms), a summary, and the portfolio's list of accounts.
 * Rendering to Markdown, CSV, HTML and JSON is in recordFormats.ts; this file only gathers the rows.
 */
import type { Coverage, CoverageState } from '../coverage/coverage';
import type { FileNamer } from './report';
import type { CriterionKind } from '../standards/unit';
import type { CriterionReview } from '../review/reviewState';
import { rowReview, type RecordReview, type RowReview } from '../review/recordReview';

export interface RecordRow {
  id: string;
  kind: CriterionKind;
  section: string;
  text: string;
  /** Evidence numbers of the accounts citing it, in portfolio order, once each. */
  evidence: string[];
  state: CoverageState;
  /** The assessor's decision and the review state, when the record carries the review (recordReview.ts). */
  review?: RowReview;
}

export interface EvidenceRecord {
  unit: { code: string; title: string; codeConfirmed: boolean; titleDerived: boolean };
  portfolio: string;
  minimumEvidence: number;
  /** ISO date (YYYY-MM-DD) the record was produced; passed in so output is reproducible. */
  date: string;
  summary: Record<CriterionKind, { covered: number; total: number }>;
  rows: RecordRow[];
  accounts: Array<{ evidence: string; title: string; file: string }>;
  /** Decisions counted and open review threads: present when the portfolio is being reviewed. */
  review?: RecordReview;
}

/** Builds the record of `unitCode`, or undefined when that unit is not in scope of the portfolio. */
export function buildRecord(
  coverage: Coverage,
  unitCode: string,
  opts: {
    portfolio: string;
    date: string;
    fileOf: FileNamer;
    /** The review of this unit (core/review/reviewState.ts) and the portfolio's open threads, to carry both. */
    review?: { criteria: ReadonlyMap<string, CriterionReview>; openThreads: number };
  },
): EvidenceRecord | undefined {
  const uc = coverage.units.find((u) => u.code === unitCode);
  if (!uc) return undefined;
  const order = new Map(coverage.accounts.map((a, i) => [a.evidence, i]));
  const record: EvidenceRecord = {
    unit: { code: uc.code, title: uc.title, codeConfirmed: uc.codeConfirmed, titleDerived: uc.titleDerived },
    portfolio: opts.portfolio,
    minimumEvidence: coverage.minimumEvidence,
    date: opts.date,
    summary: { P: { covered: uc.covered.P, total: uc.total.P }, K: { covered: uc.covered.K, total: uc.total.K } },
    rows: uc.criteria.map((c) => ({
      id: c.id,
      kind: c.kind,
      section: c.section,
      text: c.text,
      state: c.state,
      evidence: [...new Set(c.citations.map((r) => r.evidence))].sort(
        (a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0),
      ),
    })),
    accounts: coverage.accounts.map((a) => ({ evidence: a.evidence, title: a.title ?? '', file: opts.fileOf(a.uri) })),
  };
  if (opts.review) {
    const review = opts.review;
    for (const row of record.rows) row.review = rowReview(review.criteria.get(row.id));
    record.review = {
      accepted: record.rows.filter((r) => r.review?.state === 'accepted').length,
      changed: record.rows.filter((r) => r.review?.state === 'changed').length,
      openThreads: review.openThreads,
    };
  }
  return record;
}

/** Rows grouped under their section headings, in order, for formats that print headings. */
export function rowsBySection(
  rows: readonly RecordRow[],
): Array<{ kind: CriterionKind; section: string; rows: RecordRow[] }> {
  const groups: Array<{ kind: CriterionKind; section: string; rows: RecordRow[] }> = [];
  for (const row of rows) {
    const last = groups[groups.length - 1];
    if (last && last.kind === row.kind && last.section === row.section) last.rows.push(row);
    else groups.push({ kind: row.kind, section: row.section, rows: [row] });
  }
  return groups;
}

export function recordFileName(unitCode: string, format: 'markdown' | 'csv' | 'html' | 'json'): string {
  const ext = { markdown: 'md', csv: 'csv', html: 'html', json: 'json' }[format];
  return `${unitCode}-evidence-record.${ext}`;
}

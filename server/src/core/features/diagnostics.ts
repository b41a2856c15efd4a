/**
 * Diagnostics of one account, with stable codes. Offsets only: the glue turns them into positions.
 * "uncovered" depends on the whole portfolio, so it takes the coverage fold as input.
 */
import type { Account } from '../accounts/account';
import { canonicalItem, expandItem, rangeShapeProblem, type Citation, type CitationItem } from '../citations/codes';
import { compressIds, uncoveredIds, type Coverage, type UnitCoverage } from '../coverage/coverage';
import type { Settings, Severity } from '../settings';
import { describeBounds, kindName, suggestUnit, type Catalog, type Unit } from '../standards/standards';
import { bareItemDiagnostics, nearMissDiagnostic, unclearUnitDiagnostic } from './notCounted';
import { reviewNotes } from '../review/reviewNotes';

/** Stable diagnostic codes: tests, quick fixes and users' settings rely on these strings. */
export const DiagnosticCode = {
  UnknownUnit: 'unknown-unit',
  UnknownCriterion: 'unknown-criterion',
  InvalidRange: 'invalid-range',
  NonCanonical: 'non-canonical',
  Uncovered: 'uncovered',
  OverClaimed: 'over-claimed',
  FrontMatter: 'front-matter',
  /** Citation-shaped text that counts nothing: a bare criterion with no clear unit, `P21a`, `P1.2`, `A5/P21`. */
  NotCounted: 'not-counted',
  /** An open review thread (core/review/reviewNotes.ts). */
  ReviewNote: 'review-note',
} as const;
export type DiagnosticCode = (typeof DiagnosticCode)[keyof typeof DiagnosticCode];

export const DIAGNOSTIC_SOURCE = 'reflective-accounts';

export interface CoreDiagnostic {
  start: number;
  end: number;
  severity: Severity;
  code: DiagnosticCode;
  message: string;
  /** For quick fixes: the text that should replace [start, end). */
  replacement?: string;
  /** For "uncovered": the unit it is about (the code lens and panel open it). */
  unit?: string;
  /** Quick fixes, each replacing [start, end) (or its own range) with its text: one per candidate unit, say. */
  fixes?: Array<{ title: string; newText: string; start?: number; end?: number }>;
}

const MAX_LISTED = 20;

function normaliseDashes(s: string): string {
  return s.replace(/\s*[-\u2010-\u2014]\s*/g, '-');
}

function checkItem(unit: Unit, item: CitationItem, out: CoreDiagnostic[]): void {
  const shape = rangeShapeProblem(item);
  if (shape) {
    out.push({
      start: item.start,
      end: item.end,
      severity: 'error',
      code: DiagnosticCode.InvalidRange,
      message: `Invalid range ${item.text}: it ${shape}`,
    });
    return;
  }
  const count = unit.counts[item.kind];
  if (item.isRange) {
    if (item.from < 1 || item.to > count) {
      out.push({
        start: item.start,
        end: item.end,
        severity: 'error',
        code: DiagnosticCode.InvalidRange,
        message: `Invalid range ${item.text}: ${unit.code} has ${kindName(item.kind, true)} ${describeBounds(unit, item.kind)} only`,
      });
      return;
    }
  } else if (item.from < 1 || item.from > count) {
    out.push({
      start: item.start,
      end: item.end,
      severity: 'error',
      code: DiagnosticCode.UnknownCriterion,
      message: `${unit.code} has no ${kindName(item.kind)} ${item.kind}${item.from} (${describeBounds(unit, item.kind)})`,
    });
    return;
  }
  const canonical = canonicalItem(item);
  // Hyphen and en dash are both canonical in ranges; case, zero padding and "P1-4" shorthand are not.
  // (Most items are written canonically already: the pattern runs only on the others.)
  if (item.text !== canonical && normaliseDashes(item.text) !== canonical) {
    out.push({
      start: item.start,
      end: item.end,
      severity: 'hint',
      code: DiagnosticCode.NonCanonical,
      message: `Write ${canonical} (canonical form of ${item.text})`,
      replacement: canonical,
    });
  }
}

function citationDiagnostics(
  catalog: Catalog,
  citation: Citation,
  inUse: ReadonlySet<string>,
  out: CoreDiagnostic[],
): void {
  const unit = citation.unitCode ? catalog.unit(citation.unitCode) : undefined;
  if (citation.bare) {
    if (!unit) {
      out.push(unclearUnitDiagnostic(catalog, citation, inUse));
      return;
    }
    // A bare criterion past the end of its context's unit may mean another unit: a warning, not an error.
    bareItemDiagnostics(unit, citation, out);
    for (const item of citation.items) if (rangeShapeProblem(item)) checkItem(unit, item, out);
    return;
  }
  if (!unit) {
    const suggestion = suggestUnit(catalog, citation.unitText, inUse);
    out.push({
      start: citation.unitStart,
      end: citation.unitEnd,
      severity: 'error',
      code: DiagnosticCode.UnknownUnit,
      message: `Unknown unit ${citation.unitText}.` + (suggestion ? ` Did you mean ${suggestion}?` : ''),
      replacement: suggestion,
    });
    return;
  }
  if (citation.unitText !== unit.code) {
    out.push({
      start: citation.unitStart,
      end: citation.unitEnd,
      severity: 'hint',
      code: DiagnosticCode.NonCanonical,
      message: `Write ${unit.code} (canonical code for ${citation.unitText})`,
      replacement: unit.code,
    });
  }
  for (const item of citation.items) checkItem(unit, item, out);
}

/**
 * The message for a unit, worked out once per coverage revision: every account listing the unit shows the
 * same one, and building it walks all the unit's criteria (a thousand accounts asked it a thousand times).
 */
const uncoveredMessages = new WeakMap<UnitCoverage, { revision: number; message: string | undefined }>();

function uncoveredMessageAt(uc: UnitCoverage, revision: number): string | undefined {
  const known = uncoveredMessages.get(uc);
  if (known?.revision === revision) return known.message;
  const message = uncoveredMessage(uc);
  uncoveredMessages.set(uc, { revision, message });
  return message;
}

function uncoveredMessage(uc: UnitCoverage): string | undefined {
  const missing = uncoveredIds(uc);
  if (missing.length === 0) return undefined;
  const p = uc.total.P - uc.covered.P;
  const k = uc.total.K - uc.covered.K;
  const parts: string[] = [];
  if (p > 0) parts.push(`${p} of ${uc.total.P} ${kindName('P', true)}`);
  if (k > 0) parts.push(`${k} of ${uc.total.K} ${kindName('K', true)}`);
  const runs = compressIds(missing);
  const listed = runs.slice(0, MAX_LISTED).join(', ') + (runs.length > MAX_LISTED ? ', …' : '');
  return `${uc.code}: ${parts.join(' and ')} not yet covered: ${listed}`;
}

/**
 * One "uncovered" message per in-scope unit that this account is about: on its `units:` entry here, or, when
 * no account of the portfolio lists the unit, on this account's first citation of it.
 */
function uncoveredDiagnostics(
  catalog: Catalog,
  account: Account,
  coverage: Coverage,
  severity: Severity,
  out: CoreDiagnostic[],
): void {
  const placed = new Set<string>();
  for (const entry of account.frontMatter?.units ?? []) {
    const code = catalog.resolve(entry.text);
    const uc = coverage.units.find((u) => u.code === code);
    if (!uc || placed.has(uc.code)) continue;
    placed.add(uc.code);
    const message = uncoveredMessageAt(uc, coverage.revision);
    if (message)
      out.push({
        start: entry.start,
        end: entry.end,
        severity,
        code: DiagnosticCode.Uncovered,
        message,
        unit: uc.code,
      });
  }
  for (const citation of account.citations) {
    const uc = coverage.units.find((u) => u.code === citation.unitCode);
    if (!uc || placed.has(uc.code)) continue;
    placed.add(uc.code);
    if (uc.declaredIn.length > 0) continue;
    const message = uncoveredMessageAt(uc, coverage.revision);
    if (message) {
      out.push({
        start: citation.start,
        end: citation.end,
        severity,
        code: DiagnosticCode.Uncovered,
        message,
        unit: uc.code,
      });
    }
  }
}

function overClaimedDiagnostics(account: Account, settings: Settings, out: CoreDiagnostic[]): void {
  // Paragraphs and citations are both in text order: one sweep pairs them (a nested loop took minutes on
  // a 10 MB account with 50,000 of each).
  const citations = account.citations;
  let first = 0;
  for (const p of account.paragraphs) {
    while (first < citations.length && citations[first].start < p.start) first++;
    let cited = 0;
    for (let i = first; i < citations.length && citations[i].start < p.end; i++) {
      const c = citations[i];
      if (c.end > p.end || !c.unitCode) continue;
      for (const item of c.items) cited += expandItem(item).length;
    }
    if (cited < settings.overClaimedMinCriteria) continue;
    if (p.words >= cited * settings.overClaimedWordsPerCriterion) continue;
    out.push({
      start: p.start,
      end: p.end,
      severity: settings.overClaimedSeverity as Severity,
      code: DiagnosticCode.OverClaimed,
      message:
        `This paragraph cites ${cited} criteria in ${p.words} words: an assessor may ask where each is evidenced` +
        ` (aim for at least ${settings.overClaimedWordsPerCriterion} words per criterion)`,
    });
  }
}

export function computeDiagnostics(
  catalog: Catalog,
  account: Account,
  coverage: Coverage,
  settings: Settings,
): CoreDiagnostic[] {
  const out: CoreDiagnostic[] = [];
  const inUse = new Set(coverage.units.map((u) => u.code));
  for (const p of account.problems) {
    out.push({ start: p.start, end: p.end, severity: 'error', code: DiagnosticCode.FrontMatter, message: p.message });
  }
  for (const entry of account.frontMatter?.units ?? []) {
    const code = catalog.resolve(entry.text);
    if (!code) {
      const suggestion = suggestUnit(catalog, entry.text, inUse);
      out.push({
        start: entry.start,
        end: entry.end,
        severity: 'error',
        code: DiagnosticCode.UnknownUnit,
        message: `Unknown unit ${entry.text}.` + (suggestion ? ` Did you mean ${suggestion}?` : ''),
        replacement: suggestion,
      });
    } else if (entry.text !== code) {
      out.push({
        start: entry.start,
        end: entry.end,
        severity: 'hint',
        code: DiagnosticCode.NonCanonical,
        message: `Write ${code} (canonical code for ${entry.text})`,
        replacement: code,
      });
    }
  }
  for (const c of account.citations) citationDiagnostics(catalog, c, inUse, out);
  for (const miss of account.nearMisses) out.push(nearMissDiagnostic(catalog, miss, inUse));
  if (settings.uncoveredSeverity !== 'off')
    uncoveredDiagnostics(catalog, account, coverage, settings.uncoveredSeverity, out);
  if (settings.overClaimedSeverity !== 'off') overClaimedDiagnostics(account, settings, out);
  for (const n of reviewNotes(account)) out.push({ ...n, severity: 'information', code: DiagnosticCode.ReviewNote });
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * Go to definition and find references. A criterion is "defined" in its unit's read-only document, which
 * this module renders as Markdown (title, overview, each section with its items, glossary) together with the
 * line of every criterion, so the location the server answers always matches the text it serves.
 */
import type { Account } from '../accounts/account';
import type { CitationRef, Coverage } from '../coverage/coverage';
import { citationAt, itemAt, unitFlags } from './hover';
import { kindName, type Catalog, type Unit } from '../standards/standards';
import type { CriterionKind } from '../standards/unit';

export interface UnitDocument {
  text: string;
  /** Criterion id → 0-based line, and the columns of the id on that line. */
  lines: Map<string, { line: number; start: number; end: number }>;
}

/** What a cursor points at: a unit, or one criterion of it. */
export interface NavigationTarget {
  unitCode: string;
  /** Undefined when the cursor is on the unit itself. */
  criterionId?: string;
  /** Offsets of the text under the cursor. */
  start: number;
  end: number;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

const documents = new WeakMap<Unit, UnitDocument>();

export function renderUnitDocument(unit: Unit): UnitDocument {
  const cached = documents.get(unit);
  if (cached) return cached;
  const out: string[] = [];
  const lines = new Map<string, { line: number; start: number; end: number }>();
  out.push(`# ${unit.code} — ${oneLine(unit.title)}`, '');
  const flags = unitFlags(unit);
  if (flags.length) out.push(`*${flags.join(', ')}*`, '');
  if (unit.aliases.length) out.push(`Also written: ${unit.aliases.join(', ')}`, '');
  if (unit.overview) out.push('## Overview', '', oneLine(unit.overview), '');
  for (const kind of ['P', 'K'] as CriterionKind[]) {
    const criteria = unit.criteria.filter((c) => c.kind === kind);
    if (criteria.length === 0) continue;
    out.push(`## ${kind === 'P' ? 'Performance criteria' : 'Knowledge and understanding'}`, '');
    let section: string | undefined;
    for (const c of criteria) {
      if (c.section !== section) {
        if (section !== undefined) out.push('');
        section = c.section;
        if (section) out.push(`### ${oneLine(section)}`, '');
      }
      lines.set(c.id, { line: out.length, start: 2, end: 2 + c.id.length });
      out.push(`- ${c.id} ${oneLine(c.text)}`);
    }
    out.push('');
  }
  if (unit.glossary.length) {
    out.push('## Glossary', '');
    for (const g of unit.glossary)
      out.push(g.term ? `- **${oneLine(g.term)}**: ${oneLine(g.text)}` : `- ${oneLine(g.text)}`);
    out.push('');
  }
  const doc = { text: out.join('\n'), lines };
  documents.set(unit, doc);
  return doc;
}

/** What joins the two ends of a range: a hyphen or dash, or the word "to". */
const RANGE_JOIN = /[-\u2010-\u2014]|\sto\s/i;

/** The unit or criterion under the cursor: a citation's unit, a list or range item, or a `units:` entry. */
export function navigationTargetAt(catalog: Catalog, account: Account, offset: number): NavigationTarget | undefined {
  for (const entry of account.frontMatter?.units ?? []) {
    if (offset < entry.start || offset > entry.end) continue;
    const unit = catalog.unit(entry.text);
    return unit ? { unitCode: unit.code, start: entry.start, end: entry.end } : undefined;
  }
  const citation = citationAt(account, offset);
  const unit = citation?.unitCode ? catalog.unit(citation.unitCode) : undefined;
  if (!citation || !unit) return undefined;
  if (!citation.bare && offset <= citation.unitEnd)
    return { unitCode: unit.code, start: citation.unitStart, end: citation.unitEnd };
  const item = itemAt(citation, offset);
  if (!item) return undefined;
  // On a range, the end the cursor is nearer to: "P1-P4" (or "P1 to P4") with the cursor on P4 means P4.
  const dash = item.text.search(RANGE_JOIN);
  const onEnd = item.isRange && dash >= 0 && offset > item.start + dash;
  const kind = onEnd ? item.toKind : item.kind;
  const n = onEnd ? item.to : item.from;
  if (!unit.byId.has(`${kind}${n}`)) return undefined;
  return { unitCode: unit.code, criterionId: `${kind}${n}`, start: item.start, end: item.end };
}

/** Every citation of the target across the portfolio: of the criterion, or of any criterion of the unit. */
export function referencesOf(
  coverage: Coverage,
  target: Pick<NavigationTarget, 'unitCode' | 'criterionId'>,
): CitationRef[] {
  const uc = coverage.units.find((u) => u.code === target.unitCode);
  if (!uc) return [];
  const criteria = target.criterionId ? uc.criteria.filter((c) => c.id === target.criterionId) : uc.criteria;
  const seen = new Set<string>();
  const out: CitationRef[] = [];
  for (const c of criteria) {
    for (const r of c.citations) {
      const key = `${r.uri}#${r.start}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(r);
    }
  }
  return out.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.start - b.start));
}

/** A one-line label for a target, for logs and titles. */
export function describeTarget(catalog: Catalog, target: NavigationTarget): string {
  const unit = catalog.unit(target.unitCode);
  if (!target.criterionId || !unit) return target.unitCode;
  const c = unit.byId.get(target.criterionId);
  return c ? `${unit.code}/${c.id} (${kindName(c.kind)})` : target.unitCode;
}

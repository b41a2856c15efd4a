/**
 * Warnings for citation-shaped text that counts nothing (`not-counted`), so that no criterion a candidate
 * believes cited is dropped without a word: bare criteria whose unit the context does not make clear (with a
 * quick fix per candidate unit), bare criteria past the end of the unit their context names, lettered parts
 * (`P21a`), decimals (`P1.2`, another award's assessment criteria) and unit fragments (`A5/P21`).
 * Pure: offsets in, diagnostics out.
 */
import {
  canonicalCitation,
  expandItem,
  rangeShapeProblem,
  type Citation,
  type CitationItem,
  type NearMiss,
} from '../citations/codes';
import { unitKey } from '../citations/codes';
import { describeBounds, kindName, suggestUnit, type Catalog, type Unit } from '../standards/standards';
import { DiagnosticCode, type CoreDiagnostic } from './diagnostics';

const SOURCE_NAMES = {
  heading: 'the heading above',
  'unit-line': 'the "Unit:" line above',
  table: 'the table',
  'front-matter': 'the units: list',
} as const;

/** The items of a citation as written (`P21, P22`), for messages. */
function itemsText(citation: Citation): string {
  return citation.items.map((i) => i.text).join(', ');
}

/** Whether every criterion the citation names exists in the unit. */
function fitsUnit(unit: Unit, items: readonly CitationItem[]): boolean {
  return items.every(
    (i) => !rangeShapeProblem(i) && i.from >= 1 && i.to <= unit.counts[i.toKind] && i.from <= unit.counts[i.kind],
  );
}

/**
 * The units a bare citation may mean: those its context names when it names several, else the units the
 * portfolio uses, else every loaded unit; only units that have every criterion cited.
 */
function candidateUnits(catalog: Catalog, citation: Citation, inUse: ReadonlySet<string>): Unit[] {
  const named = citation.bare?.candidates ?? [];
  const codes = named.length > 1 ? named : inUse.size ? [...inUse] : catalog.units.map((u) => u.code);
  return codes.map((c) => catalog.unit(c)).filter((u): u is Unit => u !== undefined && fitsUnit(u, citation.items));
}

/** A `not-counted` warning for a bare citation whose context names no unit or several. */
export function unclearUnitDiagnostic(
  catalog: Catalog,
  citation: Citation,
  inUse: ReadonlySet<string>,
): CoreDiagnostic {
  const written = itemsText(citation);
  const unknown = citation.bare?.unknownUnit;
  if (unknown) {
    const suggestion = suggestUnit(catalog, unknown.text, inUse);
    const newText = suggestion ? canonicalCitation(suggestion, citation.items) : undefined;
    return {
      start: citation.start,
      end: citation.end,
      severity: 'warning',
      code: DiagnosticCode.NotCounted,
      message:
        `${written} is not counted: it follows ${unknown.text}, which is not a known unit.` +
        (suggestion ? ` Did you mean ${suggestion}?` : ''),
      fixes: newText ? [{ title: `Replace with ${newText}`, newText, start: unknown.start, end: citation.end }] : [],
    };
  }
  const named = citation.bare?.candidates ?? [];
  const why =
    named.length > 1
      ? `the unit is ambiguous here (${SOURCE_NAMES[citation.bare!.source!]} names ${named.join(' and ')})`
      : 'no unit is named here (write it, or name it in a heading, a "Unit:" line or the units: list)';
  const fixes = candidateUnits(catalog, citation, inUse)
    .slice(0, 8)
    .map((u) => {
      const newText = canonicalCitation(u.code, citation.items);
      return { title: `Cite for ${u.code}: ${newText}`, newText };
    });
  return {
    start: citation.start,
    end: citation.end,
    severity: 'warning',
    code: DiagnosticCode.NotCounted,
    message: `${written} is not counted: ${why}`,
    fixes,
  };
}

/** `not-counted` warnings for items of a bare citation that its context's unit does not have. */
export function bareItemDiagnostics(unit: Unit, citation: Citation, out: CoreDiagnostic[]): void {
  const where = citation.bare?.source ? ` (the unit named by ${SOURCE_NAMES[citation.bare.source]})` : '';
  for (const item of citation.items) {
    if (rangeShapeProblem(item)) continue; // reported as invalid-range
    const past = expandItem(item).find((n) => n < 1 || n > unit.counts[item.kind]);
    if (past === undefined) continue;
    out.push({
      start: item.start,
      end: item.end,
      severity: 'warning',
      code: DiagnosticCode.NotCounted,
      message: `${item.text} is not counted: ${unit.code}${where} has no ${kindName(item.kind)} ${item.kind}${past} (${describeBounds(unit, item.kind)})`,
    });
  }
}

/** The unit a fragment such as `A5` most likely stands for: one whose code or alias ends with it. */
function unitEndingWith(catalog: Catalog, fragment: string, inUse: ReadonlySet<string>): string | undefined {
  const key = unitKey(fragment);
  const codes = new Set<string>();
  for (const [k, code] of catalog.keys) if (k.endsWith(key)) codes.add(code);
  const sorted = [...codes].sort((a, b) => Number(inUse.has(b)) - Number(inUse.has(a)) || a.localeCompare(b));
  return sorted.length === 1 || (sorted.length > 1 && inUse.has(sorted[0]) && !inUse.has(sorted[1]))
    ? sorted[0]
    : undefined;
}

/** A `not-counted` warning for a near miss, with a quick fix where one is clear. */
export function nearMissDiagnostic(catalog: Catalog, miss: NearMiss, inUse: ReadonlySet<string>): CoreDiagnostic {
  const written = miss.text;
  const item = written.slice(miss.itemStart - miss.start);
  const base = { start: miss.start, end: miss.end, severity: 'warning' as const, code: DiagnosticCode.NotCounted };
  if (miss.reason === 'lettered') {
    const without = written.slice(0, -1);
    return {
      ...base,
      message: `${written} is not counted: criteria have no lettered parts (cite ${without})`,
      fixes: [{ title: `Cite ${without}`, newText: without }],
    };
  }
  if (miss.reason === 'decimal') {
    return {
      ...base,
      message:
        `${written} is not counted: numbered parts such as ${item.replace(/^\D+/, '')} belong to another ` +
        "award's assessment criteria; National Occupational Standards number criteria P1, P2, … and K1, K2, …",
    };
  }
  const fragment = miss.unitText ?? '';
  const suggestion = unitEndingWith(catalog, fragment, inUse);
  return {
    ...base,
    message:
      `${written} is not counted: ${fragment} is not a unit code.` + (suggestion ? ` Did you mean ${suggestion}?` : ''),
    fixes: suggestion ? [{ title: `Replace with ${suggestion}/${item}`, newText: `${suggestion}/${item}` }] : [],
  };
}

/**
 * Hover on citations, list items, range items and `units:` entries: what the criterion says, which unit it
 * belongs to, and where the portfolio cites it. Also the small wordings shared with completion ("covered in
 * RA1, RA3", "not yet covered"), so both features describe coverage the same way.
 */
import type { Account } from '../accounts/account';
import { expandItem, rangeShapeProblem, type Citation, type CitationItem } from '../citations/codes';
import type { Coverage, CriterionCoverage, UnitCoverage } from '../coverage/coverage';
import { describeBounds, kindName, suggestUnit, type Catalog, type Unit } from '../standards/standards';
import type { CriterionData } from '../standards/unit';

export interface CoreHover {
  /** Offsets of the text the hover is about. */
  start: number;
  end: number;
  markdown: string;
}

/** Escapes text from a standard so that Markdown shows it as written. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]<>#|~]/g, (ch) => '\\' + ch);
}

/** The first words of a criterion, cut at a word boundary, for one-line displays. */
export function shortText(text: string, max = 60): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return (space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '') + '…';
}

/** Criterion id → coverage, per unit; rebuilt if the fold ever hands out a new criteria array. */
const unitIndexes = new WeakMap<
  UnitCoverage,
  { criteria: CriterionCoverage[]; byId: Map<string, CriterionCoverage> }
>();

/** The coverage of one criterion, or undefined when its unit is not in scope of the portfolio. */
export function criterionCoverage(
  coverage: Coverage | undefined,
  unitCode: string,
  id: string,
): CriterionCoverage | undefined {
  const uc = coverage?.units.find((u) => u.code === unitCode);
  if (!uc) return undefined;
  let index = unitIndexes.get(uc);
  if (!index || index.criteria !== uc.criteria) {
    index = { criteria: uc.criteria, byId: new Map(uc.criteria.map((c) => [c.id, c])) };
    unitIndexes.set(uc, index);
  }
  return index.byId.get(id);
}

/** Evidence numbers of the accounts citing a criterion, once each, in portfolio order. */
export function evidenceNumbers(cc: CriterionCoverage | undefined): string[] {
  return cc ? [...new Set(cc.citations.map((r) => r.evidence))] : [];
}

/** "covered in RA1, RA3" / "cited in RA1 (2 accounts needed)" / "not yet covered". */
export function coverageState(cc: CriterionCoverage | undefined, minimumEvidence: number): string {
  const evidence = evidenceNumbers(cc);
  if (!cc || evidence.length === 0) return 'not yet covered';
  if (cc.state === 'covered') return `covered in ${evidence.join(', ')}`;
  return `cited in ${evidence.join(', ')} (${minimumEvidence} accounts needed)`;
}

/** "Cited in 1 account: RA1 (single source)", with the count a tutor looks for. */
function citedLine(cc: CriterionCoverage | undefined, minimumEvidence: number): string {
  const evidence = evidenceNumbers(cc);
  if (!cc || evidence.length === 0) return 'Not yet cited in this portfolio.';
  const n = cc.accounts;
  let line = `Cited in ${n} account${n === 1 ? '' : 's'}: ${evidence.map(escapeMarkdown).join(', ')}`;
  if (n === 1) line += ' (single source)';
  if (cc.state !== 'covered') line += ` — not yet covered: ${minimumEvidence} accounts needed`;
  return line + '.';
}

export function unitFlags(unit: Pick<Unit, 'codeConfirmed' | 'titleDerived'>): string[] {
  const flags: string[] = [];
  if (!unit.codeConfirmed) flags.push('code unconfirmed');
  if (unit.titleDerived) flags.push('title derived');
  return flags;
}

function unitHeading(unit: Unit, label: string): string {
  const flags = unitFlags(unit);
  return (
    `**${escapeMarkdown(label)}** — ${escapeMarkdown(unit.title)}` + (flags.length ? ` *(${flags.join(', ')})*` : '')
  );
}

/** The unit summary: title, spellings it answers to, and its coverage in this portfolio. */
export function unitSummaryMarkdown(unit: Unit, coverage: Coverage | undefined): string {
  const uc = coverage?.units.find((u) => u.code === unit.code);
  const covered = uc?.covered ?? { P: 0, K: 0 };
  const lines = [unitHeading(unit, unit.code), ''];
  if (unit.aliases.length) lines.push(`Also written: ${unit.aliases.map(escapeMarkdown).join(', ')}`, '');
  lines.push(`Coverage in this portfolio: P ${covered.P}/${unit.counts.P} · K ${covered.K}/${unit.counts.K}`);
  return lines.join('\n');
}

function criterionMarkdown(unit: Unit, c: CriterionData, coverage: Coverage | undefined): string {
  const cc = criterionCoverage(coverage, unit.code, c.id);
  return [
    unitHeading(unit, `${unit.code}/${c.id}`),
    '',
    escapeMarkdown(c.text),
    '',
    `*${kindName(c.kind)}* · section: ${escapeMarkdown(c.section)}`,
    '',
    citedLine(cc, coverage?.minimumEvidence ?? 1),
  ].join('\n');
}

const MAX_RANGE_LINES = 30;

function rangeMarkdown(unit: Unit, item: CitationItem, coverage: Coverage | undefined): string {
  const lines = [unitHeading(unit, `${unit.code}/${item.kind}${item.from}–${item.kind}${item.to}`), ''];
  const numbers = expandItem(item);
  for (const n of numbers.slice(0, MAX_RANGE_LINES)) {
    const c = unit.byId.get(`${item.kind}${n}`);
    if (!c) {
      lines.push(`- **${item.kind}${n}** — no such ${kindName(item.kind)} (${describeBounds(unit, item.kind)})`);
      continue;
    }
    const evidence = evidenceNumbers(criterionCoverage(coverage, unit.code, c.id));
    lines.push(
      `- **${c.id}** ${escapeMarkdown(shortText(c.text, 110))} — ` +
        (evidence.length ? `${evidence.map(escapeMarkdown).join(', ')}` : '*not cited*'),
    );
  }
  if (numbers.length > MAX_RANGE_LINES) lines.push(`- … and ${numbers.length - MAX_RANGE_LINES} more`);
  return lines.join('\n');
}

function unknownUnitMarkdown(catalog: Catalog, unitText: string): string {
  const suggestion = suggestUnit(catalog, unitText);
  return `**${escapeMarkdown(unitText)}**: unknown unit.` + (suggestion ? ` Did you mean ${suggestion}?` : '');
}

function itemMarkdown(
  catalog: Catalog,
  citation: Citation,
  item: CitationItem,
  coverage: Coverage | undefined,
): string {
  const unit = catalog.unit(citation.unitCode ?? '');
  if (citation.bare) {
    const candidates = citation.bare.candidates;
    if (!unit) {
      const unknown = citation.bare.unknownUnit;
      if (unknown)
        return `**${escapeMarkdown(item.text)}**: not counted, it follows ${escapeMarkdown(unknown.text)}, which is not a known unit.`;
      return (
        `**${escapeMarkdown(item.text)}**: not counted, ` +
        (candidates.length > 1
          ? `the unit is ambiguous here (${candidates.join(' or ')}).`
          : 'no unit is named here. Write the unit (LMCA5/P21), or name it in a heading, a "Unit:" line or the units: list.')
      );
    }
    return (
      `*Counted for ${unit.code}, named by ${BARE_SOURCES[citation.bare.source!]}.*\n\n` +
      itemMarkdown(catalog, { ...citation, bare: undefined }, item, coverage)
    );
  }
  if (!unit) return unknownUnitMarkdown(catalog, citation.unitText);
  const shape = rangeShapeProblem(item);
  if (shape) return `**${escapeMarkdown(item.text)}**: invalid range, it ${shape}.`;
  if (item.isRange) return rangeMarkdown(unit, item, coverage);
  const c = unit.byId.get(`${item.kind}${item.from}`);
  if (!c)
    return `${unit.code} has no ${kindName(item.kind)} ${item.kind}${item.from} (${describeBounds(unit, item.kind)}).`;
  return criterionMarkdown(unit, c, coverage);
}

const BARE_SOURCES = {
  heading: 'the heading above',
  'unit-line': 'the "Unit:" line above',
  table: 'the table',
  'front-matter': 'the units: list',
} as const;

/** The citation whose text contains the offset (either edge counts, as a cursor sits between characters). */
export function citationAt(account: Account, offset: number): Citation | undefined {
  return account.citations.find((c) => c.start <= offset && offset <= c.end);
}

export function itemAt(citation: Citation, offset: number): CitationItem | undefined {
  return citation.items.find((i) => i.start <= offset && offset <= i.end);
}

export function computeHover(
  catalog: Catalog,
  account: Account,
  offset: number,
  coverage: Coverage | undefined,
): CoreHover | undefined {
  for (const entry of account.frontMatter?.units ?? []) {
    if (offset < entry.start || offset > entry.end) continue;
    const unit = catalog.unit(entry.text);
    const markdown = unit ? unitSummaryMarkdown(unit, coverage) : unknownUnitMarkdown(catalog, entry.text);
    return { start: entry.start, end: entry.end, markdown };
  }
  const citation = citationAt(account, offset);
  if (!citation) return undefined;
  // A bare citation has no unit text of its own: the whole of it is items.
  if (!citation.bare && offset <= citation.unitEnd) {
    const unit = catalog.unit(citation.unitCode ?? '');
    const markdown = unit ? unitSummaryMarkdown(unit, coverage) : unknownUnitMarkdown(catalog, citation.unitText);
    return { start: citation.unitStart, end: citation.unitEnd, markdown };
  }
  const item = itemAt(citation, offset);
  if (!item) return undefined;
  return { start: item.start, end: item.end, markdown: itemMarkdown(catalog, citation, item, coverage) };
}

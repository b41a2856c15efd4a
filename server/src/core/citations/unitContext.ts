/**
 * The unit of a bare criterion (`P21`, `(PC 3, K12)`), from what the text around it names, in this order:
 * the row of a table, then the table's header row; the nearest heading or "Unit: …" line above that names a
 * unit; the account's `units:` list when it holds exactly one unit. Two units named in the same place make it
 * ambiguous: nothing counts and the candidates are kept for the warning and its quick fixes.
 * Pure, line based (the preview plugin asks it per line too); run only when there are bare citations.
 */
import type { BareContext, Citation, UnitResolver, ContextSource } from './codes';

/** The bareCriteria setting: `context` counts bare criteria for the unit their context names, `off` never. */
export type BareCriteriaMode = 'context' | 'off';

export interface NamedUnits {
  codes: string[];
  source: ContextSource;
  at: number;
}

const HEADING = /^ {0,3}#{1,6}[ \t]/;
const UNIT_LINE = /^[ \t>*_-]*unit\b[^:\n]{0,24}:/i;
const TABLE_ROW = /^[ \t>]*\|/;
const WORD = /[A-Za-z0-9]+/g;

/** The distinct units a line names, one word ("LMCA5") or two ("H7LP 04", "LMC A5"). */
export function unitsNamedIn(line: string, resolve: UnitResolver): string[] {
  const codes: string[] = [];
  const words = [...line.matchAll(WORD)];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const next = words[i + 1];
    const nextIsAdjacent = next && next.index === w.index! + w[0].length + 1;
    const two = nextIsAdjacent ? resolve(`${w[0]} ${next[0]}`) : undefined;
    const code = two ?? (/\d/.test(w[0]) ? resolve(w[0]) : undefined);
    if (two) i++;
    if (code && !codes.includes(code)) codes.push(code);
  }
  return codes;
}

/**
 * What each line's context names, for the lines asked about (sorted offsets of bare citations), from one
 * pass over the text. Lines that are neither headings, unit lines nor table rows inherit the heading context.
 */
export class LineContexts {
  private heading: NamedUnits | undefined;
  private tableHeader: NamedUnits | undefined;
  private inTable = false;
  private lineStart: number;

  /** `from` is where the body starts (after the front matter), so that no line of YAML is read as a heading. */
  constructor(
    private readonly text: string,
    private readonly resolve: UnitResolver,
    private readonly frontMatter: NamedUnits | undefined,
    from = 0,
  ) {
    this.lineStart = from;
  }

  /** The context of the line holding `offset`; offsets must be asked in increasing order. */
  at(offset: number): NamedUnits | undefined {
    for (;;) {
      const lineEnd = this.endOfLine(this.lineStart);
      if (offset < lineEnd || lineEnd >= this.text.length)
        return this.contextOf(this.text.slice(this.lineStart, lineEnd));
      this.advance(this.text.slice(this.lineStart, lineEnd));
      this.lineStart =
        lineEnd + (this.text.charCodeAt(lineEnd) === 13 && this.text.charCodeAt(lineEnd + 1) === 10 ? 2 : 1);
    }
  }

  /** The next \n or \r at or after `from`. */
  private endOfLine(from: number): number {
    for (let i = from; i < this.text.length; i++) {
      const c = this.text.charCodeAt(i);
      if (c === 10 || c === 13) return i;
    }
    return this.text.length;
  }

  private named(line: string, source: ContextSource): NamedUnits | undefined {
    const codes = unitsNamedIn(line, this.resolve);
    return codes.length ? { codes, source, at: this.lineStart } : undefined;
  }

  /** Takes in a line that holds no bare citation asked about, or that is passed. */
  private advance(line: string): void {
    if (TABLE_ROW.test(line)) {
      if (!this.inTable) this.tableHeader = this.named(line, 'table');
      this.inTable = true;
      return;
    }
    this.inTable = false;
    this.tableHeader = undefined;
    if (HEADING.test(line)) this.heading = this.named(line, 'heading') ?? this.heading;
    else if (UNIT_LINE.test(line)) this.heading = this.named(line, 'unit-line') ?? this.heading;
  }

  private contextOf(line: string): NamedUnits | undefined {
    if (TABLE_ROW.test(line)) {
      const row = this.named(line, 'table');
      if (row) return row;
      if (this.inTable && this.tableHeader) return this.tableHeader;
    } else if (HEADING.test(line) || UNIT_LINE.test(line)) {
      const own = this.named(line, HEADING.test(line) ? 'heading' : 'unit-line');
      if (own) return own;
    }
    return this.heading ?? this.frontMatter;
  }
}

/** The `units:` list as a context: the units it names (unknown entries left out), or undefined when empty. */
export function frontMatterContext(
  units: ReadonlyArray<{ text: string; start: number }>,
  resolve: UnitResolver,
): NamedUnits | undefined {
  const codes: string[] = [];
  for (const u of units) {
    const code = resolve(u.text);
    if (code && !codes.includes(code)) codes.push(code);
  }
  return codes.length ? { codes, source: 'front-matter', at: units[0].start } : undefined;
}

/**
 * Works out the unit of every bare citation (in place): unitCode when the context names exactly one unit,
 * and `bare` saying what the context named. With mode `off`, bare citations are removed: they count nothing.
 */
export function resolveBareCitations(
  text: string,
  citations: Citation[],
  resolve: UnitResolver,
  frontMatter: NamedUnits | undefined,
  mode: BareCriteriaMode = 'context',
  from = 0,
): Citation[] {
  if (!citations.some((c) => c.bare)) return citations;
  if (mode === 'off') return citations.filter((c) => !c.bare);
  const lines = new LineContexts(text, resolve, frontMatter, from);
  for (const c of citations) if (c.bare) applyContext(c, lines.at(c.start));
  return citations;
}

/** Gives a bare citation what its context names: its unit when that is one unit, else nothing counts. */
export function applyContext(citation: Citation, named: NamedUnits | undefined): void {
  const unknownUnit = citation.bare?.unknownUnit;
  if (unknownUnit) named = undefined; // it names a unit of its own, only not a known one
  const bare: BareContext = named
    ? { candidates: named.codes, source: named.source, at: named.at }
    : { candidates: [], source: undefined };
  if (unknownUnit) bare.unknownUnit = unknownUnit;
  citation.bare = bare;
  citation.unitCode = bare.candidates.length === 1 ? bare.candidates[0] : undefined;
}

/**
 * The one grammar of citations. Everything that recognises a criterion code (the server, the CLI, the
 * preview plugin, the tests of the TextMate grammar) goes through `scanCitations`.
 *
 *   citation := UNIT "/" item ("," WS* item)*
 *   item     := KIND NUM (WS? DASH WS? KIND? NUM)?      KIND := P | K (any case), DASH := - or an en/em dash
 *   UNIT     := a short code or alias, one or two words ("LMCA5", "SCDLMC A5", "H7LP 04")
 *
 * A citation is a whole token: the unit must not follow a letter, digit or URL punctuation, and an item must
 * not run on into a letter or digit (`XLMCA5/P1` and `LMCA5/P12a` cite nothing).
 * Pure: no IO, never throws, offsets are UTF-16 indices into the text given.
 */
import type { CriterionKind } from './unit';

export interface CitationItem {
  /** Kind and number of the first (or only) criterion. */
  kind: CriterionKind;
  from: number;
  /** Kind and number of the range end; equal to kind/from for a single item. */
  toKind: CriterionKind;
  to: number;
  isRange: boolean;
  /** Offsets of this item's own text ("P1", "P1-P4") in the scanned text. */
  start: number;
  end: number;
  text: string;
}

export interface Citation {
  /** Offsets of the whole citation, from the unit to the end of its last item. */
  start: number;
  end: number;
  unitText: string;
  unitStart: number;
  unitEnd: number;
  /** Canonical short code, or undefined when the unit is not known. */
  unitCode: string | undefined;
  items: CitationItem[];
}

/** Maps the unit text of a citation to its canonical code (undefined when unknown). */
export type UnitResolver = (unitText: string) => string | undefined;

/**
 * Normalises a unit spelling to a lookup key: upper case, no spaces, and the "SCDLMCS" spelling variant
 * (an extra S some centres use) folded to "SCDLMC". Catalogues key every code and alias with this.
 */
export function unitKey(text: string): string {
  let key = text.toUpperCase().replace(/[\s\u00a0]+/g, '');
  if (key.startsWith('SCDLMCS')) key = 'SCDLMC' + key.slice('SCDLMCS'.length);
  return key;
}

/** Unknown units are reported only when they look like a unit code: a letter first, a digit inside. */
export function looksLikeUnitCode(word: string): boolean {
  return /^[A-Za-z][A-Za-z0-9]{2,11}$/.test(word) && /\d/.test(word) && /[A-Za-z]{2}/.test(word);
}

const DASHES = '-\u2010\u2011\u2012\u2013\u2014';
const SPACE = /[ \t\u00a0]/;

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[A-Za-z0-9_]/.test(ch);
}

/** Characters that, right before a unit, make it part of something else (a word, a path, a URL). */
function attachesBefore(ch: string | undefined): boolean {
  return ch !== undefined && (isWordChar(ch) || '/.-@#:\\'.includes(ch));
}

interface ParsedItem {
  item: CitationItem;
  next: number;
}

function readNumber(text: string, at: number): { value: number; next: number } | undefined {
  let i = at;
  while (i < text.length && i - at < 6 && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
  if (i === at) return undefined;
  return { value: Number(text.slice(at, i)), next: i };
}

function readKind(text: string, at: number): CriterionKind | undefined {
  const ch = text[at];
  if (ch === 'P' || ch === 'p') return 'P';
  if (ch === 'K' || ch === 'k') return 'K';
  return undefined;
}

function skipSpaces(text: string, at: number, max = 3): number {
  let i = at;
  while (i < text.length && i - at < max && SPACE.test(text[i])) i++;
  return i;
}

/** Parses `P1`, `P1-P4`, `P1–4` at `at`; undefined when no whole-token item starts there. */
function parseItem(text: string, at: number): ParsedItem | undefined {
  const kind = readKind(text, at);
  if (!kind) return undefined;
  const first = readNumber(text, at + 1);
  if (!first || isWordChar(text[first.next])) return undefined;
  let item: CitationItem = {
    kind, from: first.value, toKind: kind, to: first.value, isRange: false,
    start: at, end: first.next, text: text.slice(at, first.next),
  };
  // Optional range end; if what follows the dash is not a number, the item stands alone.
  const dashAt = skipSpaces(text, first.next, 1);
  if (DASHES.includes(text[dashAt] ?? '\0') && text[dashAt] !== undefined) {
    let j = skipSpaces(text, dashAt + 1, 1);
    const endKind = readKind(text, j);
    if (endKind) j++;
    const second = readNumber(text, j);
    if (second && !isWordChar(text[second.next])) {
      item = {
        ...item, toKind: endKind ?? kind, to: second.value, isRange: true,
        end: second.next, text: text.slice(at, second.next),
      };
    }
  }
  return { item, next: item.end };
}

/** Finds the unit before the slash at `slash`: two words if the resolver knows them, else one word. */
function findUnit(text: string, slash: number, resolve: UnitResolver):
  { start: number; code: string | undefined } | undefined {
  let start = slash;
  while (start > 0 && /[A-Za-z0-9]/.test(text[start - 1])) start--;
  if (start === slash) return undefined;
  // A two-word alias such as "H7LP 04" or "SCDLMC A5".
  if (start > 1 && SPACE.test(text[start - 1])) {
    let start2 = start - 1;
    while (start2 > 0 && /[A-Za-z0-9]/.test(text[start2 - 1])) start2--;
    if (start2 < start - 1 && !attachesBefore(text[start2 - 1])) {
      const code = resolve(text.slice(start2, slash));
      if (code) return { start: start2, code };
    }
  }
  if (attachesBefore(text[start - 1])) return undefined;
  const word = text.slice(start, slash);
  const code = resolve(word);
  if (code) return { start, code };
  return looksLikeUnitCode(word) ? { start, code: undefined } : undefined;
}

/**
 * Every citation in `text`, in order. The caller masks regions that do not count (code, comments, front
 * matter) with spaces first, so offsets stay those of the original text.
 */
export function scanCitations(text: string, resolve: UnitResolver): Citation[] {
  const out: Citation[] = [];
  let from = 0;
  for (;;) {
    const slash = text.indexOf('/', from);
    if (slash < 0) break;
    from = slash + 1;
    const firstItem = parseItem(text, slash + 1);
    if (!firstItem) continue;
    const unit = findUnit(text, slash, resolve);
    if (!unit) continue;
    const items = [firstItem.item];
    let end = firstItem.next;
    // A list continues the unit: ", P2", ",P2", ", K38-K40".
    for (;;) {
      if (text[end] !== ',') break;
      const nextAt = skipSpaces(text, end + 1);
      const more = parseItem(text, nextAt);
      if (!more) break;
      items.push(more.item);
      end = more.next;
    }
    out.push({
      start: unit.start, end, unitText: text.slice(unit.start, slash), unitStart: unit.start, unitEnd: slash,
      unitCode: unit.code, items,
    });
    from = end;
  }
  return out;
}

/** Why a range cannot be expanded, or undefined when it is well formed (bounds are checked elsewhere). */
export function rangeShapeProblem(item: CitationItem): string | undefined {
  if (!item.isRange) return undefined;
  if (item.kind !== item.toKind) return `mixes kinds: ${item.kind}${item.from} to ${item.toKind}${item.to}`;
  if (item.to < item.from) return `is reversed: ${item.kind}${item.from} comes after ${item.kind}${item.to}`;
  return undefined;
}

/** The criterion numbers an item cites; empty for a malformed range. Capped so hostile text stays cheap. */
export function expandItem(item: CitationItem, cap = 1000): number[] {
  if (rangeShapeProblem(item)) return [];
  const out: number[] = [];
  for (let n = item.from; n <= item.to && out.length < cap; n++) out.push(n);
  return out;
}

/** The canonical spelling of a citation: `LMCA5/P1, P2-P4`. */
export function canonicalCitation(unitCode: string, items: readonly CitationItem[]): string {
  return `${unitCode}/` + items.map(canonicalItem).join(', ');
}

export function canonicalItem(item: CitationItem): string {
  return item.isRange ? `${item.kind}${item.from}-${item.toKind}${item.to}` : `${item.kind}${item.from}`;
}

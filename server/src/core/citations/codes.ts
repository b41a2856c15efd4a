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
import type { CriterionKind } from '../standards/unit';

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

/** What an item cites, without where it is: enough to check and expand it. */
export type ItemShape = Pick<CitationItem, 'kind' | 'from' | 'toKind' | 'to' | 'isRange'>;

/** Maps the unit text of a citation to its canonical code (undefined when unknown). */
export type UnitResolver = (unitText: string) => string | undefined;

const UPPER_WORD = /^[A-Z0-9]*$/;
const ALNUM_WORD = /^[A-Za-z0-9]*$/;
/** Constants rather than literals in the functions, which would make a new RegExp object on every call. */
const SPACES = /[\s\u00a0]+/g;
const UNIT_CODE_SHAPE = /^[A-Za-z][A-Za-z0-9]{2,11}$/;
const DIGIT = /\d/;
const TWO_LETTERS = /[A-Za-z]{2}/;

/**
 * Normalises a unit spelling to a lookup key: upper case, no spaces, and the "SCDLMCS" spelling variant
 * (an extra S some centres use) folded to "SCDLMC". Catalogues key every code and alias with this.
 */
export function unitKey(text: string): string {
  // The usual spelling is already a key, or one word of letters and digits: nothing to remove or replace.
  let key = UPPER_WORD.test(text) ? text
    : ALNUM_WORD.test(text) ? text.toUpperCase()
    : text.toUpperCase().replace(SPACES, '');
  if (key.startsWith('SCDLMCS')) key = 'SCDLMC' + key.slice('SCDLMCS'.length);
  return key;
}

/** Unknown units are reported only when they look like a unit code: a letter first, a digit inside. */
export function looksLikeUnitCode(word: string): boolean {
  return UNIT_CODE_SHAPE.test(word) && DIGIT.test(word) && TWO_LETTERS.test(word);
}

/*
 * The character classes of the grammar, tested on UTF-16 code units (NaN past either end of the text, which
 * is in no class): scanning is called on every account, and a pattern run on one-character strings per
 * character was most of its time.
 */

/** [A-Za-z0-9] */
function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122);
}

/** [A-Za-z0-9_] */
function isWordChar(c: number): boolean {
  return c === 95 || isAlnum(c);
}

/** [ \t\u00a0]: the spaces allowed inside a citation. */
function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0;
}

/** - and the Unicode hyphens and dashes (U+2010 to U+2014) that may join a range. */
function isDash(c: number): boolean {
  return c === 45 || (c >= 0x2010 && c <= 0x2014);
}

/** Characters that, right before a unit, make it part of something else (a word, a path, a URL): [A-Za-z0-9_/.\-@#:\\] */
function attachesBefore(c: number): boolean {
  return isWordChar(c) || c === 47 || c === 46 || c === 45 || c === 64 || c === 35 || c === 58 || c === 92;
}

/** How many digits (at most six) start at `at`. */
function digitsAt(text: string, at: number): number {
  let n = 0;
  for (let c = text.charCodeAt(at); n < 6 && c >= 48 && c <= 57; c = text.charCodeAt(at + ++n));
  return n;
}

/** The value of the `count` digits at `at`. (Two passes, count then value, so that nothing is allocated.) */
function numberAt(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) value = value * 10 + (text.charCodeAt(i) - 48);
  return value;
}

function readKind(text: string, at: number): CriterionKind | undefined {
  const c = text.charCodeAt(at) | 32;
  return c === 112 /* p */ ? 'P' : c === 107 /* k */ ? 'K' : undefined;
}

function skipSpaces(text: string, at: number, max = 3): number {
  let i = at;
  while (i - at < max && isSpace(text.charCodeAt(i))) i++;
  return i;
}

/** Parses `P1`, `P1-P4`, `P1–4` at `at`; undefined when no whole-token item starts there. */
function parseItem(text: string, at: number): CitationItem | undefined {
  const kind = readKind(text, at);
  if (!kind) return undefined;
  const firstDigits = digitsAt(text, at + 1);
  const firstEnd = at + 1 + firstDigits;
  if (firstDigits === 0 || isWordChar(text.charCodeAt(firstEnd))) return undefined;
  const from = numberAt(text, at + 1, firstDigits);
  // Optional range end; if what follows the dash is not a number, the item stands alone.
  const dashAt = skipSpaces(text, firstEnd, 1);
  if (isDash(text.charCodeAt(dashAt))) {
    let j = skipSpaces(text, dashAt + 1, 1);
    const endKind = readKind(text, j);
    if (endKind) j++;
    const secondDigits = digitsAt(text, j);
    const end = j + secondDigits;
    if (secondDigits > 0 && !isWordChar(text.charCodeAt(end))) {
      return {
        kind, from, toKind: endKind ?? kind, to: numberAt(text, j, secondDigits), isRange: true,
        start: at, end, text: text.slice(at, end),
      };
    }
  }
  return { kind, from, toKind: kind, to: from, isRange: false, start: at, end: firstEnd, text: text.slice(at, firstEnd) };
}

/** Finds the unit before the slash at `slash`: two words if the resolver knows them, else one word. */
function findUnit(text: string, slash: number, resolve: UnitResolver):
  { start: number; code: string | undefined } | undefined {
  let start = slash;
  while (start > 0 && isAlnum(text.charCodeAt(start - 1))) start--;
  if (start === slash) return undefined;
  // A two-word alias such as "H7LP 04" or "SCDLMC A5".
  if (start > 1 && isSpace(text.charCodeAt(start - 1))) {
    let start2 = start - 1;
    while (start2 > 0 && isAlnum(text.charCodeAt(start2 - 1))) start2--;
    if (start2 < start - 1 && !attachesBefore(text.charCodeAt(start2 - 1))) {
      const code = resolve(text.slice(start2, slash));
      if (code) return { start: start2, code };
    }
  }
  if (attachesBefore(text.charCodeAt(start - 1))) return undefined;
  const word = text.slice(start, slash);
  const code = resolve(word);
  if (code) return { start, code };
  return looksLikeUnitCode(word) ? { start, code: undefined } : undefined;
}

/**
 * Every citation in `text`, in order. The caller masks regions that do not count (code, comments, front
 * matter) with spaces first, so offsets stay those of the original text. `from` skips a leading part that
 * holds no citation (the front matter, when it ends with a line break): no scan of it reads before a line break.
 */
export function scanCitations(text: string, resolve: UnitResolver, from = 0): Citation[] {
  const out: Citation[] = [];
  for (;;) {
    const slash = text.indexOf('/', from);
    if (slash < 0) break;
    from = slash + 1;
    const firstItem = parseItem(text, slash + 1);
    if (!firstItem) continue;
    const unit = findUnit(text, slash, resolve);
    if (!unit) continue;
    const items = [firstItem];
    let end = firstItem.end;
    // A list continues the unit: ", P2", ",P2", ", K38-K40".
    for (;;) {
      if (text.charCodeAt(end) !== 44 /* , */) break;
      const nextAt = skipSpaces(text, end + 1);
      const more = parseItem(text, nextAt);
      if (!more) break;
      items.push(more);
      end = more.end;
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
export function rangeShapeProblem(item: ItemShape): string | undefined {
  if (!item.isRange) return undefined;
  if (item.kind !== item.toKind) return `mixes kinds: ${item.kind}${item.from} to ${item.toKind}${item.to}`;
  if (item.to < item.from) return `is reversed: ${item.kind}${item.from} comes after ${item.kind}${item.to}`;
  return undefined;
}

/** The criterion numbers an item cites; empty for a malformed range. Capped so hostile text stays cheap. */
export function expandItem(item: ItemShape, cap = 1000): number[] {
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

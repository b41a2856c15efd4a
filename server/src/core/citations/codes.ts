/**
 * The one grammar of citations. Everything that recognises a criterion code (the server, the CLI, the
 * preview plugin, the tests of the TextMate grammar) goes through `scanText` / `scanCitations`.
 *
 *   citation := UNIT SEP item list*  |  item list*                (the second form is a bare citation)
 *   SEP      := "/"  |  for a known unit only: spaces, or ":" "." "-" "/" with spaces around
 *   item     := KIND " "? NUM (range)?       KIND := P | PC | PCs | K (any case)
 *   range    := " "? DASH " "? KIND? NUM  |  " to " KIND? NUM
 *   list     := "," " "* ("and ")? (item | NUM)  |  "/" item  |  " "+ ("and" | "&") " "+ (item | NUM)  |  " "+ item
 *   UNIT     := a short code or alias, one or two words ("LMCA5", "SCDLMC A5", "H7LP 04")
 *
 * A citation is a whole token: the unit must not follow a letter, digit or URL punctuation, and an item must
 * not run on into a letter, digit or decimal part. Text shaped like a citation that counts nothing (`P21a`,
 * `LMCA5/P1.2`, `A5/P21`) is returned as a near miss, so that it is never dropped silently.
 * A bare citation names no unit: the account works out which unit its context names (accounts/unitContext.ts).
 * Pure: no IO, never throws, offsets are UTF-16 indices into the text given.
 */
import { attachesBefore, isAlnum, isDash, isDigit, isSpace, isWordChar, skipSpaces, wordAt } from './chars';
import { parseItem, parseNumberItem, readKind, type CitationItem, type ItemMiss } from './items';

export type { CitationItem } from './items';

/** Where the unit of a bare citation was named. */
export type ContextSource = 'heading' | 'unit-line' | 'table' | 'front-matter';

/** What the context of a bare citation says about its unit. */
export interface BareContext {
  /** The units the context names: one when it is unambiguous, several when ambiguous, none when silent. */
  candidates: string[];
  /** Where the context was found (for one candidate or several); undefined when nothing names a unit. */
  source: ContextSource | undefined;
  /** Offset of the line (or `units:` entry) that names the unit; undefined when nothing does. */
  at?: number;
  /** A word shaped like a unit code right before the criterion that is no known unit ("LMCB3 P3"): nothing counts. */
  unknownUnit?: { text: string; start: number };
}

export interface Citation {
  /** Offsets of the whole citation, from the unit (or first item of a bare citation) to the end of its last item. */
  start: number;
  end: number;
  /** The unit as written; empty for a bare citation, whose unitStart and unitEnd are its start. */
  unitText: string;
  unitStart: number;
  unitEnd: number;
  /** Canonical short code, or undefined when the unit is not known (or a bare citation's context is not clear). */
  unitCode: string | undefined;
  items: CitationItem[];
  /** Set on a bare citation (`P21`, `(PC 3, K12)`): what its context says, once the account has looked. */
  bare?: BareContext;
}

/** Why citation-shaped text counts nothing. */
export type NearMissReason = ItemMiss | 'unit-fragment';

export interface NearMiss {
  start: number;
  end: number;
  reason: NearMissReason;
  /** The unit as written, when there is one (`A5` in `A5/P21`, `LMCA5` in `LMCA5/P1.2`). */
  unitText?: string;
  /** Where the item itself starts (after the unit). */
  itemStart: number;
  /** The text as written, unit included. */
  text: string;
}

export interface CitationScan {
  citations: Citation[];
  nearMisses: NearMiss[];
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
/** A piece of a unit code (`A5`, `B2`): what is left when the front of a code is forgotten. */
const UNIT_FRAGMENT = /^(?=[A-Za-z0-9]*\d)(?=[A-Za-z0-9]*[A-Za-z])[A-Za-z0-9]{2,4}$/;
/** A digit: every item has one, and digits are rarer in prose than the letters P and K. Used with test(), which builds no match. */
const DIGIT_G = /\d/g;

/** Where the kind of an item whose number starts at `digit` would start (`P21`, `PC 3`, `PCs 1`), or -1. */
function kindStartBefore(text: string, digit: number): number {
  let k = digit - 1;
  if (isSpace(text.charCodeAt(k))) k--;
  const c = text.charCodeAt(k) | 32;
  if (c === 112 /* p */ || c === 107 /* k */) return k;
  if (c === 99 /* c */ && (text.charCodeAt(k - 1) | 32) === 112) return k - 1;
  if (c === 115 /* s */ && (text.charCodeAt(k - 1) | 32) === 99 && (text.charCodeAt(k - 2) | 32) === 112) return k - 2;
  return -1;
}

/**
 * Normalises a unit spelling to a lookup key: upper case, no spaces, and the "SCDLMCS" spelling variant
 * (an extra S some centres use) folded to "SCDLMC". Catalogues key every code and alias with this.
 */
export function unitKey(text: string): string {
  // The usual spelling is already a key, or one word of letters and digits: nothing to remove or replace.
  let key = UPPER_WORD.test(text)
    ? text
    : ALNUM_WORD.test(text)
      ? text.toUpperCase()
      : text.toUpperCase().replace(SPACES, '');
  if (key.startsWith('SCDLMCS')) key = 'SCDLMC' + key.slice('SCDLMCS'.length);
  return key;
}

/** Unknown units are reported only when they look like a unit code: a letter first, a digit inside. */
export function looksLikeUnitCode(word: string): boolean {
  return UNIT_CODE_SHAPE.test(word) && DIGIT.test(word) && TWO_LETTERS.test(word);
}

/** Start of the word of letters and digits that ends at `end`. */
function wordStart(text: string, end: number): number {
  let start = end;
  while (start > 0 && isAlnum(text.charCodeAt(start - 1))) start--;
  return start;
}

/**
 * The known unit of one or two words ending at `end` ("H7LP 04", "SCDLMC A5", "LMCA5"), not before `floor`.
 * With `shaped`, a single word that only looks like a unit code is taken too (as an unknown unit).
 */
function unitEndingAt(
  text: string,
  end: number,
  floor: number,
  resolve: UnitResolver,
  shaped: boolean,
): { start: number; code: string | undefined } | undefined {
  const start = wordStart(text, end);
  if (start === end || start < floor) return undefined;
  if (start > 1 && isSpace(text.charCodeAt(start - 1))) {
    const start2 = wordStart(text, start - 1);
    if (start2 < start - 1 && start2 >= floor && !attachesBefore(text.charCodeAt(start2 - 1))) {
      const code = resolve(text.slice(start2, end));
      if (code) return { start: start2, code };
    }
  }
  if (attachesBefore(text.charCodeAt(start - 1))) return undefined;
  const word = text.slice(start, end);
  const code = resolve(word);
  if (code) return { start, code };
  return shaped && looksLikeUnitCode(word) ? { start, code: undefined } : undefined;
}

type UnitFound =
  | { kind: 'unit'; start: number; end: number; code: string | undefined }
  | { kind: 'fragment'; start: number; end: number }
  | { kind: 'attached' }
  | { kind: 'none'; unknownUnit?: { start: number; end: number } };

/** What names the unit of an item starting at `at`: a unit and separator before it, a fragment, or nothing. */
function unitBefore(text: string, at: number, floor: number, resolve: UnitResolver): UnitFound {
  const prev = text.charCodeAt(at - 1);
  if (prev === 47 /* / */) {
    const unit = unitEndingAt(text, at - 1, floor, resolve, true);
    if (unit) return { kind: 'unit', start: unit.start, end: at - 1, code: unit.code };
    const start = wordStart(text, at - 1);
    const fragment =
      start >= floor && !attachesBefore(text.charCodeAt(start - 1)) && UNIT_FRAGMENT.test(text.slice(start, at - 1));
    return fragment ? { kind: 'fragment', start, end: at - 1 } : { kind: 'attached' };
  }
  // Any other separator needs a unit the catalogue knows: "LMCA5 P21", "LMC A5 PC21", "LMCA5:P25", "SCDLMCA5 - P3",
  // "LMCA5 / P21".
  let j = at;
  while (j > at - 3 && isSpace(text.charCodeAt(j - 1))) j--;
  const sep = text.charCodeAt(j - 1);
  if (sep === 58 || sep === 46 || sep === 47 || isDash(sep)) {
    j--;
    const before = j;
    while (j > before - 3 && isSpace(text.charCodeAt(j - 1))) j--;
  }
  let unknownUnit: { start: number; end: number } | undefined;
  if (j < at) {
    const unit = unitEndingAt(text, j, floor, resolve, true);
    if (unit?.code) return { kind: 'unit', start: unit.start, end: j, code: unit.code };
    // A word shaped like a unit code that is none ("LMCB3 P3", a typo): the criterion must not count for the
    // unit its context names, which may well be another.
    if (unit) unknownUnit = { start: unit.start, end: j };
  }
  if (attachesBefore(prev)) return { kind: 'attached' };
  return unknownUnit ? { kind: 'none', unknownUnit } : { kind: 'none' };
}

/** The item that continues a list at `at`, if any: its separators are those of the grammar's `list`. */
function nextListItem(text: string, at: number, previous: CitationItem): CitationItem | undefined {
  const c = text.charCodeAt(at);
  if (c === 44 /* , */) {
    let j = skipSpaces(text, at + 1);
    if (wordAt(text, j, 'and')) {
      const k = skipSpaces(text, j + 3);
      if (k === j + 3) return undefined;
      j = k;
    }
    return itemOrNumber(text, j, previous);
  }
  if (c === 47 /* / */) return itemOnly(text, at + 1);
  const j = skipSpaces(text, at);
  if (j === at) return undefined;
  const joiner = wordAt(text, j, 'and') ? 3 : text.charCodeAt(j) === 38 /* & */ ? 1 : 0;
  if (joiner) {
    const k = skipSpaces(text, j + joiner);
    return k === j + joiner ? undefined : itemOrNumber(text, k, previous);
  }
  return itemOnly(text, j);
}

function itemOnly(text: string, at: number): CitationItem | undefined {
  const result = parseItem(text, at);
  return result && 'item' in result ? result.item : undefined;
}

function itemOrNumber(text: string, at: number, previous: CitationItem): CitationItem | undefined {
  return readKind(text, at)
    ? itemOnly(text, at)
    : parseNumberItem(text, at, previous.toKind, isDigit(previous.text.charCodeAt(0)));
}

/**
 * Every citation and near miss in `text`, in order. The caller masks regions that do not count (code,
 * comments, front matter) with spaces first, so offsets stay those of the original text. `from` skips a
 * leading part that holds no citation (the front matter, when it ends with a line break).
 */
export function scanText(text: string, resolve: UnitResolver, from = 0): CitationScan {
  const citations: Citation[] = [];
  const nearMisses: NearMiss[] = [];
  let floor = from;
  const digits = DIGIT_G;
  digits.lastIndex = from;
  while (digits.test(text)) {
    const digit = digits.lastIndex - 1;
    while (isDigit(text.charCodeAt(digits.lastIndex))) digits.lastIndex++; // the rest of the number
    const at = kindStartBefore(text, digit);
    if (at < floor || isWordChar(text.charCodeAt(at - 1))) continue;
    const mark = readKind(text, at);
    if (!mark || mark.next !== digit) continue;
    const first = parseItem(text, at, mark);
    if (!first) continue;
    const unit = unitBefore(text, at, floor, resolve);
    if (unit.kind === 'attached') continue;
    if (unit.kind === 'none' && !mark.upper && mark.spaced) continue; // "p 16" is a page, not a criterion
    if ('miss' in first || unit.kind === 'fragment') {
      const start = unit.kind === 'none' ? at : unit.start;
      const end = 'miss' in first ? first.end : first.item.end;
      if (unit.kind === 'none' && !mark.upper) continue;
      nearMisses.push({
        start,
        end,
        itemStart: at,
        text: text.slice(start, end),
        reason: 'miss' in first ? first.miss : 'unit-fragment',
        ...(unit.kind === 'none' ? {} : { unitText: text.slice(unit.start, unit.end) }),
      });
      floor = end;
      digits.lastIndex = end;
      continue;
    }
    const items = [first.item];
    let end = first.item.end;
    for (let next = nextListItem(text, end, first.item); next; next = nextListItem(text, end, next)) {
      items.push(next);
      end = next.end;
    }
    const start = unit.kind === 'unit' ? unit.start : at;
    const unitEnd = unit.kind === 'unit' ? unit.end : at;
    const citation: Citation = {
      start,
      end,
      unitText: text.slice(start, unitEnd),
      unitStart: start,
      unitEnd,
      unitCode: unit.kind === 'unit' ? unit.code : undefined,
      items,
    };
    if (unit.kind === 'none') {
      citation.bare = { candidates: [], source: undefined };
      if (unit.unknownUnit)
        citation.bare.unknownUnit = {
          text: text.slice(unit.unknownUnit.start, unit.unknownUnit.end),
          start: unit.unknownUnit.start,
        };
    }
    citations.push(citation);
    floor = end;
    digits.lastIndex = end;
  }
  return { citations, nearMisses };
}

/** The citations of `text` (see scanText), bare ones included with their unit not yet worked out. */
export function scanCitations(text: string, resolve: UnitResolver, from = 0): Citation[] {
  return scanText(text, resolve, from).citations;
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

export function canonicalItem(item: ItemShape): string {
  return item.isRange ? `${item.kind}${item.from}-${item.toKind}${item.to}` : `${item.kind}${item.from}`;
}

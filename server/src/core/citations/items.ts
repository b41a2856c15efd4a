/**
 * The items of a citation: `P21`, `PC 3`, `K38-K40`, `P25 to P29`, `PCs 1-4`, and inside a list the bare
 * numbers that continue it (`LMCA5/P19, 20, 21`). Pure; offsets are UTF-16 indices into the text given.
 */
import { digitsAt, isDash, isDigit, isLetter, isSpace, isWordChar, numberAt, skipSpaces, wordAt } from './chars';

/** Performance criterion or knowledge point. */
export type CriterionKind = 'P' | 'K';

export interface CitationItem {
  /** Kind and number of the first (or only) criterion. */
  kind: CriterionKind;
  from: number;
  /** Kind and number of the range end; equal to kind/from for a single item. */
  toKind: CriterionKind;
  to: number;
  isRange: boolean;
  /** Offsets of this item's own text ("P1", "P1-P4", "PC 3") in the scanned text. */
  start: number;
  end: number;
  text: string;
}

/** Why citation-shaped text counts nothing: criteria have no lettered parts, decimals are another award's. */
export type ItemMiss = 'lettered' | 'decimal';

export type ItemResult = { item: CitationItem } | { miss: ItemMiss; end: number };

interface KindMark {
  kind: CriterionKind;
  /** Where the number starts. */
  next: number;
  /** Written with a space before the number (`P 16`). */
  spaced: boolean;
  /** Written in capitals (`P`, `PC`, `K`), which a bare criterion needs when spaced. */
  upper: boolean;
}

/** P, PC, PCs or K (any case), then at most one space, when a digit follows. */
export function readKind(text: string, at: number): KindMark | undefined {
  const c = text.charCodeAt(at);
  let kind: CriterionKind;
  let i = at + 1;
  if ((c | 32) === 112 /* p */) {
    kind = 'P';
    if ((text.charCodeAt(i) | 32) === 99 /* c */) {
      i++;
      if ((text.charCodeAt(i) | 32) === 115 /* s */) i++;
    }
  } else if ((c | 32) === 107 /* k */) {
    kind = 'K';
  } else {
    return undefined;
  }
  const upper = c === 80 || c === 75;
  if (isDigit(text.charCodeAt(i))) return { kind, next: i, spaced: false, upper };
  if (isSpace(text.charCodeAt(i)) && isDigit(text.charCodeAt(i + 1))) return { kind, next: i + 1, spaced: true, upper };
  return undefined;
}

/** A number ends a token when no letter, digit or decimal part follows it (`P1.` ends a sentence, `P1.2` does not). */
function endsToken(text: string, end: number): boolean {
  const c = text.charCodeAt(end);
  if (isWordChar(c)) return false;
  return !((c === 46 || c === 58) && isDigit(text.charCodeAt(end + 1)));
}

/**
 * Whether a number written without its kind may end a list here: not part of a date, a fraction or a time,
 * and not followed by a word other than "and", "to" or a criterion (`P21, 30 staff` is not P30).
 */
function numberMayEnd(text: string, end: number): boolean {
  const c = text.charCodeAt(end);
  if (c === 47 || c === 37 /* / % */ || !endsToken(text, end)) return false;
  const next = skipSpaces(text, end, 3);
  if (!isLetter(text.charCodeAt(next))) return true;
  return wordAt(text, next, 'and') || wordAt(text, next, 'to') || readKind(text, next) !== undefined;
}

/** The end of a range after a number that ends at `after`: `-P4`, `–4`, ` - P4`, ` to P29`, ` to 29`. */
function rangeEnd(
  text: string,
  after: number,
  kind: CriterionKind,
): { toKind: CriterionKind; to: number; end: number } | undefined {
  let j = skipSpaces(text, after, 1);
  // "to" is also a word of prose ("P2 to support"), so a range written with it needs a number that ends well.
  let byWord = false;
  if (isDash(text.charCodeAt(j))) {
    j = skipSpaces(text, j + 1, 1);
  } else {
    byWord = true;
    const to = skipSpaces(text, after, 2);
    if (to === after || !wordAt(text, to, 'to')) return undefined;
    j = skipSpaces(text, to + 2, 2);
    if (j === to + 2) return undefined;
  }
  const mark = readKind(text, j);
  if (mark) j = mark.next;
  const digits = digitsAt(text, j);
  const end = j + digits;
  if (digits === 0 || !endsToken(text, end)) return undefined;
  if (byWord && !mark && !numberMayEnd(text, end)) return undefined;
  return { toKind: mark?.kind ?? kind, to: numberAt(text, j, digits), end };
}

/** A lettered part (`P21a`): one small letter after the number, then the token ends. ("s" is a plural: `P45s`.) */
function letteredEnd(text: string, end: number): number | undefined {
  const c = text.charCodeAt(end);
  return c >= 97 && c <= 122 && c !== 115 && !isWordChar(text.charCodeAt(end + 1)) ? end + 1 : undefined;
}

/** A decimal part (`P1.2`, `P1.2.3`): its end, or undefined. */
function decimalEnd(text: string, end: number): number | undefined {
  let i = end;
  while (text.charCodeAt(i) === 46 && isDigit(text.charCodeAt(i + 1))) i += 1 + digitsAt(text, i + 1);
  return i > end ? i : undefined;
}

function item(
  text: string,
  start: number,
  end: number,
  kind: CriterionKind,
  from: number,
  range: { toKind: CriterionKind; to: number } | undefined,
): CitationItem {
  return {
    kind,
    from,
    toKind: range?.toKind ?? kind,
    to: range?.to ?? from,
    isRange: range !== undefined,
    start,
    end,
    text: text.slice(start, end),
  };
}

/** Parses an item at `at` (`P1`, `PC 3`, `P1-P4`, `K2 to K5`); a near miss when it runs on into a letter or decimal. */
export function parseItem(text: string, at: number, mark = readKind(text, at)): ItemResult | undefined {
  if (!mark) return undefined;
  const digits = digitsAt(text, mark.next);
  const numberEnd = mark.next + digits;
  if (!endsToken(text, numberEnd)) {
    const decimal = decimalEnd(text, numberEnd);
    if (decimal !== undefined) return { miss: 'decimal', end: decimal };
    const lettered = letteredEnd(text, numberEnd);
    return lettered === undefined ? undefined : { miss: 'lettered', end: lettered };
  }
  const from = numberAt(text, mark.next, digits);
  const range = rangeEnd(text, numberEnd, mark.kind);
  return { item: item(text, at, range?.end ?? numberEnd, mark.kind, from, range) };
}

/**
 * A number that continues a list with the kind of the item before it (`19, 20, 21`, `20-22`). `inRun` says the
 * item before was a number too: a run of numbers is a list, whatever word follows it.
 */
export function parseNumberItem(
  text: string,
  at: number,
  kind: CriterionKind,
  inRun = false,
): CitationItem | undefined {
  const digits = digitsAt(text, at, 3);
  const end = at + digits;
  if (digits === 0 || !endsToken(text, end)) return undefined;
  const from = numberAt(text, at, digits);
  const range = rangeEnd(text, end, kind);
  if (!range && !inRun && !numberMayEnd(text, end)) return undefined;
  return item(text, at, range?.end ?? end, kind, from, range);
}

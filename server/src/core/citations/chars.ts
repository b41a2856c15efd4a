/**
 * The character classes of the citation grammar, tested on UTF-16 code units (NaN past either end of the text,
 * which is in no class): scanning runs on every account, and a pattern per character was most of its time.
 */

/** [A-Za-z0-9] */
export function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122);
}

/** [A-Za-z] */
export function isLetter(c: number): boolean {
  return (c | 32) >= 97 && (c | 32) <= 122;
}

/** [0-9] */
export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** [A-Za-z0-9_] */
export function isWordChar(c: number): boolean {
  return c === 95 || isAlnum(c);
}

/** [ \t\u00a0]: the spaces allowed inside a citation (never a line break: a citation stays on one line). */
export function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0;
}

/** - and the Unicode hyphens and dashes (U+2010 to U+2014) that may join a range. */
export function isDash(c: number): boolean {
  return c === 45 || (c >= 0x2010 && c <= 0x2014);
}

/** Characters that, right before a unit or item, make it part of something else (a word, a path, a URL). */
export function attachesBefore(c: number): boolean {
  return isWordChar(c) || c === 47 || c === 46 || c === 45 || c === 64 || c === 35 || c === 58 || c === 92;
}

/** How many digits (at most `max`) start at `at`. */
export function digitsAt(text: string, at: number, max = 6): number {
  let n = 0;
  while (n < max && isDigit(text.charCodeAt(at + n))) n++;
  return n;
}

/** The value of the `count` digits at `at`. */
export function numberAt(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) value = value * 10 + (text.charCodeAt(i) - 48);
  return value;
}

/** Skips at most `max` spaces from `at`. */
export function skipSpaces(text: string, at: number, max = 3): number {
  let i = at;
  while (i - at < max && isSpace(text.charCodeAt(i))) i++;
  return i;
}

/** Whether the word `word` (ASCII, lower case) starts at `at` and ends there as a whole word. */
export function wordAt(text: string, at: number, word: string): boolean {
  for (let i = 0; i < word.length; i++) if ((text.charCodeAt(at + i) | 32) !== word.charCodeAt(i)) return false;
  return !isWordChar(text.charCodeAt(at + word.length));
}

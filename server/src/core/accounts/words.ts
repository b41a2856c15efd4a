/**
 * Words of running text, as the word counts of paragraphs and accounts count them: Unicode letters and
 * digits, with apostrophes and hyphens inside a word, and the words of citations left out.
 */
import type { Citation } from '../citations/codes';

const WORD_START = /[\p{L}\p{N}]/u;

/**
 * Classes of UTF-16 code units for counting words, as bits: LETTER (a letter or digit) starts or continues a
 * word, JOINER continues one but does not start one, OTHER (no bit) ends it.
 */
const OTHER = 0;
const LETTER = 1;
const JOINER = 2;
/** Code units the table cannot class alone: looked at in `slowClass`. */
const UNKNOWN = 4;
const HIGH_SURROGATE = 8;
const LOW_SURROGATE = 9;

/**
 * The class of every code unit, filled in for units above ASCII as they are met (testing the Unicode pattern
 * on every curly quote and dash was most of the cost of counting words). 64 KB, so that a character costs one
 * load, where the Map it replaces cost a lookup per character above ASCII.
 */
const UNIT_CLASS = new Uint8Array(0x10000).fill(UNKNOWN);
for (let c = 0; c < 128; c++)
  UNIT_CLASS[c] = (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122) ? LETTER : OTHER;
UNIT_CLASS[39] = JOINER; // '
UNIT_CLASS[45] = JOINER; // -
UNIT_CLASS[0x2019] = JOINER; // ’
UNIT_CLASS.fill(HIGH_SURROGATE, 0xd800, 0xdc00);
UNIT_CLASS.fill(LOW_SURROGATE, 0xdc00, 0xe000);

function isHighSurrogate(ch: number): boolean {
  return ch >= 0xd800 && ch <= 0xdbff;
}

/**
 * The class of the code unit at i when the table does not say: a unit above ASCII met for the first time
 * (classed and remembered), or a surrogate. A pair is one code point, a letter or not, so its high half takes
 * the pair's class (reading the low half even past the end of the range, as the pattern run on the whole text
 * would) and its low half leaves the state as it is (JOINER); a lone surrogate is neither letter nor joiner.
 */
function slowClass(text: string, i: number, start: number, ch: number, cls: number): number {
  if (cls === UNKNOWN) {
    cls = WORD_START.test(String.fromCharCode(ch)) ? LETTER : OTHER;
    UNIT_CLASS[ch] = cls;
    return cls;
  }
  if (cls === LOW_SURROGATE) return i > start && isHighSurrogate(text.charCodeAt(i - 1)) ? JOINER : OTHER;
  const low = text.charCodeAt(i + 1);
  if (!(low >= 0xdc00 && low <= 0xdfff)) return OTHER;
  return WORD_START.test(String.fromCodePoint(((ch - 0xd800) << 10) + (low - 0xdc00) + 0x10000)) ? LETTER : OTHER;
}

/**
 * Words as the pattern [\p{L}\p{N}][\p{L}\p{N}'’-]* counts them (Unicode letters and digits), without building
 * matches: one pass that counts where a word starts, a letter or digit outside a word. Joiners keep a word going;
 * anything else ends it. The state is updated with bit arithmetic rather than branches: whether a character
 * starts a word is as good as random to the processor, and mispredicted branches made the loop twice as slow.
 */
function wordsIn(text: string, start: number, end: number): number {
  let words = 0;
  let inWord = 0;
  for (let i = start; i < end; i++) {
    const ch = text.charCodeAt(i);
    let cls = UNIT_CLASS[ch];
    if (cls > JOINER) cls = slowClass(text, i, start, ch, cls);
    const letter = cls & LETTER;
    words += letter & (inWord ^ 1);
    inWord = letter | ((cls >> 1) & inWord);
  }
  return words;
}

/** Words of running text in [start, end), not counting the words of citations inside it (sorted by start). */
export function countWords(text: string, start: number, end: number, citations: readonly Citation[]): number {
  let words = wordsIn(text, start, end);
  // Start at the first citation inside the paragraph (binary search): walking from the first citation of the
  // file made counting every paragraph of a 10 MB account take minutes.
  let lo = 0;
  let hi = citations.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (citations[mid].start < start) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < citations.length && citations[i].start < end; i++) {
    if (citations[i].end <= end) words -= wordsIn(text, citations[i].start, citations[i].end);
  }
  return Math.max(words, 0);
}

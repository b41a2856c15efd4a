/**
 * fast-check arbitraries for the pieces of an account, for the property tier and `npm run fuzz`: unit codes as
 * people spell them (aliases, lower case, spaces), criteria, lists and ranges (en dashes, NBSP), whole citations,
 * near misses that must not count, and random Unicode noise. documentArbitraries.ts builds accounts from them.
 */
import fc from 'fast-check';

/** Spellings the test catalogue (test/unit/helpers.ts) resolves, in the case and spacing people use. */
export const KNOWN_UNITS = [
  'LMCA5',
  'lmca5',
  'LmcA5',
  'SCDLMCA5',
  'scdlmca5',
  'SCDLMC A5',
  'SCDLMCS A5',
  'H7LP 04',
  'h7lp 04',
  'LMCB2',
  'SCDLMCB2',
  'H7LR 04',
];
/** Look like unit codes but are not in the catalogue. */
export const UNKNOWN_UNITS = ['LMCA6', 'XYZ12', 'AB1', 'LMCZ9', 'SCDLMCQ7'];
/** Citation-shaped text that must not be a citation (or not the obvious one). */
export const NEAR_MISSES = [
  'XLMCA5/P1',
  'LMCA5/P12a',
  'http://x.org/LMCA5/P1',
  'LMCA5/',
  '/P1',
  'LMCA5 /P1',
  'a/b',
  'LMCA5/P',
  'LMCA5/PP1',
  'path/to/LMCA5/P1',
  'LMCA5/P1_',
  'LMCA5/P1-',
  'LMCA5/P1-P',
  'LMCA5/P1\u2013K4',
  'LMCA5/P9-P2',
  'LMCA5/P1,,P2',
  'e.g.LMCA5/P1',
  '#LMCA5/P1',
  '@LMCA5/P1',
  'LMCA5/P0',
  'LMCA5/K999999',
  'LMCA5/P1234567',
  'LMCA5/P1 - - P2',
  'LMCA5/P1,\u00a0\u00a0\u00a0\u00a0P2',
  'A5/P1',
  '1LMCA5/P1',
];
const DASHES = ['-', '\u2013', '\u2014', '\u2010', '\u2011', '\u2012'];
const NOISE = [
  '\u00a0',
  '\t',
  '\u2028',
  '\u2029',
  '\u0000',
  '\ufffd',
  '\ufeff',
  '\ud800',
  '\udfff',
  '😀',
  '\u202e',
  '\u0085',
  '\u000b',
  '\u000c',
  '\\',
  '&amp;',
  '&#x2F;',
  '<',
  '>',
  '*',
  '_',
  '[',
  ']',
  '(',
  ')',
  '!',
  '|',
  '~',
  '#',
];

/** One of the given values (fc.constantFrom over a list). */
export const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);

/** A criterion number as written: small and valid mostly, sometimes 0, huge or zero-padded. */
const numberText = fc.oneof(
  { weight: 10, arbitrary: fc.integer({ min: 1, max: 40 }).map(String) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 9_999_999 }).map(String) },
  { weight: 1, arbitrary: pick(['0', '01', '007', '000000']) },
);
const kindText = fc.oneof({ weight: 6, arbitrary: pick(['P', 'K']) }, { weight: 1, arbitrary: pick(['p', 'k']) });
const space01 = fc.oneof({ weight: 4, arbitrary: fc.constant('') }, { weight: 1, arbitrary: pick([' ', '\u00a0']) });

export const itemText = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(kindText, numberText).map(([k, n]) => k + n) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(kindText, numberText, space01, pick(DASHES), space01, fc.option(kindText, { nil: '' }), numberText)
      .map(([k, a, s1, d, s2, k2, b]) => `${k}${a}${s1}${d}${s2}${k2}${b}`),
  },
);
const listSeparator = pick([', ', ',', ',  ', ', \u00a0', ',\t']);

export const unitText = fc.oneof(
  { weight: 5, arbitrary: pick(KNOWN_UNITS) },
  { weight: 1, arbitrary: pick(UNKNOWN_UNITS) },
);

/** One citation as people type it: unit, slash, one item or a list of items and ranges. */
export const citationText = fc
  .tuple(unitText, fc.array(fc.tuple(listSeparator, itemText), { maxLength: 4 }), itemText)
  .map(([unit, rest, first]) => `${unit}/${first}${rest.map(([sep, item]) => sep + item).join('')}`);

/** Random Unicode in small doses: any code point, lone surrogates, controls and Markdown punctuation. */
export const noise = fc.oneof(
  { weight: 3, arbitrary: pick(NOISE) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 4 }) },
);

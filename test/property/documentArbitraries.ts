/**
 * fast-check arbitraries for whole texts, for the property tier and `npm run fuzz`: realistic Markdown accounts
 * with citations (code, comments, front matter, lists, tables, quotes, CRLF, BOM) mixed with random Unicode,
 * token soup, any text at all, and random edits. The pieces (units, citations, noise) are in
 * citationArbitraries.ts; strictDocs.ts builds the "strict" documents whose every segment is labelled as counted
 * or ignored.
 */
import fc from 'fast-check';
import { citationText, NEAR_MISSES, noise, pick } from './citationArbitraries';

const WORDS = [
  'I',
  'met',
  'the',
  'team',
  'to',
  'plan',
  'rota',
  'and',
  'reviewed',
  'how',
  'each',
  'visit',
  'went',
  'with',
  'key',
  'people',
  'care',
  'manager',
  'staff',
  'supervision',
  'risk',
  'assessment',
  'résumé',
  'naïve',
  'don’t',
  '“quoted”',
  'well-being',
  'e.g.',
  '(see',
  'below)',
  'first,',
  'then;',
  'done.',
  '40%',
  '3/4',
  'and/or',
  'RA3',
  'P1',
  'K38',
  'LMCA5',
  'café',
  'Ωmega',
  'über',
  'straße',
  '日本語',
  'emoji😀',
  'a\u0301',
  '\u200b',
  'x',
];

const word = fc.oneof(
  { weight: 8, arbitrary: pick(WORDS) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 8 }) },
);

/** A token of running text: words, citations, near misses, inline code, inline comments, emphasis, links. */
const inlineToken: fc.Arbitrary<string> = fc.oneof(
  { weight: 10, arbitrary: word },
  { weight: 5, arbitrary: citationText },
  { weight: 1, arbitrary: citationText.map((c) => `(${c})`) },
  { weight: 2, arbitrary: pick(NEAR_MISSES) },
  { weight: 1, arbitrary: fc.oneof(citationText, word).map((c) => '`' + c + '`') },
  { weight: 1, arbitrary: citationText.map((c) => '`` ' + c + ' ``') },
  { weight: 1, arbitrary: fc.oneof(citationText, word).map((c) => `<!-- ${c} -->`) },
  { weight: 1, arbitrary: citationText.map((c) => `<!-- tutor: is ${c} met? -->`) },
  { weight: 1, arbitrary: citationText.map((c) => `*${c}*`) },
  { weight: 1, arbitrary: citationText.map((c) => `[${c}](http://example.org/a)`) },
  { weight: 2, arbitrary: noise },
);

export const inlineLine = fc
  .array(inlineToken, { minLength: 1, maxLength: 12 })
  .chain((tokens) =>
    fc
      .array(pick([' ', ' ', ' ', '', '\u00a0', '  ']), { minLength: tokens.length, maxLength: tokens.length })
      .map((seps) => tokens.map((t, i) => (i ? seps[i] : '') + t).join('')),
  );

const lines = (min: number, max: number) => fc.array(inlineLine, { minLength: min, maxLength: max });
const listMarker = pick(['- ', '* ', '+ ', '1. ', '2) ', '10. ']);

/** One Markdown block, possibly several lines, joined with \n (line endings are varied later). */
export const block: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: lines(1, 3).map((ls) => ls.join('\n')) },
  {
    weight: 2,
    arbitrary: fc.tuple(fc.integer({ min: 1, max: 7 }), inlineLine).map(([n, l]) => '#'.repeat(n) + ' ' + l),
  },
  {
    weight: 3,
    arbitrary: fc
      .array(fc.tuple(fc.integer({ min: 0, max: 3 }), listMarker, inlineLine), { minLength: 1, maxLength: 6 })
      .map((items) => items.map(([depth, m, l]) => '  '.repeat(depth) + m + l).join('\n')),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.integer({ min: 1, max: 3 }), lines(1, 3))
      .map(([d, ls]) => ls.map((l) => '> '.repeat(d) + l).join('\n')),
  },
  {
    weight: 3,
    arbitrary: fc
      .tuple(pick(['```', '~~~', '````', '``` md', '~~~ text']), lines(0, 3), fc.boolean())
      .map(([open, ls, closed]) =>
        [open, ...ls, ...(closed ? [open.slice(0, open.indexOf(' ') < 0 ? open.length : open.indexOf(' '))] : [])].join(
          '\n',
        ),
      ),
  },
  { weight: 1, arbitrary: lines(1, 3).map((ls) => ls.map((l) => '    ' + l).join('\n')) },
  {
    weight: 1,
    arbitrary: fc
      .array(fc.tuple(inlineLine, inlineLine), { minLength: 1, maxLength: 4 })
      .map((rows) => ['| a | b |', '|---|:-:|', ...rows.map(([a, b]) => `| ${a} | ${b} |`)].join('\n')),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(pick(['<!--', '<!-- tutor:', '<!--tutor :']), lines(0, 3), fc.boolean())
      .map(([o, ls, closed]) => [o, ...ls, closed ? '-->' : ''].join('\n')),
  },
  {
    weight: 1,
    arbitrary: pick([
      '---',
      '***',
      '___',
      '<div>',
      '</div>',
      '<details><summary>x</summary>',
      '[ref]: http://x.org',
      '\\',
    ]),
  },
  { weight: 1, arbitrary: fc.array(noise, { maxLength: 8 }).map((xs) => xs.join('')) },
);

/** YAML front matter: valid, broken, or citing things that must not count. */
export const frontMatterText: fc.Arbitrary<string> = fc
  .tuple(
    fc.array(
      fc.oneof(
        pick([
          'title: Re-allocating visits',
          'evidence: RA3',
          'evidence: 7',
          'units: [LMCA5, LMCB2]',
          'units: [lmca5, "H7LR 04", LMCA6]',
          'units:\n  - LMCA5\n  - SCDLMCB2',
          'units: LMCA5, LMCB2',
          'title: [unclosed',
          'units: {a: 1}',
          'evidence:',
          ': :',
          '\ttitle: tab',
          'title: "LMCA5/P9 in a title"',
          'units: 5',
          '- a list',
          'title: &a x\nevidence: *a',
          'title: x\ntitle: y',
          '"unclosed',
        ]),
        citationText.map((c) => `title: ${c}`),
        fc.string({ unit: 'grapheme', maxLength: 20 }),
      ),
      { maxLength: 5 },
    ),
    pick(['---', '...', '--- ', '']),
  )
  .map(([entries, close]) => ['---', ...entries, close].join('\n') + '\n');

export type LineEnding = 'lf' | 'crlf' | 'cr' | 'mixed';
export const lineEnding = fc.constantFrom<LineEnding>('lf', 'lf', 'crlf', 'cr', 'mixed');

export function withLineEndings(text: string, ending: LineEnding): string {
  if (ending === 'lf') return text;
  if (ending === 'crlf') return text.replace(/\n/g, '\r\n');
  if (ending === 'cr') return text.replace(/\n/g, '\r');
  let i = 0;
  return text.replace(/\n/g, () => ['\n', '\r\n', '\r'][i++ % 3]);
}

/** A whole account: optional BOM and front matter, blocks, a choice of line endings. */
export const markdownDoc: fc.Arbitrary<string> = fc
  .tuple(
    fc.boolean(),
    fc.option(frontMatterText, { nil: '' }),
    fc.array(block, { maxLength: 12 }),
    pick(['\n\n', '\n', '\n\n\n']),
    lineEnding,
  )
  .map(([bom, fm, blocks, sep, ending]) => (bom ? '\ufeff' : '') + withLineEndings(fm + blocks.join(sep), ending));

/** Markdown and citation fragments glued together at random: finds interactions a tidy generator misses. */
export const tokenSoup: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      pick([
        '`',
        '``',
        '```',
        '~~~',
        '<!--',
        '-->',
        '\n',
        '\r\n',
        '\r',
        '    ',
        '> ',
        '- ',
        '1. ',
        '|',
        '---\n',
        '...',
        '/',
        ',',
        ', ',
        '-',
        '\u2013',
        ' ',
        '\u00a0',
        '\ufeff',
        'P',
        'K',
        'p',
        '1',
        '12',
        '999999',
        'LMCA5',
        'H7LP',
        ' 04',
        'SCDLMC',
        ' A5',
        'LMCA5/',
        '/P1',
        'LMCA5/P1',
        '<',
        '>',
        '*',
        '\\',
      ]),
      noise,
      citationText,
    ),
    { maxLength: 40 },
  )
  .map((xs) => xs.join(''));

/** Any text at all: documents, soup, or plain random strings. */
export const anyText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: markdownDoc },
  { weight: 3, arbitrary: tokenSoup },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 200 }) },
);

/** A replacement of [start, end) by `insert`, positions given as fractions so they fit any text. */
export interface Edit {
  start: number;
  end: number;
  insert: string;
}
export const editOf = (text: string, a: number, b: number, insert: string): Edit => {
  const x = Math.floor(a * (text.length + 1));
  const y = Math.floor(b * (text.length + 1));
  return { start: Math.min(x, y, text.length), end: Math.min(Math.max(x, y), text.length), insert };
};
export const applyEdit = (text: string, e: Edit): string => text.slice(0, e.start) + e.insert + text.slice(e.end);
export const editArgs = fc.tuple(
  fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
  fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
  fc.oneof(inlineToken, block, noise, pick(['', '\n', '\n\n', '```\n', '<!--', '-->', '---\n', '`'])),
);

/**
 * "Strict" documents: well-formed Markdown built from labelled segments, so a property can say which
 * citations must be found (every `cite` segment, at its exact offset) and where none may be found
 * (every `ignore` segment: fenced and indented code, inline code, comments, front matter).
 * Every construct is closed, so nothing swallows what follows it.
 */
import fc from 'fast-check';
import { KNOWN_UNITS, UNKNOWN_UNITS } from './citationArbitraries';
import { withLineEndings, lineEnding } from './documentArbitraries';

export type Role = 'text' | 'cite' | 'ignore';
export interface Segment {
  text: string;
  role: Role;
  /** For `ignore`: what construct hides it. */
  what?: Hidden;
}
export type Hidden = 'fence' | 'indented' | 'inline-code' | 'comment' | 'front-matter';
export interface StrictDoc {
  text: string;
  /** Offsets at which a citation must start. */
  citeStarts: number[];
  /** Spans no citation may touch. */
  ignored: Array<{ start: number; end: number; what: Hidden }>;
}

const SAFE_WORDS = [
  'I',
  'met',
  'the',
  'team',
  'plan',
  'rota',
  'and',
  'visit',
  'care',
  'staff',
  'risk',
  'café',
  'naïve',
  'don’t',
  '“quoted”',
  'well-being',
  'done.',
  'first,',
  'then;',
  '日本語',
  'emoji😀',
  'über',
  'a\u00a0b',
];
const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);
const t = (text: string): Segment => ({ text, role: 'text' });

/** Items with at most six digits: longer numbers are not criterion numbers, so not citations. */
const n = fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 999_999 }));
const k = fc.constantFrom('P', 'K', 'p', 'k');
const item = fc.oneof(
  fc.tuple(k, n).map(([a, b]) => a + b),
  fc
    .tuple(k, n, fc.constantFrom('-', '\u2013', ' - ', '\u2013 '), fc.constantFrom('', 'P', 'K'), n)
    .map(([a, b, d, c, e]) => `${a}${b}${d}${c}${e}`),
);
const cite = fc
  .tuple(pick([...KNOWN_UNITS, ...UNKNOWN_UNITS]), fc.array(item, { minLength: 1, maxLength: 3 }), pick([', ', ',']))
  .map(([unit, items, sep]): Segment => ({ text: `${unit}/${items.join(sep)}`, role: 'cite' }));
/** What code and comments contain: words and citation-looking text, never a fence or a comment end. */
const hiddenText = fc
  .array(
    fc.oneof(
      pick(SAFE_WORDS),
      cite.map((s) => s.text),
    ),
    { minLength: 1, maxLength: 6 },
  )
  .map((xs) => xs.join(' '));

const token: fc.Arbitrary<Segment[]> = fc.oneof(
  { weight: 6, arbitrary: pick(SAFE_WORDS).map((w) => [t(w)]) },
  { weight: 4, arbitrary: cite.map((c) => [c]) },
  { weight: 1, arbitrary: cite.map((c) => [t('('), c, t(')')]) },
  { weight: 1, arbitrary: cite.map((c) => [t('*'), c, t('*')]) },
  {
    weight: 2,
    arbitrary: hiddenText.map((h): Segment[] => [t('`'), { text: h, role: 'ignore', what: 'inline-code' }, t('`')]),
  },
  {
    weight: 2,
    arbitrary: hiddenText.map((h): Segment[] => [t('<!-- '), { text: h, role: 'ignore', what: 'comment' }, t(' -->')]),
  },
);

/** A line never starts with a comment: that would open an HTML block, where backticks are not code. */
const line: fc.Arbitrary<Segment[]> = fc
  .array(token, { minLength: 1, maxLength: 8 })
  .map((tokens) =>
    tokens.flatMap((segs, i) => (i ? [t(' '), ...segs] : segs[0].text.startsWith('<!--') ? [t('I '), ...segs] : segs)),
  );

const paragraph = fc
  .array(line, { minLength: 1, maxLength: 3 })
  .map((ls) => ls.flatMap((l, i) => (i ? [t('\n'), ...l] : l)));
const heading = fc.tuple(fc.integer({ min: 1, max: 6 }), line).map(([n, l]) => [t('#'.repeat(n) + ' '), ...l]);
const list = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 3 }), pick(['- ', '* ', '1. ']), line), { minLength: 1, maxLength: 5 })
  .map((items) => {
    let depth = 0;
    return items.flatMap(([want, marker, l], i) => {
      depth = i === 0 ? 0 : Math.min(want, depth + 1);
      return [...(i ? [t('\n')] : []), t('   '.repeat(depth) + marker), ...l];
    });
  });
const quote = fc
  .array(line, { minLength: 1, maxLength: 3 })
  .map((ls) => ls.flatMap((l, i) => [...(i ? [t('\n')] : []), t('> '), ...l]));
const fence = fc
  .tuple(pick(['```', '~~~', '````']), pick(['', 'md', 'text']), fc.array(hiddenText, { maxLength: 3 }))
  .map(([f, info, ls]): Segment[] => [
    t(f + info + '\n'),
    { text: ls.map((l) => l + '\n').join(''), role: 'ignore', what: 'fence' },
    t(f),
  ]);
const commentBlock = fc
  .tuple(pick(['<!--', '<!-- tutor:']), fc.array(hiddenText, { maxLength: 3 }))
  .map(([open, ls]): Segment[] => [
    t(open + '\n'),
    { text: ls.map((l) => l + '\n').join(''), role: 'ignore', what: 'comment' },
    t('-->'),
  ]);
/** Indented code right after a heading, where nothing can make it a paragraph continuation. */
const indentedCode = fc
  .tuple(heading, fc.array(hiddenText, { minLength: 1, maxLength: 3 }))
  .map(([h, ls]): Segment[] => [
    ...h,
    t('\n\n'),
    ...ls.flatMap((l, i): Segment[] => [t((i ? '\n' : '') + '    '), { text: l, role: 'ignore', what: 'indented' }]),
  ]);

const blockArb: fc.Arbitrary<Segment[]> = fc.oneof(
  { weight: 5, arbitrary: paragraph },
  { weight: 2, arbitrary: heading },
  { weight: 2, arbitrary: list },
  { weight: 2, arbitrary: quote },
  { weight: 2, arbitrary: fence },
  { weight: 1, arbitrary: commentBlock },
  { weight: 1, arbitrary: indentedCode },
);

const frontMatter = fc
  .array(
    fc.oneof(
      pick(['title: A title', 'evidence: RA3', 'units: [LMCA5, LMCB2]']),
      cite.map((c) => `title: ${c.text}`),
    ),
    { minLength: 1, maxLength: 4 },
  )
  .map((ls): Segment[] => [
    t('---\n'),
    { text: ls.join('\n') + '\n', role: 'ignore', what: 'front-matter' },
    t('---\n'),
  ]);

export const strictDoc: fc.Arbitrary<StrictDoc> = fc
  .tuple(
    fc.boolean(),
    fc.option(frontMatter, { nil: [] as Segment[] }),
    fc.array(blockArb, { minLength: 1, maxLength: 8 }),
    lineEnding,
  )
  .map(([bom, fm, blocks, ending]) => {
    const segments: Segment[] = [
      ...(bom ? [t('\ufeff')] : []),
      ...fm,
      ...blocks.flatMap((b, i) => (i ? [t('\n\n'), ...b] : b)),
    ];
    const out: StrictDoc = { text: '', citeStarts: [], ignored: [] };
    for (const s of segments) {
      const text = withLineEndings(s.text, ending);
      if (s.role === 'cite') out.citeStarts.push(out.text.length);
      if (s.role === 'ignore' && text.length)
        out.ignored.push({ start: out.text.length, end: out.text.length + text.length, what: s.what! });
      out.text += text;
    }
    return out;
  });

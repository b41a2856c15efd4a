/**
 * Properties of front matter (core/accounts/frontMatter.ts), its plain reader (plainFrontMatter.ts) and the
 * fast block scanner (core/accounts/blocks.ts): never throw, offsets inside the text, and each fast reader
 * answers exactly what the library it stands in for answers, wherever it answers.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parsedRegions } from '../../server/src/core/accounts/account';
import { scanSimpleBlocks } from '../../server/src/core/accounts/blocks';
import { findFrontMatter, parseFrontMatter, readWithLibrary } from '../../server/src/core/accounts/frontMatter';
import { readPlainFrontMatter } from '../../server/src/core/accounts/plainFrontMatter';
import { noise } from './citationArbitraries';
import {
  anyText,
  block,
  frontMatterText,
  lineEnding,
  markdownDoc,
  tokenSoup,
  withLineEndings,
} from './documentArbitraries';
import { checkFrontMatter } from './invariants';
import type { Prop } from './props';
import { strictDoc } from './strictDocs';

const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);
const KEYS = ['title', 'evidence', 'units', 'Title', 'other', 'units ', ' title', 'title\t', '-', '? title', '"title"'];
const VALUES = [
  'Re-allocating visits',
  'RA3',
  '7',
  '3.0',
  'true',
  'null',
  '~',
  '[LMCA5, LMCB2]',
  '[LMCA5,LMCA4]',
  '[ H7LP 04 ]',
  '[]',
  '[LMCA5, ]',
  '[a:b]',
  '[[x]]',
  'LMCA5, LMCB2',
  '"quoted: yes"',
  "'single'",
  'a: b',
  'Week #3',
  'Week # 3',
  'x:y',
  'ends:',
  '&a x',
  '*a',
  '|',
  '>',
  '{a: 1}',
  '',
  '   ',
  'a\u00a0',
  'x\ty',
  '# comment',
  '@at',
  '`tick`',
  '%x',
];

/** One line of front matter: usually `key: value`, sometimes list items, comments, indentation or noise. */
const fmLine = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(
        fc.oneof({ weight: 5, arbitrary: pick(KEYS.slice(0, 3)) }, { weight: 2, arbitrary: pick(KEYS) }),
        fc.oneof({ weight: 5, arbitrary: fc.constant(': ') }, { weight: 1, arbitrary: pick([':', ':  ', ' :']) }),
        fc.oneof(
          { weight: 5, arbitrary: pick(VALUES) },
          { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
        ),
      )
      .map(([k, c, v]) => k + c + v),
  },
  { weight: 2, arbitrary: fc.tuple(pick(['', '  ', '    ']), pick(VALUES.slice(0, 12))).map(([i, v]) => `${i}- ${v}`) },
  { weight: 1, arbitrary: pick(['# a comment', '', '   ', '  indented: x', '%YAML 1.2', '---x', '... x']) },
  { weight: 1, arbitrary: noise },
);
const frontMatterDoc = fc
  .tuple(fc.array(fmLine, { maxLength: 7 }), lineEnding, fc.boolean(), block)
  .map(
    ([lines, ending, bom, body]) =>
      (bom ? '\ufeff' : '') + withLineEndings(['---', ...lines, '---', body].join('\n'), ending),
  );

type Regions = {
  ignored: Array<{ kind: string; start: number; end: number }>;
  paragraphs: Array<{ start: number; end: number }>;
  notes: Array<{ start: number; end: number; text: string }>;
};
const sorted = (r: Regions): Regions => {
  const by = (a: { start: number; end: number }, b: { start: number; end: number }) =>
    a.start - b.start || a.end - b.end;
  return { ignored: [...r.ignored].sort(by), paragraphs: [...r.paragraphs].sort(by), notes: [...r.notes].sort(by) };
};
const bodies = fc.oneof(
  markdownDoc,
  strictDoc.map((d) => d.text),
  tokenSoup,
  fc.array(block, { maxLength: 6 }).map((b) => b.join('\n')),
);

/** Front matter close to the plain shape: the values that decide whether the plain reader may answer. */
const nearlyPlainDoc = fc
  .tuple(
    fc.array(
      fc
        .oneof(
          { weight: 6, arbitrary: fc.tuple(pick(KEYS.slice(0, 5)), pick([': ', ':  ']), pick(VALUES)) },
          {
            weight: 3,
            arbitrary: fc.tuple(
              pick(['title', 'evidence', 'units', 'other']),
              fc.constant(': '),
              fc.string({ unit: 'grapheme-ascii', maxLength: 14 }),
            ),
          },
          {
            weight: 2,
            arbitrary: fc.tuple(
              fc.constant('units'),
              fc.constant(': '),
              fc
                .array(pick(['LMCA5', ' LMCB2', 'H7LP 04 ', '\u00a0x', '', 'a b', '7', 'true', '"q"', '[x]']), {
                  maxLength: 4,
                })
                .map((xs) => `[${xs.join(',')}]${['', ' ', ' # c'][xs.length % 3]}`),
            ),
          },
        )
        .map((x) => (typeof x === 'string' ? x : x.join(''))),
      { maxLength: 6 },
    ),
    lineEnding,
  )
  .map(([lines, ending]) => withLineEndings(['---', ...lines, '---', 'Body'].join('\n'), ending));

export const frontMatterProps: Prop[] = [
  {
    name: 'the plain front matter reader answers exactly what the YAML library answers, whenever it answers',
    quickRuns: 400,
    fuzzShare: 30_000,
    property: () =>
      fc.property(fc.oneof(nearlyPlainDoc, frontMatterDoc, frontMatterText), (text) => {
        const block = findFrontMatter(text);
        fc.pre(block !== undefined);
        const source = text.slice(block!.yamlStart, block!.yamlEnd).replace(/\r(?!\n)/g, '\n');
        const plain = readPlainFrontMatter(source, block!.yamlStart);
        if (!plain) return;
        assert.deepEqual({ frontMatter: { ...block, ...plain }, problems: [] }, readWithLibrary(text, block!));
      }),
  },
  {
    name: 'parseFrontMatter never throws; block, YAML, units and problems lie inside the text',
    quickRuns: 300,
    fuzzShare: 30_000,
    property: () =>
      fc.property(fc.oneof(frontMatterDoc, frontMatterText, anyText), (text) => {
        const { frontMatter, problems } = parseFrontMatter(text);
        const block = findFrontMatter(text);
        assert.equal(
          frontMatter === undefined,
          block === undefined,
          'front matter exactly when a closed block starts the text',
        );
        if (frontMatter) checkFrontMatter(frontMatter, text.length);
        for (const p of problems)
          assert.ok(
            p.start >= 0 && p.start <= p.end && p.end <= text.length,
            `problem ${p.message} at ${p.start}-${p.end}`,
          );
      }),
  },
  {
    name: 'title, evidence and units written plainly are read back as written, whatever the line endings',
    quickRuns: 200,
    fuzzShare: 10_000,
    property: () =>
      fc.property(
        fc.stringMatching(/^[A-Z][a-z]{0,8}( [a-z]{1,8}){0,4}$/),
        fc.stringMatching(/^RA[1-9][0-9]{0,2}$/),
        fc.uniqueArray(pick(['LMCA5', 'LMCB2', 'LMCA4', 'H7LP 04', 'scdlmca5']), { maxLength: 4 }),
        pick(['flow', 'block', 'plain']),
        lineEnding,
        (title, evidence, units, form, ending) => {
          fc.pre(form !== 'plain' || units.length > 0);
          const list =
            form === 'flow'
              ? ` [${units.join(', ')}]`
              : form === 'plain'
                ? ` ${units.join(', ')}`
                : units.map((u) => `\n  - ${u}`).join('');
          fc.pre(form !== 'block' || units.length > 0);
          const text = withLineEndings(
            `---\ntitle: ${title}\nevidence: ${evidence}\nunits:${list}\n---\nBody\n`,
            ending,
          );
          const { frontMatter, problems } = parseFrontMatter(text);
          assert.deepEqual(problems, []);
          assert.equal(frontMatter!.title, title);
          assert.equal(frontMatter!.evidence, evidence);
          assert.deepEqual(
            frontMatter!.units.map((u) => u.text),
            units,
          );
          assert.deepEqual(
            frontMatter!.units.map((u) => text.slice(u.start, u.end)),
            units,
          );
        },
      ),
  },
  {
    name: 'the fast block scanner answers exactly what the CommonMark parser answers, whenever it answers',
    quickRuns: 200,
    fuzzShare: 20_000,
    property: () =>
      fc.property(bodies, (body) => {
        const fast = scanSimpleBlocks(body, 0);
        fc.pre(fast !== undefined);
        const acc: Regions = { ignored: [], paragraphs: [], notes: [] };
        parsedRegions(body, 0, acc as never);
        assert.deepEqual(sorted(fast as Regions), sorted(acc));
      }),
  },
];

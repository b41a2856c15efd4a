/**
 * Parsing a long account in chunks (core/accounts/bodyChunks.ts) gives exactly what parsing it whole gives,
 * the first time and after any edit, whatever the edit does to the blocks around it (opening a fence or a
 * comment that swallows the chunks after it, joining or splitting paragraphs, deleting blank lines).
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parseAccount } from '../../server/src/core/accounts/account';
import { createChunkCache } from '../../server/src/core/accounts/bodyChunks';
import type { BareCriteriaMode } from '../../server/src/core/citations/unitContext';
import { testCatalog } from '../unit/helpers';
import { citationText, NEAR_MISSES, pick } from './citationArbitraries';
import {
  applyEdit,
  editArgs,
  editOf,
  frontMatterText,
  lineEnding,
  markdownDoc,
  withLineEndings,
} from './documentArbitraries';
import type { Prop } from './props';

const catalog = testCatalog();

const word = pick([
  'I',
  'met',
  'the',
  'team',
  'rota',
  'don’t',
  'well-being',
  'café',
  '日本語',
  'x',
  'P1',
  'K38',
  '40%',
]);
/** Citations without tabs, which make the block scanner give up. */
const citation = citationText.filter((c) => !c.includes('\t'));
const inline = fc.oneof(
  { weight: 6, arbitrary: word },
  { weight: 3, arbitrary: citation },
  { weight: 1, arbitrary: pick(NEAR_MISSES) },
  { weight: 1, arbitrary: pick(['`code P1`', '`` x ` y ``', '`unclosed', '\\`P2', '*P4*']) },
);
const line = fc.array(inline, { minLength: 1, maxLength: 10 }).map((ws) => ws.join(' '));

/** Blocks the fast block scanner reads (others make it give up, and then nothing is chunked). */
const simpleBlock: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.array(line, { minLength: 1, maxLength: 3 }).map((ls) => ls.join('\n')) },
  { weight: 2, arbitrary: fc.tuple(pick(['# ', '## ', '### ']), line).map(([h, l]) => h + l) },
  { weight: 1, arbitrary: pick(['## LMCA5', '## Unit: LMCA4', 'Unit: LMCA5', '## LMCA5 and LMCA4', '# Reflection']) },
  {
    weight: 3,
    arbitrary: fc.array(line, { minLength: 1, maxLength: 4 }).map((ls) => ls.map((l) => `- ${l}`).join('\n')),
  },
  {
    weight: 1,
    arbitrary: fc
      .array(line, { minLength: 1, maxLength: 3 })
      .map((ls) => ls.map((l, i) => `${i + 1}. ${l}`).join('\n')),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(pick(['```', '~~~', '````']), fc.array(line, { maxLength: 3 }), fc.boolean(), fc.boolean())
      .map(([f, ls, closed, gap]) => [f, ...ls, ...(gap ? [''] : []), ...(closed ? [f] : [])].join('\n')),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(pick(['<!--', '<!-- tutor:']), fc.array(line, { maxLength: 3 }), fc.boolean(), fc.boolean())
      .map(([o, ls, closed, gap]) => [o, ...ls, ...(gap ? [''] : []), ...(closed ? ['-->'] : [])].join('\n')),
  },
  {
    weight: 1,
    arbitrary: fc.array(line, { minLength: 1, maxLength: 3 }).map((ls) => ls.map((l) => `| ${l} | P2 |`).join('\n')),
  },
  { weight: 1, arbitrary: pick(['---', '***', 'Text\n---', 'Title\n===']) },
);
const gap = pick(['\n\n', '\n\n', '\n\n', '\n', '\n   \n', '\n\n\n']);

/** An account the block scanner reads, long enough for many chunks, sometimes with front matter. */
export const chunkableAccount = fc
  .tuple(
    fc.option(
      frontMatterText.filter((f) => !f.includes('\t')),
      { nil: '' },
    ),
    fc.array(fc.tuple(simpleBlock, gap), { minLength: 1, maxLength: 60 }),
    lineEnding,
  )
  .map(([fm, blocks, ending]) => withLineEndings(fm + blocks.map(([b, g]) => b + g).join(''), ending));

const modes: BareCriteriaMode[] = ['context', 'off'];
type EditOf = (text: string) => string;
/** A unit named in the text swapped for another of the same length: nothing moves, the context of what follows changes. */
const swapUnit: fc.Arbitrary<EditOf> = fc
  .tuple(pick(['LMCA5', 'LMCB2']), pick(['LMCB2', 'LMCA5', 'LMCA4']), fc.nat())
  .map(([from, to, n]) => (text: string) => {
    const places = [...text.matchAll(new RegExp(from, 'g'))].map((m) => m.index!);
    if (places.length === 0) return text;
    const at = places[n % places.length];
    return text.slice(0, at) + to + text.slice(at + from.length);
  });
const edits: fc.Arbitrary<EditOf> = fc.oneof(
  swapUnit,
  fc
    .oneof(
      editArgs,
      fc.tuple(
        fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
        fc.constant(0),
        pick([
          '```\n',
          '<!--\n',
          '-->',
          '\n\n',
          '',
          'P',
          ' LMCA5/P',
          '- ',
          '# ',
          '\n```\n',
          'x',
          // what changes the unit of the bare citations after it
          '\n\n## LMCA4\n\n',
          '\nUnit: LMCB2\n',
          '\n\n# LMCA5 and LMCB2\n\n',
          ' P3 ',
        ]),
      ),
    )
    .map(
      ([a, b, insert]) =>
        (text: string) =>
          applyEdit(text, editOf(text, a, b, insert)),
    ),
);

export const bodyChunkProps: Prop[] = [
  {
    name: 'an account parsed in chunks equals the account parsed whole, before and after an edit (chunks reused)',
    quickRuns: 300,
    fuzzShare: 40_000,
    property: () =>
      fc.property(
        fc.oneof({ weight: 4, arbitrary: chunkableAccount }, { weight: 1, arbitrary: markdownDoc }),
        fc.array(edits, { minLength: 1, maxLength: 3 }),
        fc.constantFrom(...modes),
        (text, editList, bareCriteria) => {
          const chunks = createChunkCache();
          const whole = (t: string) => parseAccount('file:///p/ra1.md', t, catalog.resolve, { bareCriteria });
          const inChunks = (t: string) =>
            parseAccount('file:///p/ra1.md', t, catalog.resolve, { bareCriteria, chunks });
          const first = inChunks(text);
          assert.deepEqual(first, whole(text));
          let edited = text;
          for (const edit of editList) {
            edited = edit(edited);
            assert.deepEqual(inChunks(edited), whole(edited), JSON.stringify(edited));
          }
          // Parses share the objects of chunks that did not move: none of them is changed by a later parse.
          assert.deepEqual(first, whole(text), 'an earlier parse is left as it was');
        },
      ),
  },
];

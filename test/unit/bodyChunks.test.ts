/**
 * Parsing an open account in chunks (core/accounts/bodyChunks.ts): what a keystroke reuses, and that reuse
 * never lets one parse change another. (That chunked parses equal whole ones is a property:
 * test/property/bodyChunks.props.ts.)
 */
import { strict as assert } from 'node:assert';
import { parseAccount } from '../../server/src/core/accounts/account';
import { createChunkCache } from '../../server/src/core/accounts/bodyChunks';
import { testCatalog } from './helpers';

const catalog = testCatalog();
/** Paragraphs of lengths that end a chunk after each (a run whose length is a multiple of 4). */
const para = (words: string) => {
  for (let pad = 0; ; pad++) {
    const p = `${words}${'s'.repeat(pad)}.\n\n`;
    if (p.length % 4 === 0) return p;
  }
};

describe('parsing in chunks', () => {
  const text = [
    '## LMCA5\n\n',
    para('We met'),
    para('I checked the rota P3'),
    para('Then K2 and LMCA5/P6'),
    para('End'),
  ].join('');
  const parse = (t: string, chunks = createChunkCache()) =>
    parseAccount('file:///p/ra1.md', t, catalog.resolve, { chunks });

  it('a keystroke keeps the objects of every chunk before it and re-reads only from its chunk on', () => {
    const chunks = createChunkCache();
    const before = parse(text, chunks);
    const typed = text.replace('End', 'Ends');
    const after = parse(typed, chunks);
    assert.deepEqual(after, parseAccount('file:///p/ra1.md', typed, catalog.resolve));
    assert.equal(after.paragraphs[0], before.paragraphs[0], 'a chunk before the keystroke: the same objects');
    const explicit = (a: typeof before) => a.citations.find((c) => !c.bare)!;
    assert.equal(explicit(after), explicit(before));
  });

  it('a bare citation gets its unit afresh in each parse, leaving the earlier account as it was', () => {
    const chunks = createChunkCache();
    const before = parse(text, chunks);
    const bare = before.citations.filter((c) => c.bare).map((c) => c.unitCode);
    assert.deepEqual(bare, ['LMCA5', 'LMCA5']);
    // Same length: nothing after the heading moves, but the unit its bare citations count for changes.
    const after = parse(text.replace('## LMCA5', '## LMCB2'), chunks);
    assert.deepEqual(
      after.citations.filter((c) => c.bare).map((c) => c.unitCode),
      ['LMCB2', 'LMCB2'],
    );
    assert.deepEqual(
      before.citations.filter((c) => c.bare).map((c) => c.unitCode),
      ['LMCA5', 'LMCA5'],
      'the first parse still says LMCA5',
    );
  });
});

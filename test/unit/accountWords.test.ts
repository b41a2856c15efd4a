/**
 * Paragraph word counts (for the over-claimed hint): words are runs of Unicode letters and digits joined by
 * apostrophes and hyphens, counted by code point, so surrogate pairs are one character and lone surrogates none.
 */
import { strict as assert } from 'node:assert';
import { parseAccount } from '../../server/src/core/accounts/account';
import { testCatalog } from './helpers';

const catalog = testCatalog();

describe('account parsing: word counts', () => {
  it('counts words across surrogate pairs, lone surrogates and joiners as the pattern does', () => {
    const cases: Array<[string, number]> = [
      ['𝒜𝒜 b', 2],
      ['a\ud835b', 2],
      ['a\udc9cb', 2],
      ['\udc9c\ud835', 0],
      ['a😀b', 2],
      ["don't it’s co-op", 3],
      ['-a- --b', 2],
      ['\ud835\ud835\udc9c', 1],
      ['日本 語', 2],
      ['x’’y', 1],
      ['’x', 1],
    ];
    for (const [body, words] of cases) {
      assert.equal(
        parseAccount('file:///w.md', body, catalog.resolve).paragraphs[0]?.words,
        words,
        JSON.stringify(body),
      );
    }
  });

  it('does not count the words of the citations in a paragraph', () => {
    const text = 'I planned the rota (LMCA5/P1, K2 and SCDLMC A5/P3) with the team.';
    assert.equal(parseAccount('file:///w.md', text, catalog.resolve).paragraphs[0].words, 8);
  });
});

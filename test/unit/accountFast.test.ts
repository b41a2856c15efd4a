/**
 * parseAccount counts words with a table of code-unit classes and masks only the body (core/account.ts, since
 * the CLI's parsing work). Its word counts and citations must be those of the way it was written before: a
 * letter test per character (remembered in a Map) and a masked copy of the whole text, front matter included.
 * Both are kept here as the reference, and compared on random accounts made of the characters that matter
 * (surrogates lone and paired, joiners, citations next to code spans and comments, CR line endings).
 */
import { strict as assert } from 'node:assert';
import { parseAccount, type Region } from '../../server/src/core/accounts/account';
import { scanCitations, type Citation } from '../../server/src/core/citations/codes';
import { testCatalog, rng } from './helpers';

const catalog = testCatalog();
const WORD_START = /[\p{L}\p{N}]/u;

function referenceIsWordChar(text: string, i: number): number {
  const cp = text.codePointAt(i)!;
  return WORD_START.test(String.fromCodePoint(cp)) ? (cp > 0xffff ? 2 : 1) : 0;
}

function referenceWordsIn(text: string, start: number, end: number): number {
  let words = 0;
  let i = start;
  while (i < end) {
    const w = referenceIsWordChar(text, i);
    if (w === 0) {
      i++;
      continue;
    }
    words++;
    i += w;
    while (i < end) {
      const ch = text.charCodeAt(i);
      if (ch === 39 || ch === 0x2019 || ch === 45) {
        i++;
        continue;
      }
      const v = referenceIsWordChar(text, i);
      if (v === 0) break;
      i += v;
    }
  }
  return words;
}

function referenceCountWords(text: string, start: number, end: number, citations: readonly Citation[]): number {
  let words = referenceWordsIn(text, start, end);
  for (const c of citations) if (c.start >= start && c.start < end && c.end <= end) words -= referenceWordsIn(text, c.start, c.end);
  return Math.max(words, 0);
}

function referenceMask(text: string, regions: readonly Region[]): string {
  let out = '';
  let at = 0;
  for (const r of regions) {
    const start = Math.max(r.start, at);
    const end = Math.min(r.end, text.length);
    if (end <= start) continue;
    out += text.slice(at, start) + text.slice(start, end).replace(/[^\r\n]/g, ' ');
    at = end;
  }
  return out + text.slice(at);
}

const PIECES = ['LMCA5/P1', 'LMCA5/P1, P2', 'LMCA5/K3-K5', 'SCDLMC A5/P2', 'H7LP 04/K1', 'lmca5/p1,k2', 'XY12/P3', '/P1', ',',
  '`code`', '` `', '``a`b``', '`', '<!-- c -->', '<!-- tutor: good LMCA5/P9 -->', '<!--', '-->', '```', '~~~', '# ', '- ', '1. ',
  '\n', '\n\n', '\r\n', '\r', ' ', '\t', '    ', 'word', "don't", 'it’s', 'co-op', '--', "'", '’', '-', 'é', 'Ünï', '日本',
  '𝒜', '😀', '\ud835', '\udc9c', '\u00a0', '—', '–', '12', '_', '.', '(', ')', '\\', '<b>', '\u2028', '\ufeff'];

function randomAccount(next: () => number): string {
  let text = next() < 0.4 ? '---\ntitle: A title\nunits: [LMCA5]\n---\n' : '';
  for (let n = Math.floor(next() * 60); n > 0; n--) text += PIECES[Math.floor(next() * PIECES.length)] + (next() < 0.4 ? ' ' : '');
  return text;
}

describe('account parsing: fast word counts and masking agree with the reference', () => {
  it('on 1,500 random accounts', () => {
    const next = rng(90210);
    for (let i = 0; i < 1500; i++) {
      const text = randomAccount(next);
      const account = parseAccount(`file:///ra${i}.md`, text, catalog.resolve);
      const message = JSON.stringify(text);
      assert.deepEqual(account.citations, scanCitations(referenceMask(text, account.ignored), catalog.resolve), message);
      for (const p of account.paragraphs) assert.equal(p.words, referenceCountWords(text, p.start, p.end, account.citations), message);
    }
  });

  it('counts words across surrogate pairs, lone surrogates and joiners as the pattern does', () => {
    const cases: Array<[string, number]> = [
      ['𝒜𝒜 b', 2], ['a\ud835b', 2], ['a\udc9cb', 2], ['\udc9c\ud835', 0], ['a😀b', 2], ["don't it’s co-op", 3], ['-a- --b', 2],
      ['\ud835\ud835\udc9c', 1], ['日本 語', 2], ['x’’y', 1], ['’x', 1],
    ];
    for (const [body, words] of cases) {
      assert.equal(parseAccount('file:///w.md', body, catalog.resolve).paragraphs[0]?.words, words, JSON.stringify(body));
    }
  });
});

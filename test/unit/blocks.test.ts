/**
 * The fast block scanner (core/accounts/blocks.ts) must answer exactly what the CommonMark parser answers wherever it
 * answers at all: same ignored regions, paragraphs and tutor notes. Checked on fixed awkward cases and on
 * thousands of documents assembled at random from the lines that make such cases.
 */
import { strict as assert } from 'node:assert';
import { parsedRegions } from '../../server/src/core/accounts/account';
import { scanSimpleBlocks } from '../../server/src/core/accounts/blocks';
import { rng } from './helpers';

function viaParser(body: string) {
  const acc = {
    ignored: [] as Array<{ kind: string; start: number; end: number }>,
    paragraphs: [] as Array<{ start: number; end: number }>,
    notes: [] as Array<{ start: number; end: number; text: string }>,
  };
  parsedRegions(body, 0, acc as never);
  const byStart = (a: { start: number; end: number }, b: { start: number; end: number }) =>
    a.start - b.start || a.end - b.end;
  return {
    ignored: acc.ignored.sort(byStart),
    paragraphs: acc.paragraphs.sort(byStart),
    notes: acc.notes.sort(byStart),
  };
}

function viaScanner(body: string) {
  const r = scanSimpleBlocks(body, 0);
  if (!r) return undefined;
  const byStart = (a: { start: number; end: number }, b: { start: number; end: number }) =>
    a.start - b.start || a.end - b.end;
  return {
    ignored: [...r.ignored].sort(byStart),
    paragraphs: [...r.paragraphs].sort(byStart),
    notes: [...r.notes].sort(byStart),
  };
}

const LINES = [
  'I planned the rota with the team (LMCA5/P1).',
  'Second line of the same paragraph  ',
  '',
  '',
  '   ',
  '# Heading',
  '## Using `code` here',
  '#hashtag is text',
  '####### seven',
  '---',
  '- - -',
  '***',
  '* * *',
  '___',
  '===',
  '- ',
  '-',
  '- item one (LMCA5/P2, K3)',
  '-   item spaced',
  '-      five spaces',
  '* star item',
  '+ plus item',
  '- # heading in item',
  '- [RA3](ra0003.md) linked',
  '- [ref]: /url',
  '1. first',
  '2. second',
  '1) paren',
  '10. tenth',
  '01. padded',
  '1.',
  '1.5 hours of work',
  'Text with `inline` code',
  'A ``double `tick` span`` here',
  'An `unclosed span',
  'closed` later',
  'Escaped \\` tick and `real`',
  '```',
  '```text',
  '````',
  '~~~',
  '```a`b',
  'code line `x`',
  '<!-- tutor: a note -->',
  '<!-- open comment',
  'still comment -->',
  '<!-- a --> tail text',
  '<!---->',
  '<!-->',
  '<div>',
  'a <b> tag',
  '> quote',
  '    indented code',
  '  two spaces',
  '\ttab',
  '[foo]: /url',
  '[RA1](ra0001.md) link line',
  'Plain | table | row',
  '=== x',
  '*emphasis* start',
  '**bold** start',
  '\\# escaped',
  'Non\u00a0breaking',
  '\u00a0lead nbsp',
  'Ünïcödé line',
  'x\r',
  'Setext candidate',
  '--',
  '+++',
  '_ _ _',
  '- ```',
  '- > q',
  '- 1. nested',
  '-    4 spaces',
];

function randomDoc(next: () => number): string {
  const n = 1 + Math.floor(next() * 14);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(LINES[Math.floor(next() * LINES.length)]);
  const eol = next() < 0.15 ? '\r\n' : '\n';
  return out.join(eol) + (next() < 0.5 ? eol : '');
}

describe('block scanner: agrees with the CommonMark parser', () => {
  const fixed = [
    'Para one  \nline two   \n\nNext',
    '- item a\nlazy\n- item b\n\npara',
    'Para\n---\nmore',
    'Para\n===\n\n===\n',
    '- a\n---\n',
    'Para\n1. one\n2) two',
    'Para\n2. two',
    'Para\n```js\ncode `x`\n  indented\n```\nafter',
    '```\nunclosed\n\n',
    '````\n```\n`````\nx',
    '<!-- tutor: a\nb -->\nnext line\n\n<!-- open\n\nstill\n',
    'Para\n<!-- c --> tail\nmore',
    'text `code` and ``a`b`` and `unclosed\nline` x',
    '## Head `c`\nPara\n===',
    '~~~\nx\n~~~~\n',
    'a `b\n\nc` d',
    'a \\`b` c`',
    'Para\r\nline\r\n\r\nnext\r\n',
    '1. one\n2. two\n3. three',
  ];
  for (const body of fixed) {
    it(`answers like the parser: ${JSON.stringify(body).slice(0, 60)}`, () => {
      const fast = viaScanner(body);
      assert.ok(fast, 'the scanner should handle this document');
      assert.deepEqual(fast, viaParser(body));
    });
  }

  it('agrees on 4,000 random documents and handles most of them', () => {
    const next = rng(20240611);
    let handled = 0;
    for (let i = 0; i < 4000; i++) {
      const body = randomDoc(next);
      const fast = viaScanner(body);
      if (!fast) continue;
      handled++;
      assert.deepEqual(fast, viaParser(body), `document ${i}: ${JSON.stringify(body)}`);
    }
    assert.ok(handled > 400, `only ${handled} of 4000 handled`);
  });

  it('gives up on what it does not model', () => {
    for (const body of ['> quote', '    code', 'a\tb', 'text <b>bold</b>', '[x]: /url', '- - nested', '-']) {
      assert.equal(scanSimpleBlocks(body, 0), undefined, body);
    }
  });
});

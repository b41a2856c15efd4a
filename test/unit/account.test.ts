import { strict as assert } from 'node:assert';
import { parseAccount, evidenceFromUri, ignoredAt } from '../../server/src/core/accounts/account';
import { expandItem } from '../../server/src/core/citations/codes';
import { positionAt } from '../../server/src/core/accounts/lines';
import { testCatalog } from './helpers';

const catalog = testCatalog();

function citedIn(text: string): string[] {
  const a = parseAccount('file:///p/ra1.md', text, catalog.resolve);
  return a.citations.flatMap((c) =>
    c.unitCode ? c.items.flatMap((i) => expandItem(i).map((n) => `${i.kind}${n}`)) : [],
  );
}

describe('accounts: what counts as evidence', () => {
  const cases: Array<[string, string, string[]]> = [
    ['paragraph', 'I did it (LMCA5/P1).', ['P1']],
    ['heading', '## Planning LMCA5/P2\n', ['P2']],
    ['list item', '- first LMCA5/P3\n- second\n', ['P3']],
    ['table cell', '| a | b |\n|---|---|\n| LMCA5/P4 | x |\n', ['P4']],
    ['block quote', '> quoted LMCA5/P5\n', ['P5']],
    ['link text', 'see [the plan LMCA5/P6](http://x.org)\n', ['P6']],
    ['emphasis', 'this is *LMCA5/P7* and **LMCA5/P8**', ['P7', 'P8']],
    ['front matter', '---\ntitle: LMCA5/P9\nunits: [LMCA5]\n---\nbody LMCA5/P10\n', ['P10']],
    ['fenced code', '```\nLMCA5/P11\n```\nafter LMCA5/P12\n', ['P12']],
    ['tilde fence', '~~~md\nLMCA5/P11\n~~~\n', []],
    ['indented code', 'para\n\n    LMCA5/P13 in code\n\nLMCA5/P14\n', ['P14']],
    ['inline code', 'write `LMCA5/P15` like so, LMCA5/P16', ['P16']],
    ['html comment', 'text <!-- LMCA5/P17 --> LMCA5/P18', ['P18']],
    ['block html comment', '<!--\ntutor: is LMCA5/P19 met?\n-->\n\nLMCA5/P20\n', ['P20']],
    ['unclosed comment', 'x\n\n<!-- LMCA5/P21 never closed\n\nLMCA5/P22\n', []],
    ['list cut by inline code', 'LMCA5/P1, `P2`', ['P1']],
  ];
  for (const [name, text, expected] of cases) {
    it(name, () => assert.deepEqual(citedIn(text), expected));
  }
});

describe('accounts: front matter', () => {
  it('reads title, evidence and units with offsets', () => {
    const text = '---\ntitle: Re-allocating visits\nevidence: RA3\nunits: [LMCA5, LMCB2]\n---\n# Body\n';
    const a = parseAccount('file:///p/ra9.md', text, catalog.resolve);
    assert.equal(a.title, 'Re-allocating visits');
    assert.equal(a.evidence, 'RA3');
    assert.deepEqual(
      a.frontMatter!.units.map((u) => text.slice(u.start, u.end)),
      ['LMCA5', 'LMCB2'],
    );
    assert.deepEqual(a.problems, []);
  });
  it('reads a block list of units and a numeric evidence', () => {
    const text = '---\nevidence: 7\nunits:\n  - LMCA5\n  - "H7LR 04"\n---\n';
    const a = parseAccount('file:///p/x.md', text, catalog.resolve);
    assert.equal(a.evidence, '7');
    assert.deepEqual(
      a.frontMatter!.units.map((u) => u.text),
      ['LMCA5', 'H7LR 04'],
    );
  });
  it('defaults the evidence number to the file name and the title to the first heading', () => {
    const a = parseAccount('file:///p/My%20Account.md', '# The title\ntext', catalog.resolve);
    assert.equal(a.evidence, 'My Account');
    assert.equal(a.title, 'The title');
    assert.equal(evidenceFromUri('C:\\folder\\ra2.markdown'), 'ra2');
  });
  it('reports YAML that does not parse, with its position, and still analyses the rest', () => {
    const text = '---\ntitle: [unclosed\nunits: LMCA5\n---\nBody LMCA5/P1\n';
    const a = parseAccount('file:///p/x.md', text, catalog.resolve);
    assert.ok(a.problems.length > 0);
    const pos = positionAt(a.lineStarts, a.problems[0].start);
    assert.ok(pos.line >= 1 && pos.line <= 3, `problem on a YAML line, got ${pos.line}`);
    assert.match(a.problems[0].message, /Front matter is not valid YAML/);
    assert.deepEqual(citedIn(text), ['P1']);
  });
  it('reports wrong types of fields', () => {
    const a = parseAccount('file:///p/x.md', '---\ntitle: {a: 1}\nunits: {x: 1}\n---\n', catalog.resolve);
    assert.deepEqual(
      a.problems.map((p) => p.message),
      ['title should be text', 'units should be a list such as [LMCA5, LMCB2]'],
    );
  });
  it('treats a leading thematic break without a closing line as body', () => {
    const a = parseAccount('file:///p/x.md', '---\nLMCA5/P1\n', catalog.resolve);
    assert.equal(a.frontMatter, undefined);
    assert.equal(a.citations.length, 1);
  });
});

describe('accounts: awkward text', () => {
  it('handles CRLF front matter and body', () => {
    const text = '---\r\nevidence: RA1\r\nunits: [LMCA5]\r\n---\r\nLine LMCA5/P2\r\n';
    const a = parseAccount('file:///p/x.md', text, catalog.resolve);
    assert.equal(a.evidence, 'RA1');
    assert.equal(text.slice(a.citations[0].start, a.citations[0].end), 'LMCA5/P2');
    assert.deepEqual(positionAt(a.lineStarts, a.citations[0].start), { line: 4, character: 5 });
  });
  it('handles a byte order mark before the front matter', () => {
    const a = parseAccount('file:///p/x.md', '\uFEFF---\nevidence: RA4\n---\nLMCA5/P1', catalog.resolve);
    assert.equal(a.evidence, 'RA4');
    assert.equal(a.citations.length, 1);
  });
  it('handles non-breaking spaces, curly quotes and dashes', () => {
    assert.deepEqual(citedIn('“We agreed” — LMCA5/P1,\u00a0P2 and LMCA5/K1\u2013K2'), ['P1', 'P2', 'K1', 'K2']);
  });
  it('never throws on odd input', () => {
    for (const t of [
      '',
      '\0\0\0',
      '---',
      '---\n---',
      '<!--',
      '```',
      '\uFFFD'.repeat(100),
      '/P1',
      'LMCA5/',
      '\r\r\n\n',
    ]) {
      const a = parseAccount('file:///p/x.md', t, catalog.resolve);
      assert.equal(a.length, t.length);
    }
  });
  it('finds the ignored region at a cursor', () => {
    const text = 'a `LMCA5/P1` b';
    const a = parseAccount('file:///p/x.md', text, catalog.resolve);
    assert.equal(ignoredAt(a, 5)?.kind, 'inline-code');
    assert.equal(ignoredAt(a, 13), undefined);
  });
  it('lists tutor notes from comments and never counts them', () => {
    const a = parseAccount(
      'file:///p/x.md',
      'Para.\n\n<!-- tutor: expand on LMCA5/P3 -->\n<!-- not a note -->\n',
      catalog.resolve,
    );
    assert.deepEqual(
      a.tutorNotes.map((n) => n.text),
      ['expand on LMCA5/P3'],
    );
    assert.equal(a.citations.length, 0);
  });
  it('counts the words of each paragraph without its citations', () => {
    const a = parseAccount('file:///p/x.md', 'One two three LMCA5/P1, P2.\n\nFour five.', catalog.resolve);
    assert.deepEqual(
      a.paragraphs.map((p) => p.words),
      [3, 2],
    );
  });
});

import { strict as assert } from 'node:assert';
import { indexedUnits } from '../../server/src/core/standards/search';
import { bundledUnits } from '../../server/src/io/bundled';
import { parseAccount } from '../../server/src/core/accounts/account';
import { computeCompletions, type CoreCompletionList } from '../../server/src/core/features/completion';
import { computeCoverage } from '../../server/src/core/coverage/coverage';
import { createPortfolio, updateAccount } from '../../server/src/core/coverage/portfolio';
import { buildCatalog, type Catalog } from '../../server/src/core/standards/standards';
import { cursor, syntheticUnit } from './helpers';

const real = buildCatalog(bundledUnits());

/** Completes at `$0` in the first file of a portfolio of `others` (name → text) plus the fixture. */
function complete(
  marked: string,
  others: Record<string, string> = {},
  catalog: Catalog = real,
): CoreCompletionList & { text: string; offset: number } {
  const { text, offset } = cursor(marked);
  const portfolio = createPortfolio('file:///p');
  const account = parseAccount('file:///p/here.md', text, catalog.resolve);
  updateAccount(portfolio, account);
  for (const [name, t] of Object.entries(others))
    updateAccount(portfolio, parseAccount(`file:///p/${name}`, t, catalog.resolve));
  const coverage = computeCoverage(catalog, portfolio, 1);
  return { ...computeCompletions({ catalog, account, text, offset, coverage }), text, offset };
}

/** The text after accepting the item with this label. */
function accept(marked: string, label: string): string {
  const list = complete(marked);
  const item = list.items.find((i) => i.label === label);
  assert.ok(item, `no item ${label} among ${list.items.map((i) => i.label).join(' ')}`);
  return list.text.slice(0, item.edit.start) + item.edit.newText + list.text.slice(item.edit.end);
}

describe('completion: where criteria are offered', () => {
  // [name, fixture, number of items, first labels, incomplete]
  const cases: Array<[string, string, number, string[], boolean]> = [
    ['after the slash', 'I met the team (LMCA5/$0', 129, ['P1', 'P2', 'P3'], false],
    ['after a list comma and space', 'LMCA5/P1, $0', 129, ['P1', 'P2'], false],
    ['after a tight list comma', 'LMCA5/P1,$0', 129, ['P1'], false],
    ['while typing a kind in a list', 'LMCA5/P1, P2, K$0', 129, ['P1'], false],
    ['while typing a code', 'LMCA5/P2$0', 129, ['P1'], false],
    ['after an alias', 'SCDLMCA5/$0', 129, ['P1'], false],
    ['after a two-word alias', 'the form H7LP 04/$0', 129, ['P1'], false],
    ['after lower case', 'lmca5/$0', 129, ['P1'], false],
    ['in a heading', '## Allocating work LMCB2/$0', 152, ['P1'], false],
    ['fuzzy words rank by text', 'LMCA5/superv$0', 1, ['K45'], true],
    ['fuzzy words, several', 'LMCA5/risk assess$0', -1, [], true],
    ['unknown unit', 'LMCA6/$0', 0, [], false],
    ['not a whole token', 'XLMCA5/$0', 0, [], false],
    ['inside a URL', 'http://example.org/LMCA5/$0', 0, [], false],
    ['prose after a citation', 'LMCA5/P1 and then$0', 0, [], false],
    ['words after a list comma are prose', 'LMCA5/P1, and$0', 0, [], false],
    ['fenced code', '```\nLMCA5/$0\n```\n', 0, [], false],
    ['unclosed fence at the end', 'text\n\n```\nLMCA5/$0', 0, [], false],
    ['inline code', 'write `LMCA5/$0` like so', 0, [], false],
    ['HTML comment', '<!-- tutor: LMCA5/$0 -->', 0, [], false],
    ['front matter title', '---\ntitle: see LMCA5/$0\n---\n', 0, [], false],
    ['after a known unit and a space, once a kind is typed', 'I did SCDLMCA5 P$0', 129, ['P1'], false],
    ['after a spaced alias and PC', 'the form H7LP 04 PC$0', 129, ['P1'], false],
    ['after a colon', 'LMCB2: K1$0', 152, ['P1'], false],
    ['after "and" in a list', 'LMCA5/P21 and K$0', 129, ['P1'], false],
    ["a bare criterion under a unit's heading", '# LMCB2 Supervision\n\nI did P1$0', 152, ['P1'], false],
    ['a bare criterion with no unit named', 'I did P1$0', 0, [], false],
    ['a space after a known unit, nothing typed: prose', 'I did SCDLMCA5 $0', 0, [], false],
  ];
  for (const [name, fixture, count, first, incomplete] of cases) {
    it(name, () => {
      const list = complete(fixture);
      if (count >= 0) assert.equal(list.items.length, count, list.items.map((i) => i.label).join(' '));
      else assert.ok(list.items.length > 0);
      assert.deepEqual(
        list.items.slice(0, first.length).map((i) => i.label),
        first,
      );
      assert.equal(list.isIncomplete, incomplete);
    });
  }

  it('sorts P before K, then by number, when no words are typed', () => {
    const labels = complete('LMCA5/$0')
      .items.sort((a, b) => a.sortText.localeCompare(b.sortText))
      .map((i) => i.label);
    assert.deepEqual(labels.slice(27, 32), ['P28', 'P29', 'K1', 'K2', 'K3']);
    assert.equal(labels[labels.length - 1], 'K100');
  });

  it('replaces what was typed', () => {
    assert.equal(accept('Use of LMCA5/superv$0 here', 'K45'), 'Use of LMCA5/K45 here');
    assert.equal(accept('LMCA5/P1, K$0', 'K38'), 'LMCA5/P1, K38');
    assert.equal(accept('LMCA5/p2$0', 'P21'), 'LMCA5/P21');
  });

  it('keeps fuzzy results in rank order on the client (filterText is the query)', () => {
    const list = complete('LMCA5/allocat$0');
    assert.ok(list.items.length > 1);
    assert.ok(list.items.every((i) => i.filterText === 'allocat'));
    const sorted = [...list.items].sort((a, b) => a.sortText.localeCompare(b.sortText));
    assert.deepEqual(sorted, list.items);
  });

  it('describes each criterion with its coverage', () => {
    const list = complete('LMCA5/$0', {
      'ra1.md': '---\nevidence: RA1\n---\nLMCA5/P1',
      'ra3.md': '---\nevidence: RA3\n---\nLMCA5/P1-P2',
    });
    const [p1, p2, p3] = list.items;
    assert.match(p1.detail, /^Lead work with individuals, key people and others to… — covered in RA1, RA3$/);
    assert.match(p2.detail, / — covered in RA3$/);
    assert.match(p3.detail, / — not yet covered$/);
    assert.match(
      p1.documentation,
      /^\*\*LMCA5\/P1\*\* · performance criterion\n\nLead work with individuals, key people and others to identify areas of work that will meet the operational plans/,
    );
    assert.match(
      p1.documentation,
      /Section: \*Lead and manage the identification and allocation of priority areas of work within the service provision\*/,
    );
  });
});

describe('completion: unit codes', () => {
  const cases: Array<[string, string, string[]]> = [
    ['short code prefix', 'Evidence for LMC$0', ['LMCA4', 'LMCA5', 'LMCB2', 'LMCB5', 'LMCQ1']],
    ['narrower prefix', 'LMCB$0', ['LMCB2', 'LMCB5']],
    ['lower case', 'lmca$0', ['LMCA4', 'LMCA5']],
    ['SCD alias prefix', 'SCD$0', ['LMCA4', 'LMCA5', 'LMCB2', 'LMCB5', 'LMCQ1']],
    ['SQA code prefix', 'H7LP$0', ['LMCA5']],
    ['an ordinary word', 'Leading$0', []],
    ['one letter', 'L$0', []],
    ['inside a path', 'docs/LMC$0', []],
    ['front matter units list', '---\nunits: [LMCA5, $0]\n---\n', ['LMCA4', 'LMCB2', 'LMCB5', 'LMCQ1']],
    ['front matter units, prefix', '---\nunits: [LMCB$0]\n---\n', ['LMCB2', 'LMCB5']],
    [
      'front matter block list',
      '---\ntitle: x\nunits:\n  - LMCA5\n  - $0\nevidence: RA1\n---\n',
      ['LMCA4', 'LMCB2', 'LMCB5', 'LMCQ1'],
    ],
    ['front matter, other key', '---\ntitle: LMC$0\nunits: [LMCA5]\n---\n', []],
    ['front matter, after units', '---\nunits: [LMCA5]\nevidence: LMC$0\n---\n', []],
  ];
  for (const [name, fixture, expected] of cases) {
    it(name, () =>
      assert.deepEqual(
        complete(fixture).items.map((i) => i.label),
        expected,
      ),
    );
  }

  it('notes unconfirmed codes and derived titles, and inserts the canonical code', () => {
    const items = complete('scd$0').items;
    assert.equal(
      items.find((i) => i.label === 'LMCQ1')!.detail,
      'Lead and manage the quality of care service provision to meet legislative, regulatory, registration and inspection requirements (code unconfirmed, title derived)',
    );
    assert.equal(
      items.find((i) => i.label === 'LMCA5')!.detail,
      'Manage the Allocation, Progression and Quality of Work in Care Service Provision',
    );
    assert.equal(items.find((i) => i.label === 'LMCA5')!.filterText, 'SCDLMCA5');
    assert.equal(accept('see scdlmca$0', 'LMCA5'), 'see LMCA5');
  });

  it('offers a centre alias', () => {
    const catalog = buildCatalog(bundledUnits(), { SCDLMCE2: 'LMCQ1' });
    assert.deepEqual(
      complete('SCDLMCE$0', {}, catalog).items.map((i) => i.label),
      ['LMCQ1'],
    );
  });
});

describe('completion: a catalogue of 50,000 criteria', () => {
  const units = Array.from({ length: 100 }, (_, i) => ({
    origin: 'big',
    data: syntheticUnit(`BIG${String(i).padStart(3, '0')}`, 200, 300),
  }));
  const big = buildCatalog(units);

  it('builds a fuzzy index only for the unit searched, once (speed is measured in bench/)', () => {
    assert.equal(complete('BIG042/$0', {}, big).items.length, 500);
    assert.equal(complete('BIG$0', {}, big).items.length, 100);
    assert.deepEqual(indexedUnits(big), [], 'listing criteria or units needs no fuzzy index');
    assert.equal(complete('BIG042/knowledge 29$0', {}, big).items.length, 0, 'digits make words prose, not a query');
    const words = complete('BIG042/knowlege$0', {}, big);
    assert.ok(words.items.length > 0 && words.isIncomplete);
    for (let i = 0; i < 5; i++) complete('BIG042/performanse$0', {}, big);
    assert.deepEqual(indexedUnits(big), ['BIG042']);
  });
});

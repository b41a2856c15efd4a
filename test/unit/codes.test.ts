import { strict as assert } from 'node:assert';
import examples from '../fixtures/citation-examples.json';
import { expandItem, scanCitations, unitKey, rangeShapeProblem, canonicalCitation } from '../../server/src/core/citations/codes';
import { testCatalog } from './helpers';

const catalog = testCatalog();

/** Every criterion a text cites, canonical, in order. */
function cited(text: string): string[] {
  return scanCitations(text, catalog.resolve).flatMap((c) =>
    c.unitCode ? c.items.flatMap((i) => expandItem(i).map((n) => `${c.unitCode}/${i.kind}${n}`)) : []);
}

describe('citation grammar: the shared table of examples', () => {
  for (const ex of examples.examples) {
    it(JSON.stringify(ex.text), () => {
      const found = scanCitations(ex.text, catalog.resolve);
      assert.deepEqual(cited(ex.text), ex.cites, 'criteria cited');
      assert.deepEqual(found.map((c) => ex.text.slice(c.start, c.end)), ex.spans, 'citation spans');
      assert.deepEqual(found.filter((c) => !c.unitCode).map((c) => c.unitText), ex.unknown ?? [], 'unknown units');
    });
  }
});

describe('citation grammar: offsets', () => {
  it('maps each list item and range to its own span', () => {
    const text = 'Text (LMCA5/P1, p2, K38-K40) end';
    const [c] = scanCitations(text, catalog.resolve);
    assert.deepEqual(c.items.map((i) => text.slice(i.start, i.end)), ['P1', 'p2', 'K38-K40']);
    assert.equal(text.slice(c.unitStart, c.unitEnd), 'LMCA5');
    assert.deepEqual(c.items.map((i) => i.text), ['P1', 'p2', 'K38-K40']);
  });
  it('keeps offsets of text after multi-byte characters', () => {
    const text = 'Café 😀 — LMCB2/K9';
    const [c] = scanCitations(text, catalog.resolve);
    assert.equal(text.slice(c.start, c.end), 'LMCB2/K9');
  });
  it('finds citations on every line of CRLF text', () => {
    assert.deepEqual(cited('LMCA5/P1\r\nLMCA5/P2\rLMCA5/P3\n'), ['LMCA5/P1', 'LMCA5/P2', 'LMCA5/P3']);
  });
});

describe('citation grammar: units and ranges', () => {
  it('folds spelling variants to one key', () => {
    assert.equal(unitKey('scdlmcs a5'), 'SCDLMCA5');
    assert.equal(unitKey('H7LP\u00a004'), 'H7LP04');
  });
  it('accepts centre aliases from settings', () => {
    const withAlias = testCatalog({ SCDLMCE2: 'LMCA5' });
    const [c] = scanCitations('SCDLMCE2/P4', withAlias.resolve);
    assert.equal(c.unitCode, 'LMCA5');
  });
  it('reports the shape problem of reversed and mixed ranges', () => {
    const [rev] = scanCitations('LMCA5/P4-P1', catalog.resolve);
    assert.match(rangeShapeProblem(rev.items[0]) ?? '', /reversed/);
    const [mixed] = scanCitations('LMCA5/P1–K4', catalog.resolve);
    assert.match(rangeShapeProblem(mixed.items[0]) ?? '', /mixes kinds/);
    assert.deepEqual(expandItem(mixed.items[0]), []);
  });
  it('caps the expansion of absurd ranges', () => {
    const [c] = scanCitations('LMCA5/P1-P999999', catalog.resolve);
    assert.ok(expandItem(c.items[0]).length <= 1000);
  });
  it('writes the canonical form', () => {
    const [c] = scanCitations('scdlmca5/p1,k2–4', catalog.resolve);
    assert.equal(canonicalCitation(c.unitCode!, c.items), 'LMCA5/P1, K2-K4');
  });
});

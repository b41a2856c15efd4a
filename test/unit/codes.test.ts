import { strict as assert } from 'node:assert';
import examples from '../fixtures/citation-examples.json';
import {
  expandItem,
  scanCitations,
  scanText,
  unitKey,
  rangeShapeProblem,
  canonicalCitation,
  type Citation,
} from '../../server/src/core/citations/codes';
import { frontMatterContext, resolveBareCitations } from '../../server/src/core/citations/unitContext';
import { testCatalog } from './helpers';

const catalog = testCatalog();

interface Example {
  text: string;
  cites: string[];
  spans: string[];
  unknown?: string[];
  notCounted?: string[];
  units?: string[];
}

/** Every criterion that counts, canonical, in order: known unit, criterion within the unit's bounds. */
function cited(citations: readonly Citation[]): string[] {
  return citations.flatMap((c) => {
    const unit = c.unitCode ? catalog.unit(c.unitCode) : undefined;
    return unit
      ? c.items.flatMap((i) =>
          expandItem(i)
            .filter((n) => n >= 1 && n <= unit.counts[i.kind])
            .map((n) => `${unit.code}/${i.kind}${n}`),
        )
      : [];
  });
}

/** The citations of an example text read as an account with its `units:` list would read it. */
function citationsOf(ex: Example): { citations: Citation[]; notCounted: string[] } {
  const scan = scanText(ex.text, catalog.resolve);
  const units = frontMatterContext(
    (ex.units ?? []).map((text) => ({ text, start: 0 })),
    catalog.resolve,
  );
  const citations = resolveBareCitations(ex.text, scan.citations, catalog.resolve, units);
  return { citations, notCounted: scan.nearMisses.map((m) => ex.text.slice(m.start, m.end)) };
}

describe('citation grammar: the shared table of examples', () => {
  it('holds at least 40 examples of the forms candidates write, and of text that counts nothing', () => {
    assert.ok(examples.examples.length >= 40);
    assert.ok((examples.examples as Example[]).filter((e) => e.cites.length === 0).length >= 10);
  });
  for (const ex of examples.examples as Example[]) {
    it(JSON.stringify(ex.text) + (ex.units ? ` with units ${ex.units.join(', ')}` : ''), () => {
      const { citations, notCounted } = citationsOf(ex);
      assert.deepEqual(cited(citations), ex.cites, 'criteria cited');
      assert.deepEqual(
        citations.map((c) => ex.text.slice(c.start, c.end)),
        ex.spans,
        'citation spans',
      );
      assert.deepEqual(
        citations.filter((c) => !c.unitCode && !c.bare).map((c) => c.unitText),
        ex.unknown ?? [],
        'unknown units',
      );
      assert.deepEqual(notCounted, ex.notCounted ?? [], 'near misses');
    });
  }
});

describe('citation grammar: offsets', () => {
  it('maps each list item and range to its own span', () => {
    const text = 'Text (LMCA5/P1, p2, K38-K40) end';
    const [c] = scanCitations(text, catalog.resolve);
    assert.deepEqual(
      c.items.map((i) => text.slice(i.start, i.end)),
      ['P1', 'p2', 'K38-K40'],
    );
    assert.equal(text.slice(c.unitStart, c.unitEnd), 'LMCA5');
    assert.deepEqual(
      c.items.map((i) => i.text),
      ['P1', 'p2', 'K38-K40'],
    );
  });
  it('keeps offsets of text after multi-byte characters', () => {
    const text = 'Café 😀 — LMCB2/K9';
    const [c] = scanCitations(text, catalog.resolve);
    assert.equal(text.slice(c.start, c.end), 'LMCB2/K9');
  });
  it('finds citations on every line of CRLF text', () => {
    assert.deepEqual(cited(scanCitations('LMCA5/P1\r\nLMCA5/P2\rLMCA5/P3\n', catalog.resolve)), [
      'LMCA5/P1',
      'LMCA5/P2',
      'LMCA5/P3',
    ]);
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

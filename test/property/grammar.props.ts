/** Properties of the citation grammar (core/citations/codes.ts) and of offset/position conversion (core/accounts/lines.ts). */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import {
  canonicalCitation,
  expandItem,
  rangeShapeProblem,
  scanCitations,
  type Citation,
  type CitationItem,
} from '../../server/src/core/citations/codes';
import { lineStarts, offsetAt, positionAt } from '../../server/src/core/accounts/lines';
import { testCatalog } from '../unit/helpers';
import { citationText } from './citationArbitraries';
import { anyText } from './documentArbitraries';
import { checkCitations } from './invariants';
import type { Prop } from './props';

const catalog = testCatalog();
const scan = (text: string) => scanCitations(text, catalog.resolve);
const shift = (cs: Citation[], by: number): Citation[] =>
  cs.map((c) => ({
    ...c,
    start: c.start + by,
    end: c.end + by,
    unitStart: c.unitStart + by,
    unitEnd: c.unitEnd + by,
    items: c.items.map((i) => ({ ...i, start: i.start + by, end: i.end + by })),
    ...(c.bare?.unknownUnit
      ? { bare: { ...c.bare, unknownUnit: { ...c.bare.unknownUnit, start: c.bare.unknownUnit.start + by } } }
      : {}),
  }));
/** What explicit citations cite (a bare criterion spaced in small letters, "p 16", is a page and never counts). */
const meaning = (cs: Citation[]) =>
  cs
    .filter((c) => !c.bare)
    .map((c) => ({
      start: c.start,
      end: c.end,
      unit: c.unitCode,
      items: c.items.map((i) => [i.kind, i.from, i.toKind, i.to, i.isRange, i.start, i.end]),
    }));

const anyItem: fc.Arbitrary<CitationItem> = fc
  .record({
    kind: fc.constantFrom('P' as const, 'K' as const),
    from: fc.integer({ min: 0, max: 10_000_000 }),
    toKind: fc.constantFrom('P' as const, 'K' as const),
    to: fc.integer({ min: 0, max: 10_000_000 }),
    isRange: fc.boolean(),
  })
  .map((r) => ({ ...r, ...(r.isRange ? {} : { toKind: r.kind, to: r.from }), start: 0, end: 0, text: '' }));

export const grammarProps: Prop[] = [
  {
    name: 'scanCitations never throws; offsets lie in the text; every span equals the slice at its offsets',
    quickRuns: 400,
    fuzzShare: 300_000,
    property: () => fc.property(anyText, (text) => checkCitations(text, scan(text))),
  },
  {
    name: 'scanCitations is deterministic and keeps no state between calls or catalogues',
    quickRuns: 200,
    fuzzShare: 40_000,
    property: () =>
      fc.property(anyText, anyText, (a, b) => {
        const first = scan(a);
        scan(b);
        assert.deepEqual(scan(a), first);
        assert.deepEqual(scanCitations(a, testCatalog().resolve), first);
      }),
  },
  {
    name: 'a line break is a hard boundary: a + "\\n" + b scans as a, then b shifted',
    quickRuns: 300,
    fuzzShare: 100_000,
    property: () =>
      fc.property(anyText, anyText, fc.constantFrom('\n', '\r\n', '\r', '\n\n'), (a, b, nl) => {
        assert.deepEqual(scan(a + nl + b), [...scan(a), ...shift(scan(b), a.length + nl.length)]);
      }),
  },
  {
    name: 'a citation of a known unit written canonically scans back to the same criteria',
    quickRuns: 300,
    fuzzShare: 80_000,
    property: () =>
      fc.property(citationText, (text) => {
        for (const c of scan(text).filter((x) => x.unitCode)) {
          const canonical = canonicalCitation(c.unitCode!, c.items);
          const again = scan(canonical);
          assert.equal(again.length, 1, canonical);
          assert.equal(again[0].unitCode, c.unitCode);
          assert.equal(again[0].end, canonical.length, `${canonical} scans whole`);
          assert.deepEqual(
            again[0].items.map((i) => [i.kind, i.from, i.toKind, i.to, i.isRange]),
            c.items.map((i) => [i.kind, i.from, i.toKind, i.to, i.isRange]),
          );
        }
      }),
  },
  {
    name: 'case does not matter: upper-casing ASCII text cites the same criteria at the same offsets',
    quickRuns: 300,
    fuzzShare: 80_000,
    property: () =>
      fc.property(
        anyText.map((t) => t.replace(/[\u0080-\uffff]/g, ' ')),
        (text) => {
          assert.deepEqual(meaning(scan(text.toUpperCase())), meaning(scan(text.toLowerCase())));
          assert.deepEqual(meaning(scan(text.toUpperCase())), meaning(scan(text)));
        },
      ),
  },
  {
    name: 'expandItem stays within the range, in order, and never beyond its cap',
    quickRuns: 500,
    fuzzShare: 100_000,
    property: () =>
      fc.property(anyItem, fc.option(fc.integer({ min: 0, max: 3000 }), { nil: undefined }), (item, cap) => {
        const out = expandItem(item, cap);
        const limit = cap ?? 1000;
        if (rangeShapeProblem(item)) return assert.deepEqual(out, []);
        assert.equal(out.length, Math.min(item.to - item.from + 1, limit));
        out.forEach((n, i) => assert.equal(n, item.from + i));
        assert.ok(out.every((n) => n >= item.from && n <= item.to));
      }),
  },
  {
    name: 'items scanned from text expand within their own bounds, capped',
    quickRuns: 300,
    fuzzShare: 60_000,
    property: () =>
      fc.property(anyText, (text) => {
        for (const c of scan(text))
          for (const i of c.items) {
            const out = expandItem(i);
            assert.ok(
              out.length <= 1000 && out.every((n) => n >= i.from && n <= i.to),
              `${i.text} expands to ${out.length}`,
            );
            assert.equal(out.length === 0, Boolean(rangeShapeProblem(i)) || i.to < i.from);
          }
      }),
  },
  {
    name: 'offset -> position -> offset is the identity; any position maps into the text',
    quickRuns: 300,
    fuzzShare: 40_000,
    property: () =>
      fc.property(
        anyText,
        fc.integer({ min: -5, max: 100_000 }),
        fc.integer({ min: -5, max: 300 }),
        (text, line, character) => {
          const starts = lineStarts(text);
          for (let off = 0; off <= text.length; off += 1 + (text.length >> 5)) {
            assert.equal(offsetAt(starts, text.length, positionAt(starts, off)), off);
          }
          const off = offsetAt(starts, text.length, { line, character });
          assert.ok(off >= 0 && off <= text.length);
        },
      ),
  },
];

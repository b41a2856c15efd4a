/**
 * Properties of what the server answers from the core, on any text at any offset: completion, hover,
 * go to definition, diagnostics, code actions and code lenses never throw, and every range they return lies
 * in the text (completion ranges on one line around the cursor, as LSP requires).
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parseAccount } from '../../server/src/core/accounts/account';
import { computeCodeActions } from '../../server/src/core/features/codeActions';
import { computeCodeLenses } from '../../server/src/core/features/codeLens';
import { computeCompletions } from '../../server/src/core/features/completion';
import { computeCoverage } from '../../server/src/core/coverage/coverage';
import { computeDiagnostics } from '../../server/src/core/features/diagnostics';
import { expandItem } from '../../server/src/core/citations/codes';
import { computeHover } from '../../server/src/core/features/hover';
import { navigationTargetAt } from '../../server/src/core/features/navigation';
import { proseOf } from '../../server/src/core/features/suggest/suggest';
import { createPortfolio, updateAccount } from '../../server/src/core/coverage/portfolio';
import { readSettings } from '../../server/src/core/settings';
import { testCatalog } from '../unit/helpers';
import { anyText, markdownDoc } from './documentArbitraries';
import type { Prop } from './props';
import { strictDoc } from './strictDocs';

const catalog = testCatalog({ SCDLMCE2: 'LMCB2' });

/** A paragraph's prose by its definition: one character at a time, every citation and ignored region blanked but line feeds. */
function proseByDefinition(text: string, a: ReturnType<typeof parseAccount>, region: { start: number; end: number }) {
  const chars = text.slice(region.start, region.end).split('');
  for (const r of [...a.citations, ...a.ignored]) {
    for (let i = Math.max(r.start, region.start); i < Math.min(r.end, region.end); i++)
      if (chars[i - region.start] !== '\n') chars[i - region.start] = ' ';
  }
  return chars.join('');
}

function inText(what: string, r: { start: number; end: number }, length: number): void {
  assert.ok(
    Number.isInteger(r.start) && Number.isInteger(r.end) && r.start >= 0 && r.start <= r.end && r.end <= length,
    `${what} ${r.start}-${r.end} lies in a text of ${length}`,
  );
}

function checkFeatures(text: string, other: string, offsets: number[], settingsRaw: unknown): void {
  const settings = readSettings(settingsRaw);
  const portfolio = createPortfolio('file:///p');
  const account = parseAccount('file:///p/ra1.md', text, catalog.resolve);
  updateAccount(portfolio, account);
  updateAccount(portfolio, parseAccount('file:///p/ra2.md', other, catalog.resolve));
  const coverage = computeCoverage(catalog, portfolio, settings.minimumEvidence);
  const diagnostics = computeDiagnostics(catalog, account, coverage, settings);
  for (const d of diagnostics) {
    inText(`diagnostic ${d.code}`, d, text.length);
    assert.ok(d.message.length > 0);
  }
  for (const lens of computeCodeLenses(catalog, account, coverage)) inText('code lens', lens, text.length);
  const ranges = [
    ...diagnostics,
    ...offsets.map((o) => ({
      start: Math.max(0, Math.min(o, text.length)),
      end: Math.min(text.length, Math.max(0, o) + 3),
    })),
  ];
  for (const r of ranges) {
    for (const action of computeCodeActions(account, diagnostics, r.start, r.end)) {
      for (const e of action.edits) inText(`edit of "${action.title}"`, e, text.length);
    }
  }
  for (const offset of [-3, 0, text.length, text.length + 3, ...offsets]) {
    const list = computeCompletions({ catalog, account, text, offset, coverage });
    for (const item of list.items) {
      inText(`completion ${item.label}`, item.edit, text.length);
      assert.ok(
        item.edit.start <= offset && offset <= item.edit.end,
        `completion ${item.label} replaces around the cursor`,
      );
      assert.ok(
        !/[\r\n]/.test(text.slice(item.edit.start, item.edit.end)),
        `completion ${item.label} replaces within one line`,
      );
    }
    const hover = computeHover(catalog, account, offset, coverage);
    if (hover) {
      inText('hover', hover, text.length);
      assert.ok(hover.start <= offset && offset <= hover.end, 'hover range holds the cursor');
      assert.ok(hover.markdown.length > 0);
    }
    const target = navigationTargetAt(catalog, account, offset);
    if (target) inText('definition target', target, text.length);
  }
}

const offsetsIn = fc.array(fc.integer({ min: -2, max: 4000 }), { minLength: 1, maxLength: 12 });
const settings = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.constant({}),
  fc.record({
    minimumEvidence: fc.oneof(fc.integer({ min: -1, max: 3 }), fc.constant('2')),
    overClaimed: fc.constant({ minCriteria: 1, wordsPerCriterion: 50 }),
    uncoveredSeverity: fc.constantFrom('error', 'off', 'bogus'),
  }),
  fc.anything(),
);

/** Over-claimed hints as the obvious nested loop finds them: paragraphs citing many criteria in few words. */
function naiveOverClaimed(
  account: ReturnType<typeof parseAccount>,
  min: number,
  perCriterion: number,
): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const p of account.paragraphs) {
    let cited = 0;
    for (const c of account.citations) {
      if (c.start >= p.start && c.end <= p.end && c.unitCode) for (const i of c.items) cited += expandItem(i).length;
    }
    if (cited >= min && p.words < cited * perCriterion) out.push([p.start, p.end]);
  }
  return out;
}

export const featureProps: Prop[] = [
  {
    name: 'over-claimed hints are exactly the paragraphs citing at least N criteria in fewer than W words each',
    quickRuns: 100,
    fuzzShare: 2000,
    property: () =>
      fc.property(
        fc.oneof(
          markdownDoc,
          strictDoc.map((d) => d.text),
        ),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 30 }),
        (text, min, words) => {
          const account = parseAccount('file:///p/ra1.md', text, catalog.resolve);
          const portfolio = createPortfolio('file:///p');
          updateAccount(portfolio, account);
          const settings = readSettings({
            overClaimed: { minCriteria: min, wordsPerCriterion: words },
            uncoveredSeverity: 'off',
          });
          const found = computeDiagnostics(catalog, account, computeCoverage(catalog, portfolio, 1), settings)
            .filter((d) => d.code === 'over-claimed')
            .map((d): [number, number] => [d.start, d.end]);
          assert.deepEqual(found, naiveOverClaimed(account, min, words));
        },
      ),
  },
  {
    name: 'completion, hover, definition, diagnostics, code actions and lenses never throw and stay inside the text',
    quickRuns: 40,
    fuzzShare: 1_000,
    property: () =>
      fc.property(
        fc.oneof(
          anyText,
          strictDoc.map((d) => d.text),
        ),
        markdownDoc,
        offsetsIn,
        settings,
        (text, other, offsets, s) => {
          checkFeatures(
            text,
            other,
            offsets.map((o) => o % (text.length + 3)),
            s,
          );
        },
      ),
  },
  {
    name: 'completion right after every slash and comma of a text answers within one line around the cursor',
    quickRuns: 20,
    fuzzShare: 300,
    property: () =>
      fc.property(
        fc.oneof(
          markdownDoc,
          strictDoc.map((d) => d.text),
        ),
        (text) => {
          const offsets: number[] = [];
          for (let i = 0; i < text.length; i++) if (text[i] === '/' || text[i] === ',') offsets.push(i + 1, i + 3);
          checkFeatures(text, '', offsets, {});
        },
      ),
  },
  {
    name: 'the prose of every paragraph (and of any stretch of text) is the text with citations and ignored regions blanked',
    quickRuns: 200,
    fuzzShare: 10_000,
    property: () =>
      fc.property(
        fc.oneof(
          markdownDoc,
          strictDoc.map((d) => d.text),
        ),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (text, x, y) => {
          const a = parseAccount('file:///p/ra1.md', text, catalog.resolve);
          const [s, e] = [Math.floor(x * text.length), Math.floor(y * text.length)].sort((p, q) => p - q);
          for (const region of [...a.paragraphs, { start: s, end: e }])
            assert.equal(proseOf(text, a, region), proseByDefinition(text, a, region), JSON.stringify(region));
        },
      ),
  },
];

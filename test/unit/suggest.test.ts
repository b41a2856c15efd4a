/** Criterion suggestions: ranking, scope, exclusions, the uncovered boost, the insertion point, the labelled set. */
import * as assert from 'node:assert/strict';
import { parseAccount } from '../../server/src/core/accounts/account';
import { computeCoverage } from '../../server/src/core/coverage/coverage';
import { createPortfolio, updateAccount } from '../../server/src/core/coverage/portfolio';
import { citationInsertion } from '../../server/src/core/features/suggest/insertion';
import {
  paragraphAt,
  rankCriteria,
  suggestForParagraph,
  UNCOVERED_BOOST,
} from '../../server/src/core/features/suggest/suggest';
import { buildCatalog } from '../../server/src/core/standards/standards';
import { bundledUnits } from '../../server/src/io/bundled';
import { baselineRanker, labelledCases, measure, oursRanker } from '../../bench/lib/suggestEval';
import { cursor, syntheticUnit } from './helpers';

const seed = buildCatalog(bundledUnits());

/** A small unit whose criteria are distinct enough to rank by hand. */
const small = buildCatalog([
  {
    origin: 'test',
    data: syntheticUnit('LMCA5', 0, 0, {
      criteria: [
        {
          id: 'P1',
          kind: 'P',
          number: 1,
          text: 'Allocate work to workers taking account of their skills and workload.',
          section: 'Allocation',
        },
        {
          id: 'P2',
          kind: 'P',
          number: 2,
          text: 'Give supervision and feedback to workers on their practice.',
          section: 'Supervision',
        },
        { id: 'P3', kind: 'P', number: 3, text: 'Manage the budget of the service.', section: 'Resources' },
        { id: 'K1', kind: 'K', number: 1, text: 'How to handle complaints from key people.', section: 'Complaints' },
        ...Array.from({ length: 20 }, (_, i) => ({
          id: `K${i + 2}`,
          kind: 'K' as const,
          number: i + 2,
          text: `Filler item number ${i} about records.`,
          section: 'Other',
        })),
      ],
      glossary: [
        { term: 'Key people', text: 'Key people are family, friends, carers and advocates.', scope: 'performance' },
      ],
    }),
  },
]);

describe('suggest: ranking criteria for a passage', () => {
  const cases: Array<[string, string, string[]]> = [
    [
      "I shared out the tasks by each worker's skills and how heavy their workload was.",
      'LMCA5/P1',
      ['skills', 'workload'],
    ],
    ['In supervision I gave her feedback about her practice.', 'LMCA5/P2', ['supervision', 'feedback', 'practice']],
    ['I supervised the seniors and fed back on their practice.', 'LMCA5/P2', ['supervised', 'practice']],
    ['The budget was overspent so I managed it monthly.', 'LMCA5/P3', ['budget']],
    ["A carer's friend raised complaints and I handled them.", 'LMCA5/K1', ['complaints', 'friend']],
    ['Her family and advocates raised it with me.', 'LMCA5/K1', ['family']],
  ];
  for (const [passage, first, why] of cases) {
    it(`"${passage}" -> ${first}`, () => {
      const [top] = rankCriteria(small, passage, { units: ['LMCA5'] });
      assert.equal(top?.code, first);
      for (const w of why) assert.ok(top.why.includes(w), `why ${JSON.stringify(top.why)} lacks ${w}`);
    });
  }

  it('never suggests what is excluded, nor units out of scope, and returns at most top', () => {
    const passage = 'In supervision I gave feedback on practice and allocated work by skills.';
    const ranked = rankCriteria(small, passage, { units: ['LMCA5'], exclude: new Set(['LMCA5/P2']), top: 1 });
    assert.deepEqual(
      ranked.map((s) => s.code),
      ['LMCA5/P1'],
    );
    assert.deepEqual(rankCriteria(small, passage, { units: ['LMCB2'] }), []);
  });

  it('boosts criteria not yet covered by UNCOVERED_BOOST', () => {
    const passage = 'In supervision I gave feedback on practice.';
    const [plain] = rankCriteria(small, passage, { units: ['LMCA5'], covered: new Set(['LMCA5/P2']) });
    const [boosted] = rankCriteria(small, passage, { units: ['LMCA5'], covered: new Set() });
    assert.equal(plain.covered, true);
    assert.equal(boosted.covered, false);
    assert.ok(Math.abs(boosted.score / plain.score - UNCOVERED_BOOST) < 0.01);
  });

  it('finds nothing in a passage of stop words, code only or nothing', () => {
    for (const p of ['', '   ', 'and the of it was', '12 34'])
      assert.deepEqual(rankCriteria(small, p, { units: ['LMCA5'] }), []);
  });
});

describe('suggest: a paragraph of an account', () => {
  it('uses front matter units, leaves out what the paragraph cites and boosts what the portfolio lacks', () => {
    const text =
      '---\nunits: [LMCA5]\n---\n\nIn supervision I gave feedback on practice and shared out work by skills and workload (LMCA5/P2).\n';
    const account = parseAccount('file:///ra1.md', text, small.resolve);
    const portfolio = createPortfolio('file:///');
    updateAccount(portfolio, account);
    const coverage = computeCoverage(small, portfolio);
    const suggestions = suggestForParagraph(small, account, text, account.paragraphs[0], coverage);
    assert.equal(suggestions[0].code, 'LMCA5/P1');
    assert.ok(!suggestions.some((s) => s.code === 'LMCA5/P2'));
  });
});

describe('suggest: where the citation is inserted', () => {
  const cases: Array<[string, string, string]> = [
    [
      'I met the seniors$0 to share the work. Then I left.',
      'I met the seniors to share the work (LMCA5/P1). Then I left.',
      'before the full stop',
    ],
    ['I met the seniors. Then I left$0', 'I met the seniors. Then I left (LMCA5/P1)', 'no full stop: at the end'],
    ['I met the seniors (LMCA5/P2).$0', 'I met the seniors (LMCA5/P2, LMCA5/P1).', 'continues a bracketed citation'],
    [
      'I met Mrs D. (she asked me$0) Then I left.',
      'I met Mrs D. (she asked me) Then I left (LMCA5/P1).',
      'a bracket of prose is not a citation list',
    ],
  ];
  for (const [marked, expected, why] of cases) {
    it(why, () => {
      const { text, offset } = cursor(marked);
      const account = parseAccount('file:///a.md', text, small.resolve);
      const edit = citationInsertion(text, account, paragraphAt(account, offset)!, offset, 'LMCA5/P1');
      assert.equal(text.slice(0, edit.start) + edit.newText + text.slice(edit.end), expected);
    });
  }
});

describe('suggest: the labelled set (bench/suggest.ts prints the figures)', () => {
  it('finds a cited criterion in the top 5 for most paragraphs, and more of them than plain TF-IDF', () => {
    const cases = labelledCases(seed);
    assert.ok(cases.length >= 40, `only ${cases.length} labelled paragraphs`);
    const ours = measure(cases, oursRanker(seed));
    const baseline = measure(cases, baselineRanker(seed));
    assert.ok(ours.hitRate > 0.5, `hit rate ${ours.hitRate}`);
    assert.ok(ours.recall > baseline.recall, `recall@5 ${ours.recall} vs TF-IDF ${baseline.recall}`);
  });
});

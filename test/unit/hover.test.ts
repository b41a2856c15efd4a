import { strict as assert } from 'node:assert';
import { bundledUnits } from '../../server/src/io/bundled';
import { parseAccount } from '../../server/src/core/accounts/account';
import { computeCoverage } from '../../server/src/core/coverage/coverage';
import { computeHover } from '../../server/src/core/features/hover';
import { navigationTargetAt, referencesOf } from '../../server/src/core/features/navigation';
import { createPortfolio, updateAccount } from '../../server/src/core/coverage/portfolio';
import { buildCatalog } from '../../server/src/core/standards/standards';
import { cursor } from './helpers';

const catalog = buildCatalog(bundledUnits());

/** Hovers at `$0` in here.md, in a portfolio with the other files given; answers the hovered text and markdown. */
function hover(
  marked: string,
  others: Record<string, string> = {},
  minimumEvidence = 1,
): { on: string; markdown: string } | undefined {
  const { text, offset } = cursor(marked);
  const portfolio = createPortfolio('file:///p');
  const account = parseAccount('file:///p/here.md', text, catalog.resolve);
  updateAccount(portfolio, account);
  for (const [name, t] of Object.entries(others))
    updateAccount(portfolio, parseAccount(`file:///p/${name}`, t, catalog.resolve));
  const h = computeHover(catalog, account, offset, computeCoverage(catalog, portfolio, minimumEvidence));
  return h && { on: text.slice(h.start, h.end), markdown: h.markdown };
}

const others = {
  'ra1.md': '---\nevidence: RA1\nunits: [LMCA5]\n---\nI planned it (LMCA5/P1, K45).',
  'ra3.md': '---\nevidence: RA3\n---\nLMCA5/P1-P3',
};

describe('hover', () => {
  it('a plain citation: unit, text, section and where it is cited', () => {
    assert.deepEqual(hover('We met (LMCA5/P$01).', others), {
      on: 'P1',
      markdown:
        '**LMCA5/P1** — Manage the Allocation, Progression and Quality of Work in Care Service Provision\n\n' +
        'Lead work with individuals, key people and others to identify areas of work that will meet the operational plans ' +
        'and priorities of the service provision and positive outcomes for individuals.\n\n' +
        '*performance criterion* · section: Lead and manage the identification and allocation of priority areas of work within the service provision\n\n' +
        'Cited in 3 accounts: here, RA1, RA3.',
    });
  });

  it('new forms: a spaced unit, PC, a number in a list, a bare criterion and the unit its context names', () => {
    assert.match(hover('I did SCDLMCA5 P$021.', others)!.markdown, /^\*\*LMCA5\/P21\*\*/);
    assert.equal(hover('I did SCDLMC$0A5 P21.', others)!.on, 'SCDLMCA5');
    assert.match(hover('the form H7LP 04 P$0C3', others)!.markdown, /^\*\*LMCA5\/P3\*\*/);
    assert.deepEqual(hover('LMCA5/P19, 2$00, 21', others)!.on, '20');
    assert.match(hover('LMCA5/P19, 2$00, 21', others)!.markdown, /^\*\*LMCA5\/P20\*\*/);
    const bare = hover('# LMCB2 Supervision\n\nI did ($0PC 7).', others)!;
    assert.equal(bare.on, 'PC 7');
    assert.match(bare.markdown, /^\*Counted for LMCB2, named by the heading above\.\*\n\n\*\*LMCB2\/P7\*\*/);
    assert.match(
      hover('---\nunits: [LMCA5, LMCB2]\n---\nI did P$03.', others)!.markdown,
      /not counted, the unit is ambiguous here \(LMCA5 or LMCB2\)/,
    );
    assert.match(hover('I did P$03.', others)!.markdown, /not counted, no unit is named here/);
    assert.match(
      hover('I did LMCB3 P$03.', others)!.markdown,
      /not counted, it follows LMCB3, which is not a known unit/,
    );
  });

  // [name, fixture, text hovered, patterns the markdown must match, minimum evidence]; the portfolio is `others`.
  const cases: Array<[string, string, string | undefined, RegExp[], number?]> = [
    [
      'a list item',
      'LMCA5/P1, K4$05',
      'K45',
      [
        /^\*\*LMCA5\/K45\*\*/,
        /How to use supervision to support the practice and performance of others\./,
        /\*knowledge point\* · section: /,
        /Cited in 2 accounts: here, RA1\.$/,
      ],
    ],
    ['single source', 'LMCA5/K4$07', 'K47', [/Cited in 1 account: here \(single source\)\.$/]],
    [
      'below the minimum evidence',
      'LMCA5/K4$07',
      'K47',
      [/Cited in 1 account: here \(single source\) — not yet covered: 2 accounts needed\.$/],
      2,
    ],
    [
      'a range lists each criterion compactly',
      'LMCA5/P2-P$04',
      'P2-P4',
      [
        /^\*\*LMCA5\/P2–P4\*\* — Manage the Allocation/m,
        /^- \*\*P2\*\* .+ — here, RA3$/m,
        /^- \*\*P3\*\* .+ — here, RA3$/m,
        /^- \*\*P4\*\* .+ — here$/m,
      ],
    ],
    ['an en dash range', 'LMCA5/K1–K$02', 'K1–K2', [/^- \*\*K1\*\* .+ — here$/m, /^- \*\*K2\*\* .+ — here$/m]],
    [
      'a range partly out of bounds',
      'LMCA5/P28-P3$00',
      'P28-P30',
      [/^- \*\*P30\*\* — no such performance criterion \(P1–P29\)$/m],
    ],
    [
      'the unit part: summary with coverage',
      'LMC$0A5/P7',
      'LMCA5',
      [
        /^\*\*LMCA5\*\* — Manage the Allocation/,
        /Also written: SCDLMCA5, H7LP 04/,
        /Coverage in this portfolio: P 4\/29 · K 1\/100$/,
      ],
    ],
    ['an alias unit part', 'SCDLMC$0A5/P7', 'SCDLMCA5', [/^\*\*LMCA5\*\*/]],
    [
      'a units entry',
      '---\nunits: [LMCQ$01]\n---\n',
      'LMCQ1',
      [
        /^\*\*LMCQ1\*\* — Lead and manage the quality of care service provision .+ \*\(code unconfirmed, title derived\)\*/,
        /P 0\/34 · K 0\/101/,
      ],
    ],
    ['an unknown unit', 'LMCA$06/P1', 'LMCA6', [/^\*\*LMCA6\*\*: unknown unit\. Did you mean LMCA5\?$/]],
    ['an unknown criterion', 'LMCA5/P3$00', 'P30', [/^LMCA5 has no performance criterion P30 \(P1–P29\)\.$/]],
    ['a reversed range', 'LMCA5/P4-$0P2', 'P4-P2', [/invalid range, it is reversed/]],
    ['plain text', 'Nothing $0here.', undefined, []],
    ['a list comma', 'LMCA5/P1,$0  P2', undefined, []],
    ['inline code', '`LMCA5/P$01`', undefined, []],
    ['a comment', '<!-- LMCA5/P$01 -->', undefined, []],
  ];
  for (const [name, fixture, on, patterns, minimum] of cases) {
    it(name, () => {
      const h = hover(
        fixture,
        minimum || patterns.some((p) => /single source/.test(p.source)) ? {} : others,
        minimum ?? 1,
      );
      assert.equal(h?.on, on);
      for (const p of patterns) assert.match(h!.markdown, p);
    });
  }

  it('escapes Markdown in the standard text', () => {
    const h = hover('LMCA5/P$01', {});
    assert.doesNotMatch(h!.markdown.split('\n')[2], /(?<!\\)[*_`]/);
  });
});

describe('references and definition on the new forms', () => {
  it('find references lists explicit, spaced, PC and bare citations of one criterion', () => {
    const portfolio = createPortfolio('file:///p');
    const files: Record<string, string> = {
      'a.md': 'I did LMCA5/P21.',
      'b.md': 'I did SCDLMCA5 PC21.',
      'c.md': '---\nunits: [LMCA5]\n---\nI did (P19, 20, 21).',
      'd.md': '# LMCB2\n\nI did P21.',
    };
    const accounts = Object.entries(files).map(([name, text]) =>
      parseAccount(`file:///p/${name}`, text, catalog.resolve),
    );
    for (const a of accounts) updateAccount(portfolio, a);
    const coverage = computeCoverage(catalog, portfolio, 1);
    const cText = files['c.md'];
    const target = navigationTargetAt(catalog, accounts[2], cText.indexOf('21'))!;
    assert.deepEqual({ unit: target.unitCode, id: target.criterionId }, { unit: 'LMCA5', id: 'P21' });
    const refs = referencesOf(coverage, target).map(
      (r) => `${r.uri.replace('file:///p/', '')}:${files[r.uri.replace('file:///p/', '')].slice(r.start, r.end)}`,
    );
    assert.deepEqual(refs, ['a.md:P21', 'b.md:PC21', 'c.md:21']);
  });
});

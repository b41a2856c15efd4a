import { strict as assert } from 'node:assert';
import { parseAccount } from '../../server/src/core/accounts/account';
import { computeCodeActions, collapsedList } from '../../server/src/core/features/codeActions';
import { scanCitations } from '../../server/src/core/citations/codes';
import { computeCoverage } from '../../server/src/core/coverage/coverage';
import { computeDiagnostics } from '../../server/src/core/features/diagnostics';
import { createPortfolio, updateAccount } from '../../server/src/core/coverage/portfolio';
import { readSettings } from '../../server/src/core/settings';
import { testCatalog } from './helpers';

const catalog = testCatalog();

/**
 * The code actions at `$0` (a cursor) or between two `$0` markers (a selection), each rendered as
 * "kind: title => text after applying it".
 */
function actions(marked: string): string[] {
  const parts = marked.split('$0');
  const text = parts.join('');
  const start = parts[0].length;
  const end = parts.length > 2 ? start + parts[1].length : start;
  const account = parseAccount('file:///p/a.md', text, catalog.resolve);
  const portfolio = createPortfolio('file:///p');
  updateAccount(portfolio, account);
  const diagnostics = computeDiagnostics(catalog, account, computeCoverage(catalog, portfolio), readSettings({}));
  return computeCodeActions(account, diagnostics, start, end).map((a) => {
    let out = text;
    for (const e of [...a.edits].sort((x, y) => y.start - x.start))
      out = out.slice(0, e.start) + e.newText + out.slice(e.end);
    return `${a.kind}: ${a.title} => ${out}`;
  });
}

describe('code actions', () => {
  const cases: Array<[string, string, string[]]> = [
    [
      'unknown unit: replace with the suggestion',
      'I did LMC$0A6/P1.',
      ['quickfix: Replace with LMCA5 => I did LMCA5/P1.'],
    ],
    ['unknown unit without a suggestion: nothing', 'QWERTY$099/P1', []],
    [
      'unknown unit in the units list',
      '---\nunits: [LMCB$03]\n---\n',
      ['quickfix: Replace with LMCB2 => ---\nunits: [LMCB2]\n---\n'],
    ],
    ['alias: write the canonical code', 'SCDLMC$0A5/P1', ['quickfix: Write LMCA5 => LMCA5/P1']],
    ['lower case item', 'LMCA5/p$02', ['quickfix: Write P2 => LMCA5/P2']],
    [
      'shorthand range: fix, and expand',
      'LMCA5/P1-$04',
      ['quickfix: Write P1-P4 => LMCA5/P1-P4', 'refactor.rewrite: Expand range into list => LMCA5/P1, P2, P3, P4'],
    ],
    [
      'several spellings: fix one or all',
      'scdlmca5/$0p1 and lmca5/K2',
      [
        'quickfix: Write P1 => scdlmca5/P1 and lmca5/K2',
        'quickfix: Write every citation in this file in canonical form => LMCA5/P1 and LMCA5/K2',
      ],
    ],
    ['expand a range', 'LMCA5/P1-P$04', ['refactor.rewrite: Expand range into list => LMCA5/P1, P2, P3, P4']],
    [
      'expand an en dash range in a list',
      'LMCA5/K1, K3–K$05',
      ['refactor.rewrite: Expand range into list => LMCA5/K1, K3, K4, K5'],
    ],
    [
      'expand every range from the unit part',
      'LMC$0A5/P1-P2, K3-K4',
      ['refactor.rewrite: Expand ranges into lists => LMCA5/P1, P2, K3, K4'],
    ],
    ['no expansion of a reversed range', 'LMCA5/P4-$0P2', []],
    [
      'collapse consecutive items',
      'LMCA5/P1, P$02, P3, K7',
      ['refactor.rewrite: Collapse list into range => LMCA5/P1-P3, K7'],
    ],
    [
      'collapse a list that continues a range',
      'LMCA5/P1-P3, P$04,P5',
      ['refactor.rewrite: Collapse list into range => LMCA5/P1-P5'],
    ],
    ['nothing to collapse', 'LMCA5/P1, P$03, K2', []],
    ['kinds do not merge', 'LMCA5/P29, K$01', []],
    [
      'a selection over two citations',
      '$0LMCA5/P1-P2 and LMCB2/K1, K2$0',
      [
        'refactor.rewrite: Expand range into list => LMCA5/P1, P2 and LMCB2/K1, K2',
        'refactor.rewrite: Collapse list into range => LMCA5/P1-P2 and LMCB2/K1-K2',
      ],
    ],
    ['plain text', 'Nothing $0here', []],
    [
      'bare criterion, two units listed: one fix per unit',
      '---\nunits: [LMCA5, LMCB2]\n---\nI did P$03.',
      [
        'quickfix: Cite for LMCA5: LMCA5/P3 => ---\nunits: [LMCA5, LMCB2]\n---\nI did LMCA5/P3.',
        'quickfix: Cite for LMCB2: LMCB2/P3 => ---\nunits: [LMCA5, LMCB2]\n---\nI did LMCB2/P3.',
      ],
    ],
    [
      'bare list, no unit named: only units that have every criterion',
      'I did (P$030, K2).',
      ['quickfix: Cite for LMCB2: LMCB2/P30, K2 => I did (LMCB2/P30, K2).'],
    ],
    ['lettered part: cite the criterion', 'LMCA5/P2$01a', ['quickfix: Cite LMCA5/P21 => LMCA5/P21']],
    ['unit fragment: the unit it ends', 'See A5/P$021.', ['quickfix: Replace with LMCA5/P21 => See LMCA5/P21.']],
    ['decimal: nothing to fix', 'LMCA5/P1.$02', []],
    [
      'a mistyped unit before a bare criterion: the unit meant',
      '---\nunits: [LMCA5]\n---\nI did LMCB3 P$03.',
      ['quickfix: Replace with LMCB2/P3 => ---\nunits: [LMCA5]\n---\nI did LMCB2/P3.'],
    ],
  ];
  for (const [name, fixture, expected] of cases) {
    it(name, () => assert.deepEqual(actions(fixture), expected));
  }

  it('collapses runs only, keeping other items as written', () => {
    const [c] = scanCitations('LMCA5/K9, P1,P2, P3-P5, p7, P8', catalog.resolve);
    assert.equal(collapsedList(c.items), 'K9, P1-P5, P7-P8');
  });
});

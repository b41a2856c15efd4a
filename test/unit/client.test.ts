/**
 * The extension's pure helpers: what Insert Criterion… types, the checks on panel messages in both directions,
 * search and labels of the panel, and the panel's HTML shell.
 */
import { strict as assert } from 'node:assert';
import { buildCitationLookup } from '../../client/src/citationLookup';
import { insertionText } from '../../client/src/insertion';
import { renderPanelHtml } from '../../client/src/panelHtml';
import {
  cellLabel,
  groupBySection,
  matchesSearch,
  parsePanelState,
  parseToWebview,
} from '../../client/src/webview/model';
import { accountUris, parseFromWebview } from '../../client/src/webviewMessages';
import type { CriterionDto } from '../../server/src/protocol';

const lookup = buildCitationLookup({
  units: [
    {
      code: 'LMCA5',
      title: 'A5',
      codeConfirmed: true,
      aliases: ['H7LP 04'],
      criteria: [{ id: 'P1', text: 't', section: 's' }],
    },
    { code: 'LMCB2', title: 'B2', codeConfirmed: true, criteria: [{ id: 'P1', text: 't', section: 's' }] },
  ],
});

const criterion = (over: Partial<CriterionDto> = {}): CriterionDto => ({
  id: 'P3',
  kind: 'P',
  number: 3,
  text: 'Agree priorities with the team',
  section: 'Allocation',
  state: 'none',
  accounts: 0,
  singleSource: false,
  citations: [],
  ...over,
});

describe('client: Insert Criterion… text', () => {
  const cases: Array<[string, string, string]> = [
    ['I agreed this ', 'LMCA5', 'LMCA5/P3'],
    ['I agreed this (LMCA5/', 'LMCA5', 'P3'],
    ['I agreed this (lmca5/', 'LMCA5', 'P3'],
    ['I agreed this (SCDLMCA5/', 'LMCA5', 'P3'],
    ['(H7LP 04/', 'LMCA5', 'P3'],
    ['(LMCA5/P1, ', 'LMCA5', 'P3'],
    ['(LMCA5/P1,', 'LMCA5', 'P3'],
    ['(LMCA5/P1, ', 'LMCB2', 'LMCB2/P3'],
    ['(LMCB2/', 'LMCA5', 'LMCA5/P3'],
    ['(LMCA5/P1 and ', 'LMCA5', 'P3'],
    ['(LMCA5/P1 and ', 'LMCB2', 'LMCB2/P3'],
    ['(LMCA5/P1 so ', 'LMCA5', 'LMCA5/P3'],
    ['word', 'LMCA5', ' LMCA5/P3'],
    ['', 'LMCA5', 'LMCA5/P3'],
  ];
  for (const [prefix, code, expected] of cases) {
    it(`${JSON.stringify(prefix)} + ${code}/P3 → ${JSON.stringify(expected)}`, () => {
      assert.equal(insertionText(prefix, code, 'P3', lookup.resolve), expected);
    });
  }
});

describe('client: messages from the panel', () => {
  it('accepts the three message types and nothing else', () => {
    assert.deepEqual(parseFromWebview({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseFromWebview({ type: 'reveal', uri: 'file:///a.md', line: 3, character: 4, extra: 1 }), {
      type: 'reveal',
      uri: 'file:///a.md',
      line: 3,
      character: 4,
    });
    assert.deepEqual(
      parseFromWebview({ type: 'state', state: { filter: 'uncovered', search: 3, scrollY: -1, unit: 'LMCA5' } }),
      { type: 'state', state: { filter: 'uncovered', unit: 'LMCA5' } },
    );
    for (const bad of [
      null,
      'ready',
      {},
      { type: 'reveal', uri: 'file:///a.md', line: -1, character: 0 },
      { type: 'reveal', uri: 'file:///a.md', line: 1.5, character: 0 },
      { type: 'reveal', uri: 7, line: 1, character: 0 },
      { type: 'command', command: 'workbench.action.terminal.new' },
    ]) {
      assert.equal(parseFromWebview(bad), undefined, JSON.stringify(bad));
    }
  });

  it('knows which URIs a reveal may open: the accounts of the coverage shown, cited or not', () => {
    const uris = accountUris({
      portfolios: [
        {
          folder: 'file:///p',
          folderName: 'p',
          minimumEvidence: 1,
          accounts: [
            { uri: 'file:///p/ra1.md', evidence: 'RA1', title: null, tutorNotes: [] },
            { uri: 'file:///p/ra2.md', evidence: 'RA2', title: null, tutorNotes: [] },
          ],
          units: [
            {
              code: 'LMCA5',
              title: '',
              codeConfirmed: true,
              titleDerived: false,
              covered: { P: 1, K: 0 },
              total: { P: 1, K: 0 },
              criteria: [
                criterion({
                  citations: [{ account: 1, line: 0, character: 0, endLine: 0, endCharacter: 2 }],
                }),
              ],
            },
          ],
        },
      ],
    });
    assert.deepEqual([...uris].sort(), ['file:///p/ra1.md', 'file:///p/ra2.md']);
    assert.equal(uris.has('file:///etc/passwd'), false);
  });
});

describe('client: messages to the panel', () => {
  it('coerces coverage data and drops malformed entries', () => {
    const parsed = parseToWebview({
      type: 'coverage',
      focusUnit: 'LMCA5',
      data: {
        portfolios: [
          {
            folder: 'file:///p',
            units: [
              { code: 'LMCA5', criteria: [{ id: 'P1', state: 'weird', text: 5 }, { id: '<x>' }] },
              { title: 'no code' },
            ],
            accounts: 'nope',
          },
          'junk',
        ],
      },
    });
    assert.ok(parsed && parsed.type === 'coverage');
    const p = parsed.data.portfolios;
    assert.equal(p.length, 1);
    assert.equal(p[0].folderName, 'file:///p');
    assert.equal(p[0].minimumEvidence, 1);
    assert.deepEqual(p[0].accounts, []);
    assert.equal(p[0].units.length, 1);
    assert.deepEqual(
      p[0].units[0].criteria.map((c) => [c.id, c.state, c.text]),
      [['P1', 'none', '']],
    );
    assert.equal(parsed.focusUnit, 'LMCA5');
    assert.equal(parseToWebview({ type: 'focus' }), undefined);
    assert.deepEqual(parseToWebview({ type: 'focus', unit: 'LMCB2', folder: 3 }), { type: 'focus', unit: 'LMCB2' });
  });

  it('restores only well-typed saved state', () => {
    assert.deepEqual(parsePanelState({ folder: 'f', filter: 'bogus', scrollY: 120, selected: 'LMCA5/P1' }), {
      folder: 'f',
      scrollY: 120,
      selected: 'LMCA5/P1',
    });
    assert.deepEqual(parsePanelState('junk'), {});
  });
});

describe('client: panel search, sections and labels', () => {
  it('matches every word against code, text and section', () => {
    const c = criterion();
    assert.ok(matchesSearch('LMCA5', c, 'lmca5/p3'));
    assert.ok(matchesSearch('LMCA5', c, 'team  priorities'));
    assert.ok(matchesSearch('LMCA5', c, 'allocation'));
    assert.ok(!matchesSearch('LMCA5', c, 'team budget'));
  });

  it('groups consecutive criteria under their headings, P and K apart', () => {
    const groups = groupBySection([
      criterion({ id: 'P1', section: 'A' }),
      criterion({ id: 'P2', section: 'A' }),
      criterion({ id: 'P3', section: 'B' }),
      criterion({ id: 'K1', kind: 'K', section: 'B' }),
      criterion({ id: 'K2', kind: 'K', section: '' }),
    ]);
    assert.deepEqual(
      groups.map((g) => [g.heading, g.criteria.map((c) => c.id).join()]),
      [
        ['A', 'P1,P2'],
        ['B', 'P3'],
        ['B', 'K1'],
        ['Knowledge and understanding', 'K2'],
      ],
    );
  });

  it('says the state in words for screen readers', () => {
    assert.equal(cellLabel(criterion(), 1), 'P3 not yet covered: Agree priorities with the team');
    assert.equal(
      cellLabel(criterion({ state: 'partial', accounts: 1, singleSource: true }), 2),
      'P3 below the minimum: 1 of 2 accounts, single source: Agree priorities with the team',
    );
    assert.equal(
      cellLabel(criterion({ state: 'covered', accounts: 3 }), 2),
      'P3 covered: 3 accounts: Agree priorities with the team',
    );
  });
});

describe('client: panel HTML', () => {
  it('has a strict CSP with the nonce and escapes what it embeds', () => {
    const html = renderPanelHtml({
      cspSource: 'https://x.vscode-cdn.net',
      nonce: 'abc',
      scriptUri: 'https://x/w.js?"><b>',
      styleUri: 'https://x/w.css',
    });
    assert.match(
      html,
      /content="default-src 'none'; script-src 'nonce-abc'; style-src https:\/\/x.vscode-cdn.net; img-src https:\/\/x.vscode-cdn.net; font-src https:\/\/x.vscode-cdn.net"/,
    );
    assert.match(html, /<script nonce="abc" src="https:\/\/x\/w.js\?&quot;&gt;&lt;b&gt;"><\/script>/);
    assert.doesNotMatch(html, /<script(?![^>]*nonce)/);
  });
});

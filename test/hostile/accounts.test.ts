/**
 * Huge and deeply nested accounts: parsing completes quickly, every invariant holds, fenced code is never
 * counted, and what the editor asks for next (coverage, diagnostics, completion, hover) still answers. A body
 * too costly for the CommonMark parser is left unread, with `degraded` saying why: nothing in it counts.
 */
import { strict as assert } from 'node:assert';
import { parseAccount, type Account } from '../../server/src/core/accounts/account';
import { computeCompletions } from '../../server/src/core/features/completion';
import { computeCoverage } from '../../server/src/core/coverage/coverage';
import { computeDiagnostics } from '../../server/src/core/features/diagnostics';
import { computeHover } from '../../server/src/core/features/hover';
import { createPortfolio, updateAccount } from '../../server/src/core/coverage/portfolio';
import { readSettings } from '../../server/src/core/settings';
import { checkAccount } from '../property/invariants';
import { testCatalog } from '../unit/helpers';
import { backtickRuns, bigTable, deepNesting, hugeAccount, hugeFrontMatter, manyCitations } from './inputs';
import { timed } from './timing';

const catalog = testCatalog();
/** Every paragraph citing anything is weighed for the over-claimed hint, the most work diagnostics can do. */
const settings = readSettings({ overClaimed: { minCriteria: 1 } });

function parse(what: string, text: string): Account {
  const account = timed(`${what}: parseAccount`, () => parseAccount('file:///p/huge.md', text, catalog.resolve));
  timed(`${what}: invariants checked`, () => checkAccount(text, account));
  return account;
}

/** Coverage, diagnostics, completion after a slash and hover on the last citation all answer. */
function editorStillAnswers(what: string, text: string, account: Account): void {
  const portfolio = createPortfolio('file:///p');
  updateAccount(portfolio, account);
  const coverage = timed(`${what}: coverage`, () => computeCoverage(catalog, portfolio, 1));
  timed(`${what}: diagnostics`, () => computeDiagnostics(catalog, account, coverage, settings));
  const last = account.citations[account.citations.length - 1];
  const hover = timed(`${what}: hover`, () => computeHover(catalog, account, last.items[0].start + 1, coverage));
  assert.match(hover?.markdown ?? '', /LMC/);
  const slash = last.unitEnd + 1;
  const completion = timed(`${what}: completion`, () =>
    computeCompletions({ catalog, account, text, offset: slash, coverage }),
  );
  assert.ok(completion.items.length > 0, 'completion after the last slash offers criteria');
}

/** Coverage and diagnostics answer for an account whose body was left unread, and completion after a slash. */
function editorAnswersUnread(what: string, text: string, account: Account): void {
  const portfolio = createPortfolio('file:///p');
  updateAccount(portfolio, account);
  const coverage = timed(`${what}: coverage`, () => computeCoverage(catalog, portfolio, 1));
  assert.ok(
    coverage.units.every((u) => u.covered.P === 0 && u.covered.K === 0),
    'nothing in the unread body is covered',
  );
  timed(`${what}: diagnostics`, () => computeDiagnostics(catalog, account, coverage, settings));
  const slash = text.lastIndexOf('LMCA5/') + 'LMCA5/'.length;
  const completion = timed(`${what}: completion`, () =>
    computeCompletions({ catalog, account, text, offset: slash, coverage }),
  );
  assert.ok(completion.items.length > 0, 'completion after a slash still offers criteria');
}

describe('hostile: huge accounts', function () {
  this.timeout(60_000); // no time is asserted: a slow machine must not fail these
  it('a 10 MB account parses, and coverage, diagnostics, hover and completion answer', () => {
    const text = hugeAccount(10_000_000);
    const account = parse('10 MB account', text);
    assert.equal(account.degraded, undefined, 'plain Markdown goes through the exact scanner');
    assert.ok(account.citations.length > 40_000, `${account.citations.length} citations`);
    editorStillAnswers('10 MB account', text, account);
  });

  it('a 10 MB account the exact scanner leaves to the parser is left unread, its front matter still read', () => {
    const text = hugeAccount(10_000_000).replace(
      /\n\n## Part 100\n/,
      '\n\n> A quotation\n\n```\nLMCA5/P29 in code\n```\n\n## Part 100\n',
    );
    const account = parse('10 MB account with a block quote', text);
    assert.match(
      account.degraded ?? '',
      /^Not read as Markdown, so nothing in it counts: 99999\d\d characters, over 1000000/,
    );
    assert.deepEqual(account.citations, []);
    assert.deepEqual(
      account.frontMatter?.units.map((u) => u.text),
      ['LMCA5', 'LMCB2'],
    );
    editorAnswersUnread('10 MB account with a block quote', text, account);
  });

  it('100,000 citations in one file', () => {
    const text = manyCitations(100_000);
    const account = parse('100,000 citations', text);
    assert.equal(account.citations.length, 100_000);
    editorStillAnswers('100,000 citations', text, account);
  });

  it('a 5,000-line table: every row counted, inline code in cells not', () => {
    const text = bigTable(5000);
    const account = parse('5,000-line table', text);
    assert.equal(account.citations.length, 5000);
    assert.equal(account.ignored.filter((r) => r.kind === 'inline-code').length, 5000);
    editorStillAnswers('5,000-line table', text, account);
  });

  it('backtick runs of 1,000 different lengths (half a megabyte, no code span closed)', () => {
    const text = backtickRuns(1000);
    const account = parse('backtick runs of 1,000 different lengths', text);
    assert.match(account.degraded ?? '', /backtick runs of more than 32 different lengths/);
    assert.deepEqual(account.citations, [], 'the unread body counts nothing');
  });

  it('1 MB of front matter: read, not counted, and the body still analysed', () => {
    const text = hugeFrontMatter(1_000_000);
    const account = parse('1 MB front matter', text);
    assert.equal(account.title, 'A title citing LMCA5/P9, which does not count');
    assert.equal(account.frontMatter?.units.length, 2000);
    assert.deepEqual(
      account.citations.map((c) => text.slice(c.start, c.end)),
      ['LMCA5/P3'],
    );
    editorStillAnswers('1 MB front matter', text, account);
  });

  it('1 MB of front matter that is not valid YAML: one problem, the body still analysed', () => {
    const text = hugeFrontMatter(1_000_000, true);
    const account = parse('1 MB broken front matter', text);
    assert.ok(account.problems.length >= 1 && account.problems.every((p) => /Front matter/.test(p.message)));
    assert.deepEqual(
      account.citations.map((c) => text.slice(c.start, c.end)),
      ['LMCA5/P3'],
    );
  });
});

describe('hostile: deeply nested accounts are left unread, saying why', () => {
  for (const [what, make] of Object.entries(deepNesting)) {
    it(what, () => {
      const text = make();
      const account = parse(what, text);
      assert.match(account.degraded ?? '', /^Not read as Markdown, so nothing in it counts: .*nested/);
      assert.deepEqual(account.citations, [], 'nothing in the unread body counts');
      editorAnswersUnread(what, text, account);
    });
  }
});

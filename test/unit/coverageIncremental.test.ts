/**
 * computeCoverage keeps its fold between calls and refolds only the accounts that changed. Whatever the
 * sequence of updates and removals, the result must equal a fold of the same accounts from scratch.
 */
import { strict as assert } from 'node:assert';
import { parseAccount } from '../../server/src/core/accounts/account';
import { computeCoverage } from '../../server/src/core/coverage/coverage';
import { packAccount } from '../../server/src/core/accounts/packedAccount';
import { createPortfolio, removeAccount, updateAccount, type Portfolio } from '../../server/src/core/coverage/portfolio';
import { plainAccount, testCatalog, rng } from './helpers';

const catalog = testCatalog();

function account(next: () => number): string {
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const unit = () => (next() < 0.5 ? 'LMCA5' : next() < 0.8 ? 'LMCB2' : 'SCDLMCA5');
  const item = () => `${next() < 0.5 ? 'P' : 'K'}${int(1, 40)}`;
  const lines = ['---', `units: [${next() < 0.3 ? 'LMCB2' : 'LMCA5'}]`, '---', ''];
  for (let i = int(0, 6); i > 0; i--) {
    const shape = int(0, 3);
    const cite = shape === 0 ? `${unit()}/${item()}` : shape === 1 ? `${unit()}/${item()}, ${item()}`
      : shape === 2 ? `${unit()}/P${int(1, 10)}-P${int(5, 14)}` : `LMCZ9/${item()}`;
    lines.push(`I did some work (${cite}).`, '');
  }
  return lines.join('\n');
}

/** A new portfolio of the same accounts, as plain objects. */
function fresh(p: Portfolio): Portfolio {
  const q = createPortfolio(p.root);
  for (const a of p.accounts.values()) updateAccount(q, plainAccount(a));
  return q;
}

describe('coverage: incremental fold', () => {
  for (const [seed, packed] of [[1, false], [2, false], [3, false], [4, true], [5, true]] as const) {
    // Packed accounts (as the server keeps them) are compared with a fold of plain copies of them.
    it(`equals a fold from scratch after every change (seed ${seed}${packed ? ', packed accounts' : ''})`, () => {
      const next = rng(seed);
      const p = createPortfolio('file:///p');
      let last: { key: string; revision: number } | undefined;
      for (let step = 0; step < 150; step++) {
        const uri = `file:///p/ra${Math.floor(next() * 12)}.md`;
        if (next() < 0.15) removeAccount(p, uri);
        else {
          const parsed = parseAccount(uri, account(next), catalog.resolve);
          updateAccount(p, packed ? packAccount(parsed) : parsed);
        }
        const minimum = next() < 0.2 ? 2 : 1;
        const plain = (c: object) => JSON.parse(JSON.stringify({ ...c, generation: 0, revision: 0 }));
        const coverage = computeCoverage(catalog, p, minimum);
        assert.deepEqual(plain(coverage), plain(computeCoverage(catalog, fresh(p), minimum)), `step ${step}`);
        // What other accounts' diagnostics depend on never changes without the revision changing.
        const key = `${minimum};` + coverage.units.map((u) => `${u.code}:${u.declaredIn.join()}:${u.criteria.map((c) => c.state[0]).join('')}`).join('|');
        if (last && last.key !== key) assert.notEqual(coverage.revision, last.revision, `step ${step}`);
        last = { key, revision: coverage.revision };
      }
    });
  }

  it('catches up after more changes than the change log keeps, and after changes made behind its back', () => {
    const next = rng(9);
    const p = createPortfolio('file:///p');
    const plain = (c: object) => JSON.parse(JSON.stringify({ ...c, generation: 0, revision: 0 }));
    computeCoverage(catalog, p);
    for (let i = 0; i < 5000; i++) updateAccount(p, parseAccount(`file:///p/ra${i % 40}.md`, account(next), catalog.resolve));
    assert.deepEqual(plain(computeCoverage(catalog, p)), plain(computeCoverage(catalog, fresh(p))));
    p.accounts.set('file:///p/ra1.md', parseAccount('file:///p/ra1.md', account(next), catalog.resolve));
    p.generation++;
    assert.deepEqual(plain(computeCoverage(catalog, p)), plain(computeCoverage(catalog, fresh(p))));
  });

  it('gives the same citations to a reader of one criterion per job as to a reader of the whole unit', async () => {
    const next = rng(11);
    const p = createPortfolio('file:///p');
    for (let i = 0; i < 30; i++) {
      const parsed = parseAccount(`file:///p/ra${i}.md`, account(next), catalog.resolve);
      updateAccount(p, i % 2 ? packAccount(parsed) : parsed);
    }
    const coverage = computeCoverage(catalog, p);
    const plain = (x: unknown) => JSON.parse(JSON.stringify(x));
    const together = coverage.units.map((u) => u.criteria.map((c) => plain(c.citations)));
    assert.ok(together.flat().some((list) => list.length > 1), 'some criterion is cited by several accounts');
    const alone: unknown[][] = [];
    for (const u of coverage.units) {
      const lists: unknown[] = [];
      for (const c of u.criteria) {
        await new Promise((r) => setImmediate(r)); // a new job: only this criterion is read in it
        lists.push(plain(c.citations));
      }
      alone.push(lists);
    }
    assert.deepEqual(alone, together);
  });

  it('answers the same result while the portfolio is unchanged', () => {
    const p = createPortfolio('file:///p');
    updateAccount(p, parseAccount('file:///p/a.md', 'I planned it (LMCA5/P1).', catalog.resolve));
    assert.equal(computeCoverage(catalog, p), computeCoverage(catalog, p));
  });
});

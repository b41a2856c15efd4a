/**
 * computeCoverage keeps its fold on the portfolio and refolds only the accounts that changed. Whatever the
 * sequence of updates and removals, the result must equal a fold of the same accounts from scratch.
 */
import { strict as assert } from 'node:assert';
import { parseAccount } from '../../server/src/core/accounts/account';
import { computeCoverage, type Coverage } from '../../server/src/core/coverage/coverage';
import { positionAt } from '../../server/src/core/accounts/lines';
import { expandItem } from '../../server/src/core/citations/codes';
import {
  createPortfolio,
  removeAccount,
  updateAccount,
  type Portfolio,
} from '../../server/src/core/coverage/portfolio';
import { testCatalog, rng } from './helpers';

const catalog = testCatalog();

function account(next: () => number): string {
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const unit = () => (next() < 0.5 ? 'LMCA5' : next() < 0.8 ? 'LMCB2' : 'SCDLMCA5');
  const item = () => `${next() < 0.5 ? 'P' : 'K'}${int(1, 40)}`;
  const lines = ['---', `units: [${next() < 0.3 ? 'LMCB2' : 'LMCA5'}]`, '---', ''];
  for (let i = int(0, 6); i > 0; i--) {
    const shape = int(0, 3);
    const cite =
      shape === 0
        ? `${unit()}/${item()}`
        : shape === 1
          ? `${unit()}/${item()}, ${item()}`
          : shape === 2
            ? `${unit()}/P${int(1, 10)}-P${int(5, 14)}`
            : `LMCZ9/${item()}`;
    lines.push(`I did some work (${cite}).`, '');
  }
  return lines.join('\n');
}

/** A new portfolio of the same accounts (its own fold, built from scratch). */
function fresh(p: Portfolio): Portfolio {
  const q = createPortfolio(p.root);
  for (const a of p.accounts.values()) updateAccount(q, a);
  return q;
}

/** Every criterion's citations worked out the obvious way: accounts in URI order, their items in text order. */
function naiveCitations(p: Portfolio): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  const uris = [...p.accounts.keys()].sort();
  for (const uri of uris) {
    const a = p.accounts.get(uri)!;
    for (const c of a.citations) {
      if (!c.unitCode || !catalog.unit(c.unitCode)) continue;
      for (const item of c.items) {
        const { line, character } = positionAt(a.lineStarts, item.start);
        for (const n of expandItem(item)) {
          if (!catalog.unit(c.unitCode)!.criteria.some((k) => k.id === `${item.kind}${n}`)) continue;
          (out[`${c.unitCode}/${item.kind}${n}`] ??= []).push({
            uri,
            evidence: a.evidence,
            start: item.start,
            end: item.end,
            line,
            character,
          });
        }
      }
    }
  }
  return out;
}

/** The result as data, citations included (the fold's criteria make them in a getter, which JSON leaves out). */
const plain = (c: Coverage) =>
  JSON.parse(
    JSON.stringify({
      ...c,
      generation: 0,
      revision: 0,
      units: c.units.map((u) => ({ ...u, criteria: u.criteria.map((k) => ({ ...k, citations: k.citations })) })),
    }),
  );

describe('coverage: incremental fold', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`equals a fold from scratch after every change (seed ${seed})`, () => {
      const next = rng(seed);
      const p = createPortfolio('file:///p');
      let last: { key: string; revision: number } | undefined;
      const texts = new Map<string, string>();
      for (let step = 0; step < 150; step++) {
        const uri = `file:///p/ra${Math.floor(next() * 12)}.md`;
        const roll = next();
        if (roll < 0.15) {
          removeAccount(p, uri);
          texts.delete(uri);
        } else {
          // Now and then the same citations moved by prose typed before them (the fold keeps their criteria).
          const text =
            roll < 0.35 && texts.has(uri) ? `${texts.get(uri)!.replace('I did', 'Then I did')}` : account(next);
          texts.set(uri, text);
          updateAccount(p, parseAccount(uri, text, catalog.resolve));
        }
        const minimum = next() < 0.2 ? 2 : 1;
        const coverage = computeCoverage(catalog, p, minimum);
        assert.deepEqual(plain(coverage), plain(computeCoverage(catalog, fresh(p), minimum)), `step ${step}`);
        // What other accounts' diagnostics depend on never changes without the revision changing.
        const key =
          `${minimum};` +
          coverage.units
            .map((u) => `${u.code}:${u.declaredIn.join()}:${u.criteria.map((c) => c.state[0]).join('')}`)
            .join('|');
        if (last && last.key !== key) assert.notEqual(coverage.revision, last.revision, `step ${step}`);
        last = { key, revision: coverage.revision };
      }
    });
  }

  it('catches up after thousands of changes between two reads', () => {
    const next = rng(9);
    const p = createPortfolio('file:///p');
    computeCoverage(catalog, p);
    for (let i = 0; i < 5000; i++)
      updateAccount(p, parseAccount(`file:///p/ra${i % 40}.md`, account(next), catalog.resolve));
    assert.deepEqual(plain(computeCoverage(catalog, p)), plain(computeCoverage(catalog, fresh(p))));
  });

  it("lists each criterion's citations by account URI, then in text order, with their positions", () => {
    const next = rng(11);
    const p = createPortfolio('file:///p');
    for (let i = 0; i < 30; i++) updateAccount(p, parseAccount(`file:///p/ra${i}.md`, account(next), catalog.resolve));
    computeCoverage(catalog, p);
    for (let i = 0; i < 30; i += 3)
      updateAccount(p, parseAccount(`file:///p/ra${i}.md`, account(next), catalog.resolve));
    const coverage = computeCoverage(catalog, p);
    const found: Record<string, unknown[]> = {};
    for (const u of coverage.units)
      for (const c of u.criteria)
        if (c.citations.length) found[`${u.code}/${c.id}`] = JSON.parse(JSON.stringify(c.citations));
    const expected = naiveCitations(p);
    assert.ok(
      Object.values(expected).some((list) => new Set(list.map((r) => (r as { uri: string }).uri)).size > 1),
      'some criterion is cited by several accounts',
    );
    assert.deepEqual(found, expected);
  });

  it("keeps each portfolio's fold to itself", () => {
    const a = createPortfolio('file:///a');
    const b = createPortfolio('file:///b');
    updateAccount(a, parseAccount('file:///a/1.md', 'I planned it (LMCA5/P1).', catalog.resolve));
    updateAccount(b, parseAccount('file:///b/1.md', 'I reviewed it (LMCB2/K3).', catalog.resolve));
    const before = plain(computeCoverage(catalog, b));
    computeCoverage(catalog, a);
    updateAccount(a, parseAccount('file:///a/2.md', 'Again (LMCB2/K3).', catalog.resolve));
    computeCoverage(catalog, a, 2);
    assert.deepEqual(plain(computeCoverage(catalog, b)), before);
    assert.deepEqual(
      computeCoverage(catalog, b).units.map((u) => u.code),
      ['LMCB2'],
    );
  });

  it('answers the same result while the portfolio is unchanged', () => {
    const p = createPortfolio('file:///p');
    updateAccount(p, parseAccount('file:///p/a.md', 'I planned it (LMCA5/P1).', catalog.resolve));
    assert.equal(computeCoverage(catalog, p), computeCoverage(catalog, p));
  });
});

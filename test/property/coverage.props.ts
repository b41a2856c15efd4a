/**
 * Properties of the coverage fold (core/coverage/coverage.ts), which is kept incrementally between calls: after any
 * sequence of edits, removals and reads it equals a fold of the final accounts from scratch, and both equal a
 * naive recount of who cites what.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parseAccount, type Account } from '../../server/src/core/accounts/account';
import { expandItem, rangeShapeProblem } from '../../server/src/core/citations/codes';
import { computeCoverage, type Coverage } from '../../server/src/core/coverage/coverage';
import { createPortfolio, removeAccount, updateAccount } from '../../server/src/core/coverage/portfolio';
import { testCatalog } from '../unit/helpers';
import { citationText } from './citationArbitraries';
import { frontMatterText, inlineLine } from './documentArbitraries';
import type { Prop } from './props';

const catalog = testCatalog();
const URIS = ['file:///p/a.md', 'file:///p/b.md', 'file:///p/c.md', 'file:///p/sub/d.md'];

/** Small accounts dense in citations, sometimes with a `units:` list. */
const smallDoc = fc
  .tuple(fc.option(frontMatterText, { nil: '' }), fc.array(fc.oneof(citationText, inlineLine), { maxLength: 6 }))
  .map(([fm, lines]) => fm + lines.join('\n\n'));

type Op =
  { kind: 'update'; uri: string; text: string } | { kind: 'remove'; uri: string } | { kind: 'read'; minimum: number };
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({ kind: fc.constant('update' as const), uri: fc.constantFrom(...URIS), text: smallDoc }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('remove' as const), uri: fc.constantFrom(...URIS) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('read' as const), minimum: fc.integer({ min: 1, max: 3 }) }) },
);

/** A coverage as plain data, detached from the fold's live objects. */
const snapshot = (c: Coverage) =>
  JSON.parse(JSON.stringify({ units: c.units, accounts: c.accounts, minimumEvidence: c.minimumEvidence }));

/** Who cites what, counted the obvious way. */
function naive(
  accounts: Account[],
  minimum: number,
): Record<string, Record<string, { accounts: number; state: string }>> {
  const cites = new Map<string, Set<string>>();
  const scope = new Set<string>();
  for (const a of accounts) {
    for (const u of a.frontMatter?.units ?? []) if (catalog.resolve(u.text)) scope.add(catalog.resolve(u.text)!);
    for (const c of a.citations) {
      if (!c.unitCode || !catalog.unit(c.unitCode)) continue;
      scope.add(c.unitCode);
      for (const i of c.items) {
        if (rangeShapeProblem(i)) continue;
        for (const n of expandItem(i)) {
          const key = `${c.unitCode}/${i.kind}${n}`;
          if (!cites.has(key)) cites.set(key, new Set());
          cites.get(key)!.add(a.uri);
        }
      }
    }
  }
  const out: Record<string, Record<string, { accounts: number; state: string }>> = {};
  for (const code of [...scope].sort()) {
    out[code] = {};
    for (const c of catalog.unit(code)!.criteria) {
      const n = cites.get(`${code}/${c.id}`)?.size ?? 0;
      out[code][c.id] = { accounts: n, state: n === 0 ? 'none' : n >= minimum ? 'covered' : 'partial' };
    }
  }
  return out;
}

export const coverageProps: Prop[] = [
  {
    name: 'incremental coverage after any edits, removals and reads equals a fresh fold and a naive recount',
    quickRuns: 60,
    fuzzShare: 3_000,
    property: () =>
      fc.property(fc.array(op, { maxLength: 25 }), fc.integer({ min: 1, max: 3 }), (ops, minimum) => {
        const portfolio = createPortfolio('file:///p');
        const texts = new Map<string, string>();
        for (const o of ops) {
          if (o.kind === 'update') {
            texts.set(o.uri, o.text);
            updateAccount(portfolio, parseAccount(o.uri, o.text, catalog.resolve));
          } else if (o.kind === 'remove') {
            texts.delete(o.uri);
            removeAccount(portfolio, o.uri);
          } else {
            computeCoverage(catalog, portfolio, o.minimum);
          }
        }
        const incremental = snapshot(computeCoverage(catalog, portfolio, minimum));
        const fresh = createPortfolio('file:///p');
        for (const uri of [...texts.keys()].reverse())
          updateAccount(fresh, parseAccount(uri, texts.get(uri)!, catalog.resolve));
        assert.deepEqual(incremental, snapshot(computeCoverage(catalog, fresh, minimum)));
        const counted: Record<string, Record<string, { accounts: number; state: string }>> = {};
        for (const u of incremental.units) {
          counted[u.code] = Object.fromEntries(
            u.criteria.map((c: { id: string; accounts: number; state: string }) => [
              c.id,
              { accounts: c.accounts, state: c.state },
            ]),
          );
          assert.deepEqual(
            { ...u.covered },
            {
              P: u.criteria.filter((c: { kind: string; state: string }) => c.kind === 'P' && c.state === 'covered')
                .length,
              K: u.criteria.filter((c: { kind: string; state: string }) => c.kind === 'K' && c.state === 'covered')
                .length,
            },
            `${u.code} covered counts`,
          );
        }
        assert.deepEqual(counted, naive([...portfolio.accounts.values()], minimum));
      }),
  },
];

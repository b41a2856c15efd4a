/**
 * Citation references of a criterion, worked out when read from the accounts the fold keeps (coverage.ts
 * keeps only which accounts cite each criterion).
 */
import type { Account } from '../accounts/account';
import { rangeShapeProblem, type ItemShape } from '../citations/codes';
import type { CitationRef, CriterionCoverage } from './coverage';
import type { Fold, UnitState } from './coverageState';
import { forEachCitedItem, positionInAccount } from '../accounts/packedAccount';

/**
 * Whether an item cites the criterion: the test `contributionOf` makes through expandItem, asked the other
 * way round (expandItem stops after MAX_EXPANDED numbers, so the same numbers count here).
 */
function itemCites(item: ItemShape, crit: CriterionCoverage): boolean {
  if (item.kind !== crit.kind || rangeShapeProblem(item)) return false;
  const n = crit.number;
  return n >= item.from && n <= item.to && n - item.from < MAX_EXPANDED && crit.id === `${item.kind}${n}`;
}

const MAX_EXPANDED = 1000;

/** The citing items of one account for one criterion, as references, appended to `out` in text order. */
function refsIn(account: Account, code: string, crit: CriterionCoverage, out: CitationRef[]): void {
  forEachCitedItem(account, (item) => {
    if (item.unitCode !== code || !itemCites(item, crit)) return;
    const pos = positionInAccount(account, item.start);
    out.push({ uri: account.uri, evidence: account.evidence, start: item.start, end: item.end, line: pos.line, character: pos.character });
  });
}

/**
 * A criterion's citations, accounts in URI order and each account's in text order. Readers must not change
 * the array: while a unit is read in one job (see `batch`) its readers get the same one.
 */
export function citationsOf(fold: Fold, us: UnitState, crit: CriterionCoverage): CitationRef[] {
  if (batch?.unit !== us && readOnce.has(us)) batch = { unit: us, lists: unitReferences(fold, us) };
  if (batch?.unit === us) return batch.lists.get(crit) ?? [];
  readOnce.add(us);
  clearAtEndOfJob();
  const out: CitationRef[] = [];
  const refs = us.refs.get(crit);
  if (!refs) return out;
  for (const uri of refs.order) {
    const account = fold.folded.get(uri);
    if (account) refsIn(account, us.coverage.code, crit, out);
  }
  return out;
}

/**
 * References of every criterion of one unit, built in one pass over the accounts citing it. Readers that go
 * through every criterion (the panel, reports) would otherwise scan each account once per criterion it cites.
 * Built on the second criterion of a unit read in one job, so a hover does not pay for the whole unit; only
 * the unit read last is kept, and only until the job ends, so nothing stays in memory between requests.
 */
let batch: { unit: UnitState; lists: Map<CriterionCoverage, CitationRef[]> } | undefined;
/** Units with a criterion read during the current job. */
const readOnce = new Set<UnitState>();
let clearing = false;

function clearAtEndOfJob(): void {
  if (clearing) return;
  clearing = true;
  queueMicrotask(forgetBatches);
}

export function forgetBatches(): void {
  batch = undefined;
  readOnce.clear();
  clearing = false;
}

function unitReferences(fold: Fold, us: UnitState): Map<CriterionCoverage, CitationRef[]> {
  const code = us.coverage.code;
  const lists = new Map<CriterionCoverage, CitationRef[]>();
  const uris = new Set<string>();
  for (const refs of us.refs.values()) for (const uri of refs.order) uris.add(uri);
  // Accounts in URI order (sort compares code units, as lowerBound does) and items in text order, so each
  // list comes out in the order citationsOf gives.
  for (const uri of [...uris].sort()) {
    const account = fold.folded.get(uri);
    if (!account) continue;
    forEachCitedItem(account, (item) => {
      if (item.unitCode !== code || rangeShapeProblem(item)) return;
      let ref: CitationRef | undefined;
      for (let n = item.from; n <= item.to && n - item.from < MAX_EXPANDED; n++) {
        const crit = us.byId.get(`${item.kind}${n}`);
        if (!crit) continue;
        if (!ref) {
          const pos = positionInAccount(account, item.start);
          ref = { uri: account.uri, evidence: account.evidence, start: item.start, end: item.end, line: pos.line, character: pos.character };
        }
        let list = lists.get(crit);
        if (!list) lists.set(crit, (list = []));
        list.push(ref);
      }
    });
  }
  return lists;
}

/**
 * Coverage: a fold over the portfolio index. For every unit in scope, every criterion with the citations
 * that meet it. Memoised on (portfolio generation, catalogue, minimum) so repeated asks are free, and kept
 * incrementally: a change to one account refolds that account only (see computeCoverage).
 */
import type { Account } from './account';
import { expandItem, rangeShapeProblem, type ItemShape } from './codes';
import { forEachCitedItem, positionInAccount } from './packedAccount';
import { changedSince, type Portfolio } from './portfolio';
import type { Catalog, Unit } from './standards';
import type { CriterionKind } from './unit';

export type CoverageState = 'none' | 'partial' | 'covered';

export interface CitationRef {
  uri: string;
  evidence: string;
  /** Offsets of the citing text (the list or range item) in the account. */
  start: number;
  end: number;
  /** 0-based line and UTF-16 column of `start`. */
  line: number;
  character: number;
}

export interface CriterionCoverage {
  id: string;
  kind: CriterionKind;
  number: number;
  text: string;
  section: string;
  citations: CitationRef[];
  /** Number of different accounts citing it. */
  accounts: number;
  state: CoverageState;
}

export interface UnitCoverage {
  code: string;
  title: string;
  codeConfirmed: boolean;
  titleDerived: boolean;
  criteria: CriterionCoverage[];
  covered: Record<CriterionKind, number>;
  total: Record<CriterionKind, number>;
  /** URIs of the accounts whose `units:` list names this unit. */
  declaredIn: string[];
}

export interface AccountSummary {
  uri: string;
  evidence: string;
  title: string | undefined;
}

export interface Coverage {
  generation: number;
  /**
   * Changes whenever what other accounts' diagnostics depend on changes: a unit entering or leaving scope, a
   * unit's declaredIn, a criterion's state, the minimum. Prose typed away from citations leaves it alone, so a
   * server can compare it instead of building a key over every criterion.
   */
  revision: number;
  minimumEvidence: number;
  units: UnitCoverage[];
  accounts: AccountSummary[];
}

function emptyUnitCoverage(unit: Unit): UnitCoverage {
  return {
    code: unit.code,
    title: unit.title,
    codeConfirmed: unit.codeConfirmed,
    titleDerived: unit.titleDerived,
    criteria: unit.criteria.map((c) => ({
      id: c.id, kind: c.kind, number: c.number, text: c.text, section: c.section,
      citations: [], accounts: 0, state: 'none' as CoverageState,
    })),
    covered: { P: 0, K: 0 },
    total: { ...unit.counts },
    declaredIn: [],
  };
}

function stateOf(accounts: number, minimum: number): CoverageState {
  if (accounts === 0) return 'none';
  return accounts >= minimum ? 'covered' : 'partial';
}

/** What one account brings to the fold: the units it puts in scope, the ones it declares, the criteria it cites. */
interface Contribution {
  scope: string[];
  declared: string[];
  /** Unit code and criterion id of every criterion cited, in pairs: [code, id, code, id, …] (repeats possible). */
  cited: string[];
}

function contributionOf(catalog: Catalog, account: Account): Contribution {
  const scope = new Set<string>();
  const declared = new Set<string>();
  for (const u of account.frontMatter?.units ?? []) {
    const code = catalog.resolve(u.text);
    if (code) {
      scope.add(code);
      declared.add(code);
    }
  }
  const cited: string[] = [];
  forEachCitedItem(account, (item) => {
    const code = item.unitCode;
    if (!code || !catalog.unit(code)) return;
    scope.add(code);
    for (const n of expandItem(item)) cited.push(code, `${item.kind}${n}`);
  });
  return { scope: [...scope], declared: [...declared], cited };
}

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
 * The accounts citing one criterion, by URI. The references themselves are not kept: they are worked out
 * from the folded accounts when `citations` is read (at 5,000 accounts the kept references were a fifth of
 * the server's heap, and only the panel, hover, references and reports read them).
 */
interface CriterionRefs {
  /** URIs of the citing accounts, sorted. */
  order: string[];
  /** URIs taken out during the current update and not put back (yet): they leave `order` when it settles. */
  removed: Set<string> | undefined;
}

interface UnitState {
  coverage: UnitCoverage;
  byId: Map<string, CriterionCoverage>;
  refs: Map<CriterionCoverage, CriterionRefs>;
  /** Accounts that put the unit in scope; at zero the unit leaves the result. */
  scopeCount: number;
  declared: Set<string>;
  /** Net change of `declared` per account during one update. */
  declaredDelta: Map<string, number>;
}

/**
 * The fold kept between calls: each account's contribution is added once, and when the portfolio changes only
 * the accounts whose Account object changed are taken out and put back in, so an edit costs that account's
 * citations, not the portfolio's. Rebuilt from scratch when the catalogue or the minimum changes.
 */
interface Fold {
  catalog: Catalog;
  minimum: number;
  generation: number;
  /**
   * The account folded in for each URI. Its contribution is not kept: taking it out works it out again from
   * the account (the kept contributions were a tenth of the server's heap at 5,000 accounts).
   */
  folded: Map<string, Account>;
  units: Map<string, UnitState>;
  unitList: UnitCoverage[] | undefined;
  /** Every account's URI, sorted, and its summary at the same index. */
  accountUris: string[];
  accountList: AccountSummary[];
  /** The copy of accountList handed out, until the list changes. */
  accounts: AccountSummary[] | undefined;
  revision: number;
  result: Coverage | undefined;
}

/** Revisions are unique across folds, so a rebuilt fold never repeats an earlier revision. */
let revisions = 0;

const folds = new WeakMap<Portfolio, Fold>();

/** Where `key` is or would go in an array sorted in code-unit order (as `<` compares strings). */
function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function unitState(fold: Fold, code: string): UnitState | undefined {
  let us = fold.units.get(code);
  if (us) return us;
  const unit = fold.catalog.unit(code);
  if (!unit) return undefined;
  const coverage = emptyUnitCoverage(unit);
  const state: UnitState = { coverage, byId: new Map(coverage.criteria.map((c) => [c.id, c])), refs: new Map(), scopeCount: 0,
    declared: new Set(), declaredDelta: new Map() };
  // `citations` is built when read, from the accounts folded in now.
  for (const c of coverage.criteria) {
    Object.defineProperty(c, 'citations', { enumerable: true, configurable: true, get: () => citationsOf(fold, state, c) });
  }
  us = state;
  fold.units.set(code, us);
  fold.unitList = undefined;
  fold.revision = ++revisions;
  return us;
}

/**
 * A criterion's citations, accounts in URI order and each account's in text order. Readers must not change
 * the array: while a unit is read in one job (see `batch`) its readers get the same one.
 */
function citationsOf(fold: Fold, us: UnitState, crit: CriterionCoverage): CitationRef[] {
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

function forgetBatches(): void {
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

/**
 * Adds (sign 1) or takes out (sign -1) one account's contribution. Taking out only marks the account as
 * removed, so one that is put back at once keeps its place in every order and nothing needs sorting.
 */
function applyContribution(fold: Fold, uri: string, c: Contribution, sign: 1 | -1, touched: Set<UnitState>, dirty: Dirty): void {
  for (const code of c.scope) {
    const us = unitState(fold, code);
    if (!us) continue;
    us.scopeCount += sign;
    touched.add(us);
  }
  for (const code of c.declared) {
    const us = fold.units.get(code);
    if (!us) continue;
    us.declaredDelta.set(uri, (us.declaredDelta.get(uri) ?? 0) + sign);
  }
  for (let i = 0; i < c.cited.length; i += 2) {
    const us = fold.units.get(c.cited[i]);
    const crit = us?.byId.get(c.cited[i + 1]);
    if (!us || !crit) continue;
    let refs = us.refs.get(crit);
    if (sign < 0) {
      if (refs && refs.order[lowerBound(refs.order, uri)] === uri) (refs.removed ??= new Set()).add(uri);
    } else {
      if (!refs) us.refs.set(crit, (refs = { order: [], removed: undefined }));
      if (!refs.removed?.delete(uri)) {
        const at = lowerBound(refs.order, uri);
        if (refs.order[at] !== uri) refs.order.splice(at, 0, uri);
      }
    }
    dirty.set(crit, us);
  }
}

/** Criteria whose citations changed during one update, with their unit. */
type Dirty = Map<CriterionCoverage, UnitState>;

/** Recomputes what depends on the changed criteria and units: citation lists, states, counts, declaredIn. */
function settle(fold: Fold, touched: Set<UnitState>, dirty: Dirty): void {
  for (const us of touched) {
    if (us.scopeCount > 0) continue;
    fold.units.delete(us.coverage.code);
    fold.unitList = undefined;
    fold.revision = ++revisions;
  }
  for (const us of touched) {
    for (const [uri, delta] of us.declaredDelta) {
      const declaredIn = us.coverage.declaredIn;
      if (delta > 0 && !us.declared.has(uri)) {
        us.declared.add(uri);
        declaredIn.splice(lowerBound(declaredIn, uri), 0, uri);
        fold.revision = ++revisions;
      } else if (delta < 0 && us.declared.delete(uri)) {
        declaredIn.splice(lowerBound(declaredIn, uri), 1);
        fold.revision = ++revisions;
      }
    }
    us.declaredDelta.clear();
  }
  for (const [crit, us] of dirty) {
    const refs = us.refs.get(crit);
    if (!refs) continue;
    if (refs.removed?.size) {
      const removed = refs.removed;
      refs.order = refs.order.filter((uri) => !removed.has(uri));
    }
    refs.removed = undefined;
    crit.accounts = refs.order.length;
    const state = stateOf(crit.accounts, fold.minimum);
    if (state !== crit.state) {
      if (crit.state === 'covered') us.coverage.covered[crit.kind]--;
      if (state === 'covered') us.coverage.covered[crit.kind]++;
      crit.state = state;
      fold.revision = ++revisions;
    }
    if (refs.order.length === 0) us.refs.delete(crit);
  }
}

function summaryOf(account: Account): AccountSummary {
  return { uri: account.uri, evidence: account.evidence, title: account.title };
}

/**
 * Coverage of the portfolio. Memoised on its generation; between generations only the changed accounts are
 * refolded. The unit and criterion objects of a result are updated in place by later calls for the same
 * portfolio: read them, do not keep them to compare against the next result.
 */
export function computeCoverage(catalog: Catalog, portfolio: Portfolio, minimumEvidence = 1): Coverage {
  let fold = folds.get(portfolio);
  if (fold && fold.generation === portfolio.generation && fold.catalog === catalog && fold.minimum === minimumEvidence && fold.result) {
    return fold.result;
  }
  if (!fold || fold.catalog !== catalog || fold.minimum !== minimumEvidence) {
    fold = { catalog, minimum: minimumEvidence, generation: -1, folded: new Map(), units: new Map(), unitList: undefined,
      accountUris: [], accountList: [], accounts: undefined, revision: ++revisions, result: undefined };
    folds.set(portfolio, fold);
  }
  forgetBatches(); // references read before this change are out of date
  const touched = new Set<UnitState>();
  const dirty: Dirty = new Map();
  const refold = new Map<string, Account>();
  // Which accounts to look at: those the portfolio's change log names, else all of them.
  const changed = fold.generation >= 0 ? changedSince(portfolio, fold.generation) : undefined;
  const foldedNow: Iterable<string> = changed ?? [...fold.folded.keys()];
  for (const uri of foldedNow) {
    const before = fold.folded.get(uri);
    const now = portfolio.accounts.get(uri);
    if (!before || now === before) continue;
    applyContribution(fold, uri, contributionOf(catalog, before), -1, touched, dirty);
    fold.folded.delete(uri);
    if (now) refold.set(uri, before);
    else {
      const at = lowerBound(fold.accountUris, uri);
      fold.accountUris.splice(at, 1);
      fold.accountList.splice(at, 1);
      fold.accounts = undefined;
    }
  }
  const candidates: Iterable<[string, Account | undefined]> = changed
    ? [...changed].map((uri): [string, Account | undefined] => [uri, portfolio.accounts.get(uri)])
    : portfolio.accounts;
  for (const [uri, account] of candidates) {
    if (!account || fold.folded.has(uri)) continue;
    const before = refold.get(uri);
    const at = lowerBound(fold.accountUris, uri);
    if (!before) {
      fold.accountUris.splice(at, 0, uri);
      fold.accountList.splice(at, 0, summaryOf(account));
      fold.accounts = undefined;
    } else if (before.evidence !== account.evidence || before.title !== account.title) {
      fold.accountList[at] = summaryOf(account);
      fold.accounts = undefined;
    }
    applyContribution(fold, uri, contributionOf(catalog, account), 1, touched, dirty);
    fold.folded.set(uri, account);
  }
  settle(fold, touched, dirty);
  fold.unitList ??= [...fold.units.keys()].sort().map((code) => fold!.units.get(code)!.coverage);
  fold.accounts ??= fold.accountList.slice();
  fold.generation = portfolio.generation;
  fold.result = { generation: portfolio.generation, revision: fold.revision, minimumEvidence, units: fold.unitList, accounts: fold.accounts };
  return fold.result;
}

/** Ids of the criteria of a unit not yet covered, P before K. */
export function uncoveredIds(uc: UnitCoverage): string[] {
  return uc.criteria.filter((c) => c.state !== 'covered').map((c) => c.id);
}

/** "P1-P9, P11, K2-K5": runs of consecutive ids of one kind written as ranges, to keep gap lists short. */
export function compressIds(ids: readonly string[]): string[] {
  const out: string[] = [];
  let run: { kind: string; from: number; to: number } | undefined;
  const flush = () => {
    if (!run) return;
    out.push(run.from === run.to ? `${run.kind}${run.from}` : run.to === run.from + 1
      ? `${run.kind}${run.from}, ${run.kind}${run.to}` : `${run.kind}${run.from}-${run.kind}${run.to}`);
  };
  for (const id of ids) {
    const kind = id[0];
    const n = Number(id.slice(1));
    if (run && run.kind === kind && n === run.to + 1) run.to = n;
    else {
      flush();
      run = { kind, from: n, to: n };
    }
  }
  flush();
  return out;
}

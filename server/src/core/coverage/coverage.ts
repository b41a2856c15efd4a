/**
 * Coverage: a fold over the portfolio index. For every unit in scope, every criterion with the citations
 * that meet it. Memoised on (portfolio generation, catalogue, minimum) so repeated asks are free, and kept
 * incrementally: a change to one account refolds that account only (see computeCoverage).
 */
import type { Account } from '../accounts/account';
import { expandItem } from '../citations/codes';
import { citationsOf, forgetBatches } from './coverageReferences';
import type { Fold, UnitState } from './coverageState';
import { forEachCitedItem } from '../accounts/packedAccount';
import { changedSince, type Portfolio } from './portfolio';
import type { Catalog, Unit } from '../standards/standards';
import type { CriterionKind } from '../standards/unit';

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

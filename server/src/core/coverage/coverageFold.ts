/**
 * The coverage fold of one portfolio, kept by the portfolio itself (portfolio.coverage): what every account
 * contributes (units it puts in scope, units it declares, the criteria it cites and where) is added when the
 * account is folded in and taken out when it changes or leaves. An edit therefore costs the edited account's
 * citations, not the portfolio's. computeCoverage (coverage.ts) catches the fold up and hands out its result.
 */
import type { Account } from '../accounts/account';
import { positionAt } from '../accounts/lines';
import { expandItem, type CitationItem } from '../citations/codes';
import type { Catalog, Unit } from '../standards/standards';
import type { CriterionKind } from '../standards/unit';
import type { AccountSummary, CitationRef, Coverage, CoverageState, CriterionCoverage, UnitCoverage } from './coverage';

interface UnitState {
  coverage: UnitCoverage;
  byId: Map<string, CriterionCoverage>;
  /** Accounts that put the unit in scope (declare or cite it); at zero the unit leaves the result. */
  inScope: number;
  /**
   * For every cited criterion, each citing account's cited items in text order, by account URI. References
   * (with line and column) are made from them only when a criterion's `citations` is read: most readers
   * (the CLI's check, coverage --each, diagnostics) never read them.
   */
  citing: Map<CriterionCoverage, Map<string, CitationItem[]>>;
  /** URIs of the accounts whose `units:` list names the unit. */
  declared: Set<string>;
}

export interface CoverageFold {
  readonly catalog: Catalog;
  readonly minimum: number;
  /**
   * Bumped whenever what other accounts' diagnostics depend on changes: a unit entering or leaving scope, a
   * unit's declaredIn, a criterion's state. Prose typed away from citations leaves it alone.
   */
  revision: number;
  /** The account object folded in for each URI: an update with the same object changes nothing. */
  readonly folded: Map<string, Account>;
  readonly units: Map<string, UnitState>;
  readonly summaries: Map<string, AccountSummary>;
  /** The result handed out, until the next change. */
  result: Coverage | undefined;
  /**
   * What the account folded in last brought: typing refolds the same account at every keystroke, and working
   * out again what the account being replaced brought cost as much as working out the new one.
   */
  last?: { account: Account; contribution: Contribution };
}

export function createFold(catalog: Catalog, minimum: number, revision: number): CoverageFold {
  return { catalog, minimum, revision, folded: new Map(), units: new Map(), summaries: new Map(), result: undefined };
}

/** What one account brings to the fold. */
interface Contribution {
  scope: Set<string>;
  declared: Set<string>;
  /** Every criterion cited (key `unit/id`), with the citing items in text order (one item of a range cites several). */
  cited: Map<string, { code: string; id: string; items: CitationItem[] }>;
}

const NOTHING: Contribution = { scope: new Set(), declared: new Set(), cited: new Map() };

function contributionOf(catalog: Catalog, account: Account | undefined): Contribution {
  if (!account) return NOTHING;
  const scope = new Set<string>();
  const declared = new Set<string>();
  for (const entry of account.frontMatter?.units ?? []) {
    const code = catalog.resolve(entry.text);
    if (code) {
      scope.add(code);
      declared.add(code);
    }
  }
  const cited: Contribution['cited'] = new Map();
  for (const citation of account.citations) {
    const code = citation.unitCode;
    if (!code || !catalog.unit(code)) continue;
    scope.add(code);
    for (const item of citation.items) {
      for (const n of expandItem(item)) {
        const id = `${item.kind}${n}`;
        const key = `${code}/${id}`;
        const known = cited.get(key);
        if (known) known.items.push(item);
        else cited.set(key, { code, id, items: [item] });
      }
    }
  }
  return { scope, declared, cited };
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A criterion of the result. Its references are made from the cited items each time `citations` is read
 * (a getter on the class, so making the criteria of a unit stays cheap: --each makes them per candidate).
 */
class FoldedCriterion implements CriterionCoverage {
  accounts = 0;
  state: CoverageState = 'none';
  readonly #fold: CoverageFold;
  readonly #citing: UnitState['citing'];

  constructor(
    fold: CoverageFold,
    citing: UnitState['citing'],
    readonly id: string,
    readonly kind: CriterionKind,
    readonly number: number,
    readonly text: string,
    readonly section: string,
  ) {
    this.#fold = fold;
    this.#citing = citing;
  }

  /** Citing accounts in URI order, each account's items in text order, with positions made now. */
  get citations(): CitationRef[] {
    const byAccount = this.#citing.get(this);
    if (!byAccount) return [];
    const refs: CitationRef[] = [];
    for (const uri of [...byAccount.keys()].sort(byCodeUnits)) {
      const account = this.#fold.folded.get(uri)!;
      for (const item of byAccount.get(uri)!) {
        const { line, character } = positionAt(account.lineStarts, item.start);
        refs.push({ uri, evidence: account.evidence, start: item.start, end: item.end, line, character });
      }
    }
    return refs;
  }
}

function emptyUnitState(fold: CoverageFold, unit: Unit): UnitState {
  const citing: UnitState['citing'] = new Map();
  const coverage: UnitCoverage = {
    code: unit.code,
    title: unit.title,
    codeConfirmed: unit.codeConfirmed,
    titleDerived: unit.titleDerived,
    criteria: unit.criteria.map((c) => new FoldedCriterion(fold, citing, c.id, c.kind, c.number, c.text, c.section)),
    covered: { P: 0, K: 0 },
    total: { ...unit.counts },
    declaredIn: [],
  };
  return { coverage, byId: new Map(coverage.criteria.map((c) => [c.id, c])), inScope: 0, citing, declared: new Set() };
}

/** What one catch-up touched, settled once at its end. */
interface Touched {
  units: Set<UnitState>;
  criteria: Map<CriterionCoverage, UnitState>;
  summaries: boolean;
}

/**
 * Replaces an account's contribution `before` with `now` (NOTHING when it arrives or leaves). Only the
 * difference is touched: units entering or leaving the account's scope or declarations, criteria it starts or
 * stops citing. The criteria it cites before and after get its new items (their offsets may have moved) and
 * are not settled again: neither their citing accounts nor their state changed.
 */
function replace(fold: CoverageFold, uri: string, before: Contribution, now: Contribution, touched: Touched): void {
  for (const code of now.scope) {
    if (before.scope.has(code)) continue;
    let us = fold.units.get(code);
    if (!us) {
      const unit = fold.catalog.unit(code);
      if (!unit) continue;
      fold.units.set(code, (us = emptyUnitState(fold, unit)));
      fold.revision++;
    }
    us.inScope++;
    touched.units.add(us);
  }
  for (const code of before.scope) {
    const us = fold.units.get(code);
    if (!us || now.scope.has(code)) continue;
    us.inScope--;
    touched.units.add(us);
  }
  for (const code of now.declared) {
    const us = fold.units.get(code);
    if (!us || before.declared.has(code)) continue;
    us.declared.add(uri);
    touched.units.add(us);
  }
  for (const code of before.declared) {
    const us = fold.units.get(code);
    if (!us || now.declared.has(code)) continue;
    us.declared.delete(uri);
    touched.units.add(us);
  }
  for (const [key, { code, id, items }] of now.cited) {
    const us = fold.units.get(code)!;
    const crit = us.byId.get(id);
    if (!crit) continue; // a number the unit does not have: unknown-criterion, not coverage
    let byAccount = us.citing.get(crit);
    if (!byAccount) us.citing.set(crit, (byAccount = new Map()));
    byAccount.set(uri, items);
    if (!before.cited.has(key)) touched.criteria.set(crit, us);
  }
  for (const [key, { code, id }] of before.cited) {
    if (now.cited.has(key)) continue;
    const us = fold.units.get(code)!;
    const crit = us.byId.get(id);
    if (!crit) continue;
    us.citing.get(crit)?.delete(uri);
    touched.criteria.set(crit, us);
  }
}

/** Folds in the account now at `uri` (undefined: gone) in place of the one folded before. */
function refold(fold: CoverageFold, uri: string, now: Account | undefined, touched: Touched): void {
  const before = fold.folded.get(uri);
  if (before === now) return;
  const was = before && fold.last?.account === before ? fold.last.contribution : contributionOf(fold.catalog, before);
  const is = contributionOf(fold.catalog, now);
  replace(fold, uri, was, is, touched);
  fold.last = now ? { account: now, contribution: is } : undefined;
  if (now) {
    fold.folded.set(uri, now);
    const summary = fold.summaries.get(uri);
    if (!summary || summary.evidence !== now.evidence || summary.title !== now.title) {
      fold.summaries.set(uri, { uri, evidence: now.evidence, title: now.title });
      touched.summaries = true;
    }
  } else {
    fold.folded.delete(uri);
    touched.summaries = fold.summaries.delete(uri) || touched.summaries;
  }
}

function stateOf(accounts: number, minimum: number): CoverageState {
  if (accounts === 0) return 'none';
  return accounts >= minimum ? 'covered' : 'partial';
}

/**
 * Recomputes what depends on the touched units and criteria: numbers of citing accounts, states, covered
 * counts, declaredIn, units in scope. True when a unit left the scope.
 */
function settle(fold: CoverageFold, touched: Touched): boolean {
  let unitLeft = false;
  for (const [crit, us] of touched.criteria) {
    crit.accounts = us.citing.get(crit)?.size ?? 0;
    if (crit.accounts === 0) us.citing.delete(crit);
    const state = stateOf(crit.accounts, fold.minimum);
    if (state === crit.state) continue;
    if (crit.state === 'covered') us.coverage.covered[crit.kind]--;
    if (state === 'covered') us.coverage.covered[crit.kind]++;
    crit.state = state;
    fold.revision++;
  }
  for (const us of touched.units) {
    if (us.inScope === 0) {
      fold.units.delete(us.coverage.code);
      unitLeft = true;
      fold.revision++;
      continue;
    }
    const declaredIn = [...us.declared].sort(byCodeUnits);
    if (declaredIn.join('\n') !== us.coverage.declaredIn.join('\n')) {
      us.coverage.declaredIn = declaredIn;
      fold.revision++;
    }
  }
  return unitLeft;
}

/** Catches the fold up with the accounts at `uris` and makes its next result. */
export function catchUp(
  fold: CoverageFold,
  accounts: ReadonlyMap<string, Account>,
  uris: Iterable<string>,
  generation: number,
): Coverage {
  const touched: Touched = { units: new Set(), criteria: new Map(), summaries: false };
  const unitsBefore = fold.units.size;
  for (const uri of uris) refold(fold, uri, accounts.get(uri), touched);
  const unitsLeft = settle(fold, touched);
  const before = fold.result;
  const unitsChanged = !before || unitsLeft || fold.units.size !== unitsBefore;
  fold.result = {
    generation,
    revision: fold.revision,
    minimumEvidence: fold.minimum,
    units: unitsChanged
      ? [...fold.units.keys()].sort(byCodeUnits).map((code) => fold.units.get(code)!.coverage)
      : before.units,
    accounts:
      touched.summaries || !before
        ? [...fold.summaries.keys()].sort(byCodeUnits).map((uri) => fold.summaries.get(uri)!)
        : before.accounts,
  };
  return fold.result;
}

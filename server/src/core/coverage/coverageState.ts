/**
 * The state the coverage fold keeps between calls (coverage.ts), shared with the code that builds citation
 * references from it when they are read (coverageReferences.ts).
 */
import type { Account } from '../accounts/account';
import type { AccountSummary, Coverage, CriterionCoverage, UnitCoverage } from './coverage';
import type { Catalog } from '../standards/standards';

/**
 * The accounts citing one criterion, by URI. The references themselves are not kept: they are worked out
 * from the folded accounts when `citations` is read (at 5,000 accounts the kept references were a fifth of
 * the server's heap, and only the panel, hover, references and reports read them).
 */
export interface CriterionRefs {
  /** URIs of the citing accounts, sorted. */
  order: string[];
  /** URIs taken out during the current update and not put back (yet): they leave `order` when it settles. */
  removed: Set<string> | undefined;
}

export interface UnitState {
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
export interface Fold {
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

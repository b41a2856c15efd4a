/**
 * Coverage: a fold over the portfolio index. For every unit in scope, every criterion with the citations
 * that meet it. The fold lives on the portfolio and is kept incrementally (coverageFold.ts): a change to one
 * account refolds that account only.
 */
import { catchUp, createFold } from './coverageFold';
import type { Portfolio } from './portfolio';
import type { Catalog } from '../standards/standards';
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
  /** Accounts in URI order, each account's citing items in text order. The fold makes them when read. */
  readonly citations: CitationRef[];
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

/**
 * Coverage of the portfolio, from the fold the portfolio keeps: only the accounts changed since the last call
 * are refolded (all of them when the catalogue or the minimum differs from the fold's). While nothing changes
 * the same result is answered. Unit and criterion objects are updated in place by later calls for the same
 * portfolio: read them, do not keep them to compare against the next result.
 */
export function computeCoverage(catalog: Catalog, portfolio: Portfolio, minimumEvidence = 1): Coverage {
  let fold = portfolio.coverage;
  if (!fold || fold.catalog !== catalog || fold.minimum !== minimumEvidence) {
    // The revision goes on from the fold replaced, so a reader comparing revisions sees the change.
    fold = portfolio.coverage = createFold(catalog, minimumEvidence, (fold?.revision ?? 0) + 1);
    portfolio.changed.clear();
    return catchUp(fold, portfolio.accounts, portfolio.accounts.keys(), portfolio.generation);
  }
  if (fold.result && portfolio.changed.size === 0) return fold.result;
  const changed = [...portfolio.changed];
  portfolio.changed.clear();
  return catchUp(fold, portfolio.accounts, changed, portfolio.generation);
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
    out.push(
      run.from === run.to
        ? `${run.kind}${run.from}`
        : run.to === run.from + 1
          ? `${run.kind}${run.from}, ${run.kind}${run.to}`
          : `${run.kind}${run.from}-${run.kind}${run.to}`,
    );
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

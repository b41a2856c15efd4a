/**
 * Coverage: a fold over the portfolio index. For every unit in scope, every criterion with the citations
 * that meet it. Memoised on (portfolio generation, catalogue, minimum) so repeated asks are free.
 */
import type { Account } from './account';
import { expandItem, rangeShapeProblem } from './codes';
import { positionAt } from './lines';
import { sortedAccounts, type Portfolio } from './portfolio';
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
  minimumEvidence: number;
  units: UnitCoverage[];
  accounts: AccountSummary[];
}

/** Units named in `units:` lists or cited anywhere, as canonical codes. */
export function unitsInScope(catalog: Catalog, accounts: Iterable<Account>): Set<string> {
  const scope = new Set<string>();
  for (const a of accounts) {
    for (const u of a.frontMatter?.units ?? []) {
      const code = catalog.resolve(u.text);
      if (code) scope.add(code);
    }
    for (const c of a.citations) if (c.unitCode && catalog.unit(c.unitCode)) scope.add(c.unitCode);
  }
  return scope;
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

const indexes = new WeakMap<UnitCoverage, Map<string, CriterionCoverage>>();

/** Criteria of a unit's coverage by id, so a citation finds its criterion without a scan. */
function criterionIndex(uc: UnitCoverage): Map<string, CriterionCoverage> {
  let index = indexes.get(uc);
  if (!index) {
    index = new Map(uc.criteria.map((c) => [c.id, c]));
    indexes.set(uc, index);
  }
  return index;
}

const memo = new WeakMap<Portfolio, { generation: number; catalog: Catalog; minimum: number; result: Coverage }>();

export function computeCoverage(catalog: Catalog, portfolio: Portfolio, minimumEvidence = 1): Coverage {
  const cached = memo.get(portfolio);
  if (cached && cached.generation === portfolio.generation && cached.catalog === catalog && cached.minimum === minimumEvidence) {
    return cached.result;
  }
  const accounts = sortedAccounts(portfolio);
  const byCode = new Map<string, UnitCoverage>();
  for (const code of [...unitsInScope(catalog, accounts)].sort()) {
    const unit = catalog.unit(code);
    if (unit) byCode.set(code, emptyUnitCoverage(unit));
  }
  for (const account of accounts) {
    for (const u of account.frontMatter?.units ?? []) {
      const uc = byCode.get(catalog.resolve(u.text) ?? '');
      if (uc && !uc.declaredIn.includes(account.uri)) uc.declaredIn.push(account.uri);
    }
    for (const citation of account.citations) {
      const uc = citation.unitCode ? byCode.get(citation.unitCode) : undefined;
      if (!uc) continue;
      for (const item of citation.items) {
        if (rangeShapeProblem(item)) continue;
        const pos = positionAt(account.lineStarts, item.start);
        for (const n of expandItem(item)) {
          const crit = criterionIndex(uc).get(`${item.kind}${n}`);
          if (!crit) continue;
          crit.citations.push({
            uri: account.uri, evidence: account.evidence, start: item.start, end: item.end,
            line: pos.line, character: pos.character,
          });
        }
      }
    }
  }
  for (const uc of byCode.values()) {
    for (const c of uc.criteria) {
      c.accounts = new Set(c.citations.map((r) => r.uri)).size;
      c.state = stateOf(c.accounts, minimumEvidence);
      if (c.state === 'covered') uc.covered[c.kind]++;
    }
  }
  const result: Coverage = {
    generation: portfolio.generation,
    minimumEvidence,
    units: [...byCode.values()],
    accounts: accounts.map((a) => ({ uri: a.uri, evidence: a.evidence, title: a.title })),
  };
  memo.set(portfolio, { generation: portfolio.generation, catalog, minimum: minimumEvidence, result });
  return result;
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

/**
 * What an assessor has decided, laid over what coverage says the candidate claims. Per criterion one of:
 * - `not-cited`: no account cites it (whatever was decided before);
 * - `cited`: cited, not accepted (maybe "not yet" or "referred");
 * - `accepted`: cited and accepted, and the citing accounts are as they were when accepted;
 * - `changed`: accepted, but the citing accounts changed since (edited, added or dropped): to look at again.
 * Pure.
 */
import type { CriterionCoverage, UnitCoverage } from '../coverage/coverage';
import { criterionKey, type Assessment, type Decision } from './assessment';
import { criterionDigest } from '../accounts/evidenceDigest';

export type ReviewState = 'not-cited' | 'cited' | 'accepted' | 'changed';

export interface CriterionReview {
  state: ReviewState;
  decision?: Decision;
}

/**
 * A citing account's evidence number and evidence digest (accountEvidenceDigest), by URI. Whoever holds the
 * accounts' texts digests them: the CLI as it reads the files, the server as it reads a closed file or when
 * asked about an open one.
 */
export type CitingAccounts = (uri: string) => { evidence: string; digest: string } | undefined;

/** The digest of the accounts citing a criterion now, to store with an acceptance or compare with one. */
export function citingDigest(criterion: CriterionCoverage, accounts: CitingAccounts): string {
  const citing: Array<{ evidence: string; digest: string }> = [];
  for (const uri of new Set(criterion.citations.map((c) => c.uri))) {
    const a = accounts(uri);
    if (a) citing.push(a);
  }
  return criterionDigest(citing);
}

export function reviewCriterion(
  unit: string,
  criterion: CriterionCoverage,
  accounts: CitingAccounts,
  assessment: Assessment,
): CriterionReview {
  const decision = assessment.decisions.get(criterionKey(unit, criterion.id));
  const cited = criterion.citations.length > 0;
  if (decision?.decision === 'accepted') {
    const same = cited && (decision.evidence === undefined || decision.evidence === citingDigest(criterion, accounts));
    return { state: same ? 'accepted' : 'changed', decision };
  }
  return decision ? { state: cited ? 'cited' : 'not-cited', decision } : { state: cited ? 'cited' : 'not-cited' };
}

export interface UnitReview {
  code: string;
  /** By criterion id (P6). */
  criteria: Map<string, CriterionReview>;
  accepted: number;
  changed: number;
}

export function reviewUnit(uc: UnitCoverage, accounts: CitingAccounts, assessment: Assessment): UnitReview {
  const criteria = new Map<string, CriterionReview>();
  let accepted = 0;
  let changed = 0;
  for (const c of uc.criteria) {
    const r = reviewCriterion(uc.code, c, accounts, assessment);
    if (r.state === 'accepted') accepted++;
    if (r.state === 'changed') changed++;
    criteria.set(c.id, r);
  }
  return { code: uc.code, criteria, accepted, changed };
}

/** Open threads over the portfolio's accounts. */
export function openThreadCount(accounts: Iterable<{ reviewThreads: ReadonlyArray<{ status: string }> }>): number {
  let n = 0;
  for (const a of accounts) for (const t of a.reviewThreads) if (t.status === 'open') n++;
  return n;
}

/** Words for a review state; the panel's script has its own copy (reviewStateWords), kept equal by a test. */
export function reviewStateLabel(state: ReviewState): string {
  return {
    'not-cited': 'not cited',
    cited: 'cited',
    accepted: 'cited and accepted',
    changed: 'changed since accepted',
  }[state];
}

/**
 * The review as the evidence record carries it: per row the review state and the decision (who, when, why),
 * and for the record the accepted and changed counts and the open review threads. The words and columns
 * every record format shares are here, so Markdown, CSV, HTML and JSON say the same thing.
 */
import { decisionLabel, type DecisionKind } from './assessment';
import { reviewStateLabel, type CriterionReview, type ReviewState } from './reviewState';

export interface RowReview {
  state: ReviewState;
  decision?: DecisionKind;
  by?: string;
  at?: string;
  reason?: string;
}

export interface RecordReview {
  accepted: number;
  changed: number;
  openThreads: number;
}

export function rowReview(r: CriterionReview | undefined): RowReview {
  if (!r) return { state: 'not-cited' };
  const out: RowReview = { state: r.state };
  if (r.decision) {
    out.decision = r.decision.decision;
    out.by = r.decision.by;
    out.at = r.decision.at;
    if (r.decision.reason) out.reason = r.decision.reason;
  }
  return out;
}

/** "cited and accepted: J Smith, 2026-12-06" — what the decision column of a record shows. */
export function reviewCell(r: RowReview | undefined): string {
  if (!r) return '';
  const label = reviewStateLabel(r.state);
  if (!r.decision) return label;
  const who = `${r.by}, ${(r.at ?? '').slice(0, 10)}`;
  if (r.state === 'accepted') return `${label}: ${who}`;
  if (r.state === 'changed') return `${label} (${who})`;
  return `${label}; ${decisionLabel(r.decision)}: ${who}${r.reason ? ` — ${r.reason}` : ''}`;
}

/** The review summary sentence of a record. */
export function reviewSummary(r: RecordReview): string {
  const threads = `${r.openThreads} open review thread${r.openThreads === 1 ? '' : 's'}`;
  return (
    `${r.accepted} criteri${r.accepted === 1 ? 'on' : 'a'} accepted by the assessor` +
    (r.changed ? `, ${r.changed} changed since accepted` : '') +
    `; ${threads} in the portfolio.`
  );
}

export const REVIEW_CSV_HEADER = [
  'Review state',
  'Decision',
  'Decided by',
  'Decided at',
  'Reason',
  'Open review threads',
];

export function reviewCsvCells(r: RowReview | undefined, openThreads: number): string[] {
  return [
    reviewStateLabel(r?.state ?? 'not-cited'),
    r?.decision ? decisionLabel(r.decision) : '',
    r?.by ?? '',
    r?.at ?? '',
    r?.reason ?? '',
    String(openThreads),
  ];
}

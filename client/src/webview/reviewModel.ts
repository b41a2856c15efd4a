/**
 * The pure side of the panel's review (#16): checking the review part of a coverage message, and the state of
 * a criterion in words. No DOM, no CSS: the model, the browser script and tests share it.
 */
import type {
  CriterionDto,
  DecisionDto,
  DecisionKindDto,
  PortfolioReviewDto,
  ReviewStateDto,
} from '../../../server/src/protocol';

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const rec = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});
const STATES: readonly ReviewStateDto[] = ['not-cited', 'cited', 'accepted', 'changed'];
export const KINDS: readonly DecisionKindDto[] = ['accepted', 'not-yet', 'referred'];

/** The review part of a coverage message, every field coerced (never trust a message's shape); else undefined. */
export function parseReview(v: unknown): PortfolioReviewDto | undefined {
  const r = rec(v);
  if (typeof r.file !== 'string') return undefined;
  const decided: PortfolioReviewDto['decided'] = {};
  for (const [key, value] of Object.entries(rec(r.decided))) {
    const e = rec(value);
    const d = rec(e.decision);
    if (
      !/^[^/]+\/[PK]\d+$/.test(key) ||
      !STATES.includes(e.state as ReviewStateDto) ||
      !KINDS.includes(d.decision as DecisionKindDto)
    )
      continue;
    const decision: DecisionDto = { decision: d.decision as DecisionKindDto, by: str(d.by), at: str(d.at) };
    if (typeof d.reason === 'string' && d.reason) decision.reason = d.reason;
    decided[key] = { state: e.state as ReviewStateDto, decision };
  }
  const problems = (Array.isArray(r.problems) ? r.problems : [])
    .map(rec)
    .map((p) => ({ line: typeof p.line === 'number' ? Math.max(1, Math.floor(p.line)) : 1, message: str(p.message) }));
  const openThreads = typeof r.openThreads === 'number' && r.openThreads >= 0 ? Math.floor(r.openThreads) : 0;
  return { file: r.file, exists: r.exists === true, problems, openThreads, decided };
}

/** The review state of a criterion: the decided one, else cited or not cited as coverage says. */
export function reviewStateOf(review: PortfolioReviewDto | undefined, unit: string, c: CriterionDto): ReviewStateDto {
  return review?.decided[`${unit}/${c.id}`]?.state ?? (c.citations.length > 0 ? 'cited' : 'not-cited');
}

/**
 * The words for a review state, as core/review/reviewState.ts reviewStateLabel says them: written again here
 * because the panel's script may import only types from the server (test/unit/review.test.ts keeps the two equal).
 */
export function reviewStateWords(state: ReviewStateDto): string {
  return {
    'not-cited': 'not cited',
    cited: 'cited',
    accepted: 'cited and accepted',
    changed: 'changed since accepted',
  }[state];
}

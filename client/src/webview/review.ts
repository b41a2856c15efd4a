/**
 * The review in the coverage panel (#16): what the assessor decided, over what coverage says. A cell shows
 * one of three states — not cited, cited, cited and accepted — plus "changed since accepted" when a citing
 * account changed after the acceptance; a cell's detail shows the decision (who, when, why) with buttons to
 * accept, mark not yet, refer or clear. The host asks the assessor's name and writes the file: the panel only
 * posts a 'decide' message. Text goes in through textContent only (dom.ts).
 */
import type { CriterionDto, DecisionDto, DecisionKindDto, PortfolioReviewDto } from '../../../server/src/protocol';
import { el, setAttr, setClass } from './dom';
import { KINDS, reviewStateOf, reviewStateWords } from './reviewModel';
import './review.css';

const DECISION_WORDS: Record<DecisionKindDto, string> = {
  accepted: 'accepted',
  'not-yet': 'not yet',
  referred: 'referred',
};

/** "accepted by J Smith on 2026-12-06: reason". */
export function decisionWords(d: DecisionDto): string {
  return `${DECISION_WORDS[d.decision]} by ${d.by} on ${d.at.slice(0, 10)}${d.reason ? `: ${d.reason}` : ''}`;
}

/** Marks the cells of a unit with their review state (classes, and words for screen readers and hover). */
export function markReviewCells(
  unit: string,
  cells: ReadonlyMap<string, HTMLElement>,
  criteria: readonly CriterionDto[],
  review: PortfolioReviewDto | undefined,
): void {
  for (const c of criteria) {
    const cell = cells.get(c.id);
    if (!cell) continue;
    const state = reviewStateOf(review, unit, c);
    setClass(cell, 'review-accepted', state === 'accepted');
    setClass(cell, 'review-changed', state === 'changed');
    const decided = review?.decided[`${unit}/${c.id}`];
    setClass(cell, 'review-pending', !!decided && decided.decision.decision !== 'accepted');
    setAttr(cell, 'data-review', state);
    if (state === 'accepted' || state === 'changed' || decided) {
      const words = decided
        ? `${reviewStateWords(state)} (${decisionWords(decided.decision)})`
        : reviewStateWords(state);
      const label = cell.getAttribute('aria-label') ?? '';
      if (!label.includes(words)) setAttr(cell, 'aria-label', `${label} — ${words}`);
      const title = cell.getAttribute('title') ?? '';
      if (!title.includes(words)) setAttr(cell, 'title', `${title}\n${words}`);
    }
  }
}

/** The decision part of a cell's detail: the state, the decision and the buttons that ask for a new one. */
export function reviewDetail(
  folder: string,
  unit: string,
  c: CriterionDto,
  review: PortfolioReviewDto | undefined,
): HTMLElement {
  const state = reviewStateOf(review, unit, c);
  const decided = review?.decided[`${unit}/${c.id}`];
  const criterion = `${unit}/${c.id}`;
  const button = (decision: DecisionKindDto | 'clear', text: string, disabled = false) =>
    el(
      'button',
      {
        type: 'button',
        class: `decide decide-${decision}`,
        'data-decide': decision,
        'data-criterion': criterion,
        'data-folder': folder,
        disabled,
        'aria-label': `${text}: ${criterion}`,
      },
      text,
    );
  const parts: Array<Node | string> = [
    el(
      'p',
      { class: 'review-state' },
      'Assessor: ',
      el('span', { class: `chip review-chip review-${state}` }, reviewStateWords(state)),
    ),
  ];
  if (decided) parts.push(el('p', { class: 'review-decision' }, decisionWords(decided.decision)));
  if (state === 'changed')
    parts.push(
      el(
        'p',
        { class: 'muted' },
        'A citing account changed after the acceptance: look at it again, then accept it again or change the decision.',
      ),
    );
  const actions = el(
    'div',
    { class: 'review-actions', role: 'group', 'aria-label': `Decide on ${criterion}` },
    button(
      'accepted',
      state === 'accepted' ? 'Accepted' : state === 'changed' ? 'Accept again' : 'Accept',
      c.citations.length === 0 || state === 'accepted',
    ),
    button('not-yet', 'Not yet'),
    button('referred', 'Refer'),
  );
  if (decided) actions.append(button('clear', 'Clear decision'));
  parts.push(actions);
  return el('div', { class: 'review', 'data-criterion': criterion }, ...parts);
}

/** A 'decide' message from a clicked decision button, or undefined. */
export function decideMessage(
  button: HTMLElement,
): { type: 'decide'; folder: string; criterion: string; decision: DecisionKindDto | null } | undefined {
  const { decide, criterion, folder } = button.dataset;
  if (!criterion || !folder || !decide) return undefined;
  if (decide === 'clear') return { type: 'decide', folder, criterion, decision: null };
  return KINDS.includes(decide as DecisionKindDto)
    ? { type: 'decide', folder, criterion, decision: decide as DecisionKindDto }
    : undefined;
}

/** "2 open review threads · .assessment.yaml line 4: …" for the status line. */
export function reviewStatus(review: PortfolioReviewDto | undefined): string {
  if (!review) return '';
  const parts = [`${review.openThreads} open review thread${review.openThreads === 1 ? '' : 's'}`];
  const accepted = Object.values(review.decided).filter((d) => d.state === 'accepted').length;
  if (accepted) parts.push(`${accepted} accepted`);
  const changed = Object.values(review.decided).filter((d) => d.state === 'changed').length;
  if (changed) parts.push(`${changed} changed since accepted`);
  for (const p of review.problems.slice(0, 3)) parts.push(`.assessment.yaml line ${p.line}: ${p.message}`);
  return parts.join(' · ');
}

/**
 * Builds and patches the DOM of one unit: header (title, flags, P/K progress), the criterion grid grouped by
 * section, and the detail area listing a selected criterion's citations. Live updates patch cells in place
 * (class, label, title) so nothing flickers and the scroll position stays; only a changed layout (standards
 * reloaded) rebuilds the grid.
 */
import type { AccountDto, CriterionDto, UnitDto } from '../../../server/src/protocol';
import { el, setAttr, setClass, setHidden, setText } from './dom';
import {
  cellLabel,
  cellTitle,
  fileNameOf,
  groupBySection,
  isVisible,
  layoutSignature,
  partialCounts,
  stateWords,
} from './model';
import type { PanelState, PortfolioReviewDto } from '../../../server/src/protocol';
import { reviewDetail } from './review';

interface BarView {
  bar: HTMLElement;
  covered: HTMLElement;
  partial: HTMLElement;
  count: HTMLElement;
}

export interface UnitView {
  root: HTMLElement;
  heading: HTMLElement;
  title: HTMLElement;
  unconfirmed: HTMLElement;
  derived: HTMLElement;
  bars: Record<'P' | 'K', BarView>;
  grid: HTMLElement;
  cells: Map<string, HTMLElement>;
  rows: HTMLElement[];
  note: HTMLElement;
  /** A row of the grid, moved under the selected cell's section, so the citations show where one looks. */
  detail: HTMLElement;
  detailBody: HTMLElement;
  selectedId: string | undefined;
  signature: string;
  data: UnitDto;
}

/** Element ids must be unique and safe whatever a unit code contains. */
export function domId(prefix: string, code: string): string {
  return `${prefix}-${code.replace(/[^A-Za-z0-9_-]/g, (ch) => `_${ch.charCodeAt(0).toString(16)}`)}`;
}

function createBar(code: string, kind: 'P' | 'K'): { node: HTMLElement; view: BarView } {
  const name = kind === 'P' ? 'Performance criteria' : 'Knowledge';
  const covered = el('div', { class: 'fill fill-covered' });
  const partial = el('div', { class: 'fill fill-partial' });
  const bar = el(
    'div',
    {
      class: 'bar',
      role: 'progressbar',
      'aria-valuemin': 0,
      'aria-label': `${code} ${name.toLowerCase()} covered`,
    },
    covered,
    partial,
  );
  const count = el('span', { class: 'progress-count' });
  const node = el(
    'div',
    { class: `progress progress-${kind}` },
    el('span', { class: 'progress-label' }, `${kind} · ${name}`),
    bar,
    count,
  );
  return { node, view: { bar, covered, partial, count } };
}

function updateBar(view: BarView, covered: number, partial: number, total: number): void {
  const pct = (n: number) => (total > 0 ? `${(100 * n) / total}%` : '0%');
  if (view.covered.style.width !== pct(covered)) view.covered.style.width = pct(covered);
  if (view.partial.style.width !== pct(partial)) view.partial.style.width = pct(partial);
  setAttr(view.bar, 'aria-valuemax', String(total));
  setAttr(view.bar, 'aria-valuenow', String(covered));
  setAttr(
    view.bar,
    'aria-valuetext',
    `${covered} of ${total} covered${partial ? `, ${partial} below the minimum` : ''}`,
  );
  setText(view.count, `${covered}/${total}`);
}

function createCell(unit: UnitDto, c: CriterionDto): HTMLElement {
  return el(
    'div',
    {
      role: 'gridcell',
      class: 'cell',
      tabindex: -1,
      'data-unit': unit.code,
      'data-id': c.id,
      'aria-selected': 'false',
    },
    c.id,
  );
}

function updateCell(cell: HTMLElement, c: CriterionDto, minimum: number): void {
  for (const s of ['none', 'partial', 'covered'] as const) setClass(cell, `state-${s}`, c.state === s);
  setClass(cell, 'single', c.singleSource);
  setAttr(cell, 'aria-label', cellLabel(c, minimum));
  setAttr(cell, 'title', cellTitle(c, minimum));
}

/** (Re)builds the grid rows of a unit from its criteria. */
function buildGrid(view: UnitView, unit: UnitDto): void {
  view.grid.replaceChildren();
  view.cells.clear();
  view.rows = [];
  for (const group of groupBySection(unit.criteria)) {
    const row = el(
      'div',
      { class: `section section-${group.kind}`, role: 'row' },
      el('div', { class: 'section-heading', role: 'rowheader' }, group.heading),
    );
    for (const c of group.criteria) {
      const cell = createCell(unit, c);
      view.cells.set(c.id, cell);
      row.append(cell);
    }
    view.rows.push(row);
    view.grid.append(row);
  }
  view.signature = layoutSignature(unit);
}

export function createUnitView(unit: UnitDto): UnitView {
  const titleId = domId('unit-title', unit.code);
  const title = el('span', { class: 'unit-title' });
  const heading = el('h2', { id: titleId, tabindex: -1 }, el('span', { class: 'unit-code' }, unit.code), ' ', title);
  const unconfirmed = el(
    'span',
    { class: 'tag', title: 'No source confirms this unit code; check it with your centre.' },
    'code unconfirmed',
  );
  const derived = el(
    'span',
    { class: 'tag', title: 'The standard has no title; this one is derived from its overview.' },
    'title derived',
  );
  const p = createBar(unit.code, 'P');
  const k = createBar(unit.code, 'K');
  const grid = el('div', {
    class: 'grid',
    role: 'grid',
    'aria-label': `${unit.code} criteria`,
    'aria-describedby': 'legend',
  });
  const note = el('p', { class: 'note', hidden: true });
  const detailBody = el('div', { role: 'gridcell', class: 'detail-body', 'aria-live': 'polite' });
  const detail = el('div', { class: 'detail', role: 'row', hidden: true }, detailBody);
  const root = el(
    'section',
    { class: 'unit', id: domId('unit', unit.code), 'data-code': unit.code, 'aria-labelledby': titleId },
    el(
      'header',
      { class: 'unit-header' },
      el('div', { class: 'unit-heading-row' }, heading, unconfirmed, derived),
      el('div', { class: 'progress-row' }, p.node, k.node),
    ),
    grid,
    note,
  );
  const view: UnitView = {
    root,
    heading,
    title,
    unconfirmed,
    derived,
    bars: { P: p.view, K: k.view },
    grid,
    cells: new Map(),
    rows: [],
    note,
    detail,
    detailBody,
    selectedId: undefined,
    signature: '',
    data: unit,
  };
  buildGrid(view, unit);
  return view;
}

/** Patches a unit's header and cells to new data; rebuilds the grid only when its layout changed. */
export function updateUnitView(view: UnitView, unit: UnitDto, minimum: number): void {
  view.data = unit;
  setText(view.title, unit.title);
  setHidden(view.unconfirmed, unit.codeConfirmed);
  setHidden(view.derived, !unit.titleDerived);
  const partial = partialCounts(unit);
  updateBar(view.bars.P, unit.covered.P, partial.P, unit.total.P);
  updateBar(view.bars.K, unit.covered.K, partial.K, unit.total.K);
  if (layoutSignature(unit) !== view.signature) buildGrid(view, unit);
  for (const c of unit.criteria) {
    const cell = view.cells.get(c.id);
    if (cell) updateCell(cell, c, minimum);
  }
}

/** Hides cells, rows and the whole unit as the filter and search say; returns how many cells show. */
export function applyVisibility(view: UnitView, state: PanelState): number {
  let shown = 0;
  const query = state.search ?? '';
  for (const c of view.data.criteria) {
    const cell = view.cells.get(c.id);
    if (!cell) continue;
    const visible = isVisible(view.data.code, c, state.filter, query);
    setHidden(cell, !visible);
    if (visible) shown++;
  }
  for (const row of view.rows) setHidden(row, !row.querySelector('.cell:not([hidden])'));
  const selected = view.selectedId ? view.cells.get(view.selectedId) : undefined;
  setHidden(view.detail, !selected || selected.hidden);
  const searching = query.trim() !== '';
  const unitChosen = !state.unit || state.unit === view.data.code;
  setHidden(view.root, !unitChosen || (searching && shown === 0));
  const allCovered = shown === 0 && state.filter === 'uncovered' && !searching;
  setHidden(view.note, !allCovered);
  if (allCovered) setText(view.note, `Every criterion of ${view.data.code} is covered.`);
  return shown;
}

export interface DetailContext {
  minimum: number;
  /** The portfolio's accounts, which citations name by index. */
  accounts: readonly AccountDto[];
  /** The portfolio's review (#16), for the decision part of the detail. */
  review?: { folder: string; dto: PortfolioReviewDto | undefined };
}

/** Fills the detail area with a criterion's text and its citations (or empties it). */
export function renderDetail(view: UnitView, c: CriterionDto | undefined, ctx: DetailContext): void {
  view.selectedId = c?.id;
  const row = c ? view.cells.get(c.id)?.closest('[role="row"]') : undefined;
  if (!c || !row) {
    view.detailBody.replaceChildren();
    view.detail.dataset.signature = '';
    setHidden(view.detail, true);
    return;
  }
  if (row.nextElementSibling !== view.detail) row.after(view.detail);
  setHidden(view.detail, false);
  const decided = ctx.review?.dto?.decided[`${view.data.code}/${c.id}`];
  const signature = JSON.stringify([c, ctx.minimum, ctx.review ? [ctx.review.folder, decided ?? null] : null]);
  if (view.detail.dataset.signature === signature) return; // unchanged: keep focus on a citation button
  view.detail.dataset.signature = signature;
  const heading = el(
    'h3',
    {},
    `${view.data.code}/${c.id} `,
    el('span', { class: `chip state-${c.state}` }, stateWords(c, ctx.minimum)),
  );
  const parts: Node[] = [heading];
  if (c.section) parts.push(el('p', { class: 'detail-section' }, c.section));
  parts.push(el('p', { class: 'detail-text' }, c.text));
  if (c.citations.length === 0) {
    parts.push(el('p', { class: 'muted' }, 'Not cited in any account yet.'));
  } else {
    const summary =
      `Cited ${c.citations.length} time${c.citations.length === 1 ? '' : 's'} in ${c.accounts} account${c.accounts === 1 ? '' : 's'}` +
      ` (minimum ${ctx.minimum})${c.singleSource ? ' · single source' : ''}`;
    parts.push(el('p', { class: 'muted' }, summary));
    const items = c.citations.map((r) => {
      const account = ctx.accounts[r.account]; // the model keeps only citations of a listed account
      const label = `${account.evidence || fileNameOf(account.uri)}`;
      const where = `${fileNameOf(account.uri)}, line ${r.line + 1}`;
      const button = el(
        'button',
        {
          type: 'button',
          class: 'citation',
          'data-uri': account.uri,
          'data-line': r.line,
          'data-character': r.character,
          'aria-label': `Open ${label}, ${where}`,
        },
        el('span', { class: 'evidence' }, label),
        el('span', { class: 'where' }, where),
      );
      if (account.title) button.append(el('span', { class: 'account-title' }, account.title));
      return el('li', {}, button);
    });
    parts.push(el('ul', { class: 'citations', 'aria-label': `Citations of ${view.data.code}/${c.id}` }, ...items));
  }
  if (ctx.review) parts.push(reviewDetail(ctx.review.folder, view.data.code, c, ctx.review.dto));
  view.detailBody.replaceChildren(...parts);
}

/** The accounts of the portfolio with their tutor notes (never counted as evidence). */
export function renderAccounts(
  container: HTMLElement,
  accounts: readonly AccountDto[],
  wordTarget: { min?: number; max?: number } | null = null,
): void {
  const signature = JSON.stringify([accounts, wordTarget]);
  if (container.dataset.signature === signature) return;
  container.dataset.signature = signature;
  const notes = accounts.reduce((n, a) => n + a.tutorNotes.length, 0);
  const summary = el('summary', {}, `Accounts (${accounts.length}) · tutor notes (${notes})`);
  const items = accounts.map((a) => {
    const open = el(
      'button',
      {
        type: 'button',
        class: 'citation',
        'data-uri': a.uri,
        'data-line': 0,
        'data-character': 0,
        'aria-label': `Open ${a.evidence}`,
      },
      el('span', { class: 'evidence' }, a.evidence),
      el('span', { class: 'where' }, fileNameOf(a.uri)),
    );
    if (a.title) open.append(el('span', { class: 'account-title' }, a.title));
    if (a.words !== undefined) open.append(wordsBadge(a.words, wordTarget));
    const li = el('li', {}, open);
    if (a.tutorNotes.length) {
      li.append(
        el(
          'ul',
          { class: 'notes', 'aria-label': `Tutor notes in ${a.evidence}` },
          ...a.tutorNotes.map((n) =>
            el(
              'li',
              {},
              el(
                'button',
                {
                  type: 'button',
                  class: 'note-link',
                  'data-uri': a.uri,
                  'data-line': n.line,
                  'data-character': n.character,
                  'aria-label': `Tutor note, line ${n.line + 1}: ${n.text}`,
                },
                el('span', { class: 'where' }, `line ${n.line + 1}`),
                el('span', { class: 'note-text' }, n.text),
              ),
            ),
          ),
        ),
      );
    }
    return li;
  });
  const wasOpen = container.querySelector('details')?.open ?? false;
  const details = el('details', { open: wasOpen }, summary, el('ul', { class: 'accounts' }, ...items));
  container.replaceChildren(details);
}

/** "812 words", marked when outside the portfolio's target range (reflectiveAccounts.wordCount.target). */
function wordsBadge(words: number, target: { min?: number; max?: number } | null): HTMLElement {
  const below = target?.min !== undefined && words < target.min;
  const above = target?.max !== undefined && words > target.max;
  const label = `${words.toLocaleString('en-GB')} word${words === 1 ? '' : 's'}`;
  const range = target ? ` (target ${target.min ?? 0}\u2013${target.max ?? '\u221e'})` : '';
  return el(
    'span',
    {
      class: `words${below || above ? ' off-target' : ''}`,
      title: `${label}${range}: citations and front matter not counted`,
    },
    below ? `${label}, below target` : above ? `${label}, above target` : label,
  );
}

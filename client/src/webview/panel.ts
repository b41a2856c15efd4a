/**
 * The coverage panel's browser script (bundled to dist/webview.js). No vscode or node imports: it talks to the
 * extension host only through acquireVsCodeApi().postMessage, with the typed messages of protocol.ts, and checks
 * every message it receives (model.ts parseToWebview). State (portfolio, unit, filter, search, selection, scroll)
 * is kept with setState so the panel comes back as it was after a window reload.
 */
import './panel.css';
import type { CoverageResult, FromWebview, PanelState, PortfolioCoverageDto } from '../../../server/src/protocol';
import { el, setAttr, setHidden, setText } from './dom';
import { ensureTabStop, GRID_KEYS, setTabStop, targetCell } from './keyboard';
import { parsePanelState, parseToWebview } from './model';
import { renderSuggestions } from './suggestions';
import { applyVisibility, createUnitView, renderAccounts, renderDetail, updateUnitView, type UnitView } from './view';
import { decideMessage, markReviewCells, reviewStatus } from './review';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const state: PanelState = parsePanelState(vscode.getState());
let coverage: CoverageResult | undefined;
let portfolio: PortfolioCoverageDto | undefined;
const views = new Map<string, UnitView>();
let scrollRestored = false;

const post = (message: FromWebview) => vscode.postMessage(message);

// ---- static skeleton ----
const portfolioSelect = el('select', { id: 'portfolio' });
const portfolioPicker = el('label', { class: 'picker', hidden: true }, 'Portfolio ', portfolioSelect);
const unitSelect = el('select', { id: 'unit' });
const unitPicker = el('label', { class: 'picker', hidden: true }, 'Unit ', unitSelect);
const search = el('input', {
  id: 'search',
  type: 'search',
  placeholder: 'Search criteria: P3, K38, words…',
  'aria-label': 'Search criteria by code or text',
  spellcheck: 'false',
  autocomplete: 'off',
});
const uncovered = el('input', { id: 'uncovered', type: 'checkbox' });
const status = el('p', { id: 'status', role: 'status', 'aria-live': 'polite' }, 'Loading coverage…');
const legendItem = (swatch: string, text: string) =>
  el('span', { class: 'legend-item' }, el('span', { class: `swatch ${swatch}` }), text);
const legend = el(
  'p',
  { id: 'legend', class: 'legend' },
  legendItem('state-none', 'not cited'),
  legendItem('state-partial', 'cited below the minimum'),
  legendItem('state-covered', 'covered'),
  legendItem('single state-covered', 'cited in one account only'),
  legendItem('state-covered review-accepted', 'cited and accepted'),
  legendItem('state-covered review-changed', 'changed since accepted'),
);
const unitsContainer = el('main', { id: 'units' });
const accountsContainer = el('section', { id: 'accounts', 'aria-label': 'Accounts and tutor notes' });
const suggestionsContainer = el('section', {
  id: 'suggestions',
  'aria-label': 'Criteria this paragraph may evidence',
  'aria-live': 'polite',
  hidden: true,
});
document.body.append(
  el(
    'header',
    { class: 'toolbar' },
    portfolioPicker,
    unitPicker,
    search,
    el('label', { class: 'check' }, uncovered, 'Not yet covered only'),
  ),
  legend,
  status,
  suggestionsContainer,
  unitsContainer,
  accountsContainer,
);
search.value = state.search ?? '';
uncovered.checked = state.filter === 'uncovered';

// ---- state ----
let stateTimer: ReturnType<typeof setTimeout> | undefined;
function saveState(): void {
  vscode.setState(state);
  clearTimeout(stateTimer);
  stateTimer = setTimeout(() => post({ type: 'state', state }), 300);
}

function minimum(): number {
  return portfolio?.minimumEvidence ?? 1;
}

// ---- rendering ----
function setOptions(select: HTMLSelectElement, options: Array<[string, string]>, value: string): void {
  const signature = JSON.stringify(options);
  if (select.dataset.signature !== signature) {
    select.dataset.signature = signature;
    select.replaceChildren(...options.map(([v, label]) => el('option', { value: v }, label)));
  }
  if (select.value !== value) select.value = value;
}

function choosePortfolio(): PortfolioCoverageDto | undefined {
  const all = coverage?.portfolios ?? [];
  return all.find((p) => p.folder === state.folder) ?? all[0];
}

function renderPickers(): void {
  const all = coverage?.portfolios ?? [];
  setHidden(portfolioPicker, all.length < 2);
  setOptions(
    portfolioSelect,
    all.map((p) => [p.folder, p.folderName]),
    portfolio?.folder ?? '',
  );
  const units = portfolio?.units ?? [];
  if (state.unit && !units.some((u) => u.code === state.unit)) state.unit = undefined;
  setHidden(unitPicker, units.length < 2);
  setOptions(
    unitSelect,
    [['', `All units (${units.length})`], ...units.map((u): [string, string] => [u.code, `${u.code} · ${u.title}`])],
    state.unit ?? '',
  );
}

function renderUnits(): void {
  const units = portfolio?.units ?? [];
  const wanted = new Set(units.map((u) => u.code));
  for (const [code, view] of views) {
    if (!wanted.has(code)) {
      view.root.remove();
      views.delete(code);
    }
  }
  let previous: Element | null = null;
  for (const unit of units) {
    let view = views.get(unit.code);
    if (!view) {
      view = createUnitView(unit);
      views.set(unit.code, view);
    }
    updateUnitView(view, unit, minimum());
    markReviewCells(unit.code, view.cells, unit.criteria, portfolio?.review);
    // Keep DOM order equal to data order, moving nodes only when they are out of place.
    const expectedNext: Element | null = previous ? previous.nextElementSibling : unitsContainer.firstElementChild;
    if (expectedNext !== view.root) unitsContainer.insertBefore(view.root, expectedNext);
    previous = view.root;
  }
}

function renderSelection(): void {
  const [unitCode, id] = (state.selected ?? '').split('/');
  const ctx = {
    minimum: minimum(),
    accounts: portfolio?.accounts ?? [],
    ...(portfolio?.review ? { review: { folder: portfolio.folder, dto: portfolio.review } } : {}),
  };
  for (const view of views.values()) {
    for (const cell of view.cells.values())
      setAttr(cell, 'aria-selected', view.data.code === unitCode && cell.dataset.id === id ? 'true' : 'false');
    const criterion = view.data.code === unitCode ? view.data.criteria.find((c) => c.id === id) : undefined;
    renderDetail(view, criterion, ctx);
  }
}

function describeStatus(shown: number): string {
  if (!coverage) return 'Loading coverage…';
  if (!portfolio) return 'No portfolio is open. Open a folder of reflective accounts.';
  if (portfolio.units.length === 0) {
    return 'No units in scope yet. Cite a criterion such as LMCA5/P1 in an account, or list units in its front matter.';
  }
  const query = (state.search ?? '').trim();
  if (query) return `${shown} criteri${shown === 1 ? 'on matches' : 'a match'} “${query}”.`;
  const units = portfolio.units.length;
  const accounts = portfolio.accounts.length;
  const min = minimum();
  const review = reviewStatus(portfolio.review);
  return (
    `${units} unit${units === 1 ? '' : 's'} in scope · ${accounts} account${accounts === 1 ? '' : 's'} · ` +
    `covered when cited in ${min} account${min === 1 ? '' : 's'}.${review ? ` ${review}.` : ''}`
  );
}

function applyFilters(): void {
  let shown = 0;
  for (const view of views.values()) {
    const n = applyVisibility(view, state);
    if (!view.root.hidden) shown += n;
    ensureTabStop(view.grid);
  }
  setText(status, describeStatus(shown));
}

function render(): void {
  portfolio = choosePortfolio();
  if (portfolio && state.folder !== portfolio.folder) state.folder = portfolio.folder;
  renderPickers();
  renderUnits();
  renderSelection();
  applyFilters();
  renderAccounts(accountsContainer, portfolio?.accounts ?? [], portfolio?.wordTarget ?? null);
  setHidden(accountsContainer, !portfolio || portfolio.accounts.length === 0);
  if (!scrollRestored && coverage) {
    scrollRestored = true;
    if (state.scrollY) window.scrollTo(0, state.scrollY);
  }
}

// ---- actions ----
function select(cell: HTMLElement): void {
  const unit = cell.dataset.unit ?? '';
  state.selected = `${unit}/${cell.dataset.id ?? ''}`;
  const grid = cell.closest<HTMLElement>('[role="grid"]');
  if (grid) setTabStop(grid, cell);
  renderSelection();
  const detail = views.get(unit)?.detail;
  if (detail && !detail.hidden) detail.scrollIntoView({ block: 'nearest' });
  saveState();
}

function focusUnit(unit: string, folder?: string): void {
  if (folder && coverage?.portfolios.some((p) => p.folder === folder)) state.folder = folder;
  const target = (coverage?.portfolios.find((p) => p.folder === (state.folder ?? '')) ?? choosePortfolio())?.units.find(
    (u) => u.code.toUpperCase() === unit.toUpperCase(),
  );
  if (!target) return;
  state.unit = target.code;
  render();
  const view = views.get(target.code);
  view?.root.scrollIntoView({ block: 'start' });
  view?.heading.focus({ preventScroll: true });
  saveState();
}

function reveal(button: HTMLElement): void {
  const uri = button.dataset.uri;
  const line = Number(button.dataset.line);
  const character = Number(button.dataset.character);
  if (!uri || !Number.isInteger(line) || !Number.isInteger(character)) return;
  post({ type: 'reveal', uri, line, character });
}

// ---- events ----
document.addEventListener('click', (event) => {
  const target = event.target as HTMLElement;
  const link = target.closest<HTMLElement>('button.citation, button.note-link');
  if (link) return reveal(link);
  const decide = target.closest<HTMLElement>('button.decide');
  if (decide) {
    const message = decideMessage(decide);
    if (message) post(message);
    return;
  }
  const cell = target.closest<HTMLElement>('.cell');
  if (cell) {
    select(cell);
    cell.focus();
  }
});

unitsContainer.addEventListener('keydown', (event) => {
  const cell = (event.target as HTMLElement).closest<HTMLElement>('.cell');
  const grid = cell?.closest<HTMLElement>('[role="grid"]');
  if (!cell || !grid) return;
  if (event.key === 'Enter' || event.key === ' ') {
    event.preventDefault();
    select(cell);
    return;
  }
  if (!GRID_KEYS.has(event.key)) return;
  event.preventDefault();
  const next = targetCell(grid, cell, event.key, event.ctrlKey || event.metaKey);
  if (next) {
    setTabStop(grid, next);
    next.focus();
    next.scrollIntoView({ block: 'nearest' });
  }
});

let searchTimer: ReturnType<typeof setTimeout> | undefined;
search.addEventListener('input', () => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(() => {
    state.search = search.value;
    applyFilters();
    saveState();
  }, 80);
});

uncovered.addEventListener('change', () => {
  state.filter = uncovered.checked ? 'uncovered' : 'all';
  applyFilters();
  saveState();
});

portfolioSelect.addEventListener('change', () => {
  state.folder = portfolioSelect.value;
  state.unit = undefined;
  state.selected = undefined;
  render();
  saveState();
});

unitSelect.addEventListener('change', () => {
  state.unit = unitSelect.value || undefined;
  applyFilters();
  const view = state.unit ? views.get(state.unit) : undefined;
  view?.root.scrollIntoView({ block: 'start' });
  saveState();
});

let scrollTimer: ReturnType<typeof setTimeout> | undefined;
window.addEventListener(
  'scroll',
  () => {
    clearTimeout(scrollTimer);
    scrollTimer = setTimeout(() => {
      state.scrollY = Math.round(window.scrollY);
      saveState();
    }, 150);
  },
  { passive: true },
);

window.addEventListener('message', (event: MessageEvent) => {
  const message = parseToWebview(event.data);
  if (!message) return;
  if (message.type === 'coverage') {
    coverage = message.data;
    render();
    if (message.focusUnit) focusUnit(message.focusUnit, message.focusFolder);
  } else if (message.type === 'suggestions') {
    renderSuggestions(suggestionsContainer, message, post);
    setHidden(suggestionsContainer, false);
  } else {
    focusUnit(message.unit, message.folder);
  }
});

post({ type: 'ready' });

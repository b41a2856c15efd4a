/**
 * The coverage panel's pure helpers: checking what the host posts (never trust a message's shape), search
 * matching, grouping criteria under their section headings, and the words a screen reader hears.
 * No DOM, no vscode: the browser script and tests share these.
 */
import { parseSuggestions } from './suggestions';
import type {
  AccountDto,
  CitationDto,
  CoverageResult,
  CriterionDto,
  PanelState,
  PortfolioCoverageDto,
  ToWebview,
  UnitDto,
} from '../../../server/src/protocol';
import { parseReview } from './reviewModel';

const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);
const int = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.floor(v) : 0);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const rec = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});

/**
 * Where each account of the message lands in the checked list (-1: malformed, left out), so that citations,
 * which name accounts by index, still name the right one.
 */
type AccountPlaces = readonly number[];

/** A citation naming one of the portfolio's accounts; one naming no account that was kept is dropped. */
function citationOf(v: unknown, places: AccountPlaces): CitationDto | undefined {
  const c = rec(v);
  const place = typeof c.account === 'number' && Number.isInteger(c.account) ? places[c.account] : undefined;
  if (place === undefined || place < 0) return undefined;
  return {
    account: place,
    line: int(c.line),
    character: int(c.character),
    endLine: int(c.endLine),
    endCharacter: int(c.endCharacter),
  };
}

function criterionOf(v: unknown, places: AccountPlaces): CriterionDto | undefined {
  const c = rec(v);
  if (typeof c.id !== 'string' || !/^[PK]\d+$/.test(c.id)) return undefined;
  const state = c.state === 'covered' || c.state === 'partial' ? c.state : 'none';
  return {
    id: c.id,
    kind: c.id[0] as 'P' | 'K',
    number: Number(c.id.slice(1)),
    text: str(c.text),
    section: str(c.section),
    state,
    accounts: int(c.accounts),
    singleSource: c.singleSource === true,
    citations: list(c.citations)
      .map((x) => citationOf(x, places))
      .filter((x): x is CitationDto => !!x),
  };
}

function unitOf(v: unknown, places: AccountPlaces): UnitDto | undefined {
  const u = rec(v);
  if (typeof u.code !== 'string' || u.code === '') return undefined;
  const covered = rec(u.covered);
  const total = rec(u.total);
  return {
    code: u.code,
    title: str(u.title),
    codeConfirmed: u.codeConfirmed !== false,
    titleDerived: u.titleDerived === true,
    covered: { P: int(covered.P), K: int(covered.K) },
    total: { P: int(total.P), K: int(total.K) },
    criteria: list(u.criteria)
      .map((x) => criterionOf(x, places))
      .filter((x): x is CriterionDto => !!x),
  };
}

function accountOf(v: unknown): AccountDto | undefined {
  const a = rec(v);
  if (typeof a.uri !== 'string') return undefined;
  return {
    uri: a.uri,
    evidence: str(a.evidence),
    title: typeof a.title === 'string' ? a.title : null,
    ...(typeof a.words === 'number' ? { words: int(a.words) } : {}),
    tutorNotes: list(a.tutorNotes)
      .map(rec)
      .map((n) => ({ text: str(n.text), line: int(n.line), character: int(n.character) })),
  };
}

function wordTargetOf(v: unknown): { min?: number; max?: number } | null {
  const t = rec(v);
  const out: { min?: number; max?: number } = {};
  if (typeof t.min === 'number') out.min = int(t.min);
  if (typeof t.max === 'number') out.max = int(t.max);
  return out.min === undefined && out.max === undefined ? null : out;
}

function portfolioOf(v: unknown): PortfolioCoverageDto | undefined {
  const p = rec(v);
  if (typeof p.folder !== 'string') return undefined;
  const accounts = list(p.accounts).map(accountOf);
  let kept = 0;
  const places = accounts.map((a) => (a ? kept++ : -1));
  return {
    folder: p.folder,
    folderName: str(p.folderName, p.folder),
    minimumEvidence: Math.max(1, int(p.minimumEvidence)),
    wordTarget: wordTargetOf(p.wordTarget),
    units: list(p.units)
      .map((x) => unitOf(x, places))
      .filter((x): x is UnitDto => !!x),
    accounts: accounts.filter((x): x is AccountDto => !!x),
    ...(p.review !== undefined && parseReview(p.review) ? { review: parseReview(p.review) } : {}),
  };
}

/** The message if it is one the panel understands, with every field coerced to its type; else undefined. */
export function parseToWebview(message: unknown): ToWebview | undefined {
  const m = rec(message);
  if (m.type === 'coverage') {
    const data: CoverageResult = {
      portfolios: list(rec(m.data).portfolios)
        .map(portfolioOf)
        .filter((x): x is PortfolioCoverageDto => !!x),
    };
    const out: ToWebview = { type: 'coverage', data };
    if (typeof m.focusUnit === 'string') out.focusUnit = m.focusUnit;
    if (typeof m.focusFolder === 'string') out.focusFolder = m.focusFolder;
    return out;
  }
  if (m.type === 'suggestions') return parseSuggestions(m);
  if (m.type === 'focus' && typeof m.unit === 'string') {
    return typeof m.folder === 'string'
      ? { type: 'focus', unit: m.unit, folder: m.folder }
      : { type: 'focus', unit: m.unit };
  }
  return undefined;
}

/** A saved state from getState(), kept only where each field has the right type. */
export function parsePanelState(v: unknown): PanelState {
  const s = rec(v);
  const out: PanelState = {};
  if (typeof s.folder === 'string') out.folder = s.folder;
  if (typeof s.unit === 'string') out.unit = s.unit;
  if (s.filter === 'all' || s.filter === 'uncovered') out.filter = s.filter;
  if (typeof s.search === 'string') out.search = s.search.slice(0, 200);
  if (typeof s.scrollY === 'number' && Number.isFinite(s.scrollY) && s.scrollY >= 0) out.scrollY = s.scrollY;
  if (typeof s.selected === 'string') out.selected = s.selected;
  return out;
}

/** Does a criterion match the search box? Every word must appear in "LMCA5/P3 P3 <text> <section>". */
export function matchesSearch(unitCode: string, c: CriterionDto, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const hay = `${unitCode}/${c.id} ${c.text} ${c.section}`.toLowerCase();
  return words.every((w) => hay.includes(w));
}

export function isVisible(unitCode: string, c: CriterionDto, filter: PanelState['filter'], query: string): boolean {
  if (filter === 'uncovered' && c.state === 'covered') return false;
  return matchesSearch(unitCode, c, query);
}

export interface SectionGroup {
  /** Stable key: kind and heading, e.g. "P|Your practice". */
  key: string;
  kind: 'P' | 'K';
  heading: string;
  criteria: CriterionDto[];
}

/** Consecutive criteria of one kind under one heading, in the standard's order. */
export function groupBySection(criteria: readonly CriterionDto[]): SectionGroup[] {
  const groups: SectionGroup[] = [];
  for (const c of criteria) {
    const heading = c.section.trim() || (c.kind === 'P' ? 'Performance criteria' : 'Knowledge and understanding');
    const last = groups.at(-1);
    if (last && last.kind === c.kind && last.heading === heading) last.criteria.push(c);
    else groups.push({ key: `${c.kind}|${heading}|${groups.length}`, kind: c.kind, heading, criteria: [c] });
  }
  return groups;
}

/** A fingerprint of a unit's layout; when it changes (standards reloaded) the grid is rebuilt, else patched. */
export function layoutSignature(unit: UnitDto): string {
  return unit.criteria.map((c) => `${c.id}\u0000${c.section}`).join('\u0001');
}

/** The state in words: "not yet covered", "below the minimum: 1 of 2 accounts", "covered: 3 accounts". */
export function stateWords(c: CriterionDto, minimum: number): string {
  if (c.state === 'none') return 'not yet covered';
  const accounts = `${c.accounts} account${c.accounts === 1 ? '' : 's'}`;
  if (c.state === 'partial') return `below the minimum: ${c.accounts} of ${minimum} accounts`;
  return `covered: ${accounts}`;
}

/** What a screen reader announces for a cell: "P3 not yet covered: <text>". */
export function cellLabel(c: CriterionDto, minimum: number): string {
  return `${c.id} ${stateWords(c, minimum)}${c.singleSource ? ', single source' : ''}: ${c.text}`;
}

/** The hover text of a cell. */
export function cellTitle(c: CriterionDto, minimum: number): string {
  return `${c.id} — ${c.text}\n${c.section ? `${c.section}\n` : ''}${stateWords(c, minimum)}${c.singleSource ? ' (single source)' : ''}`;
}

/** The file name shown for an account URI. */
export function fileNameOf(uri: string): string {
  const last =
    uri
      .replace(/[?#].*$/, '')
      .split('/')
      .pop() ?? uri;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/** Numbers of partially covered criteria per kind, for the lighter part of the progress bars. */
export function partialCounts(unit: UnitDto): { P: number; K: number } {
  const out = { P: 0, K: 0 };
  for (const c of unit.criteria) if (c.state === 'partial') out[c.kind]++;
  return out;
}

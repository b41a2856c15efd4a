/**
 * NOS importer: turns the text of a National Occupational Standard, in any of the layouts the seed
 * sources come in (SVQ record forms, Word exports, PDF extractions), into UnitData.
 *
 * Pure: no file system, no process, no editor. Never throws; everything doubtful is reported as an
 * ImportProblem so that a build can refuse to ship it and a user can see what to fix.
 */

import type { CriterionData, CriterionKind, GlossaryEntry, UnitData } from './unit';
import {
  detectLayout,
  findRunningHeader,
  isBoilerplate,
  isOcrGarbage,
  isTableScaffolding,
  NosLayout,
  parseCodedTitle,
  parseItemStart,
  parseOriginalUrn,
  parseStatedCount,
  Part,
  partStartedBy,
  SourceLine,
  splitSourceLines,
} from './importer-lines';
import { deriveTitleFromOverview, glossaryTerm, normaliseText } from './importer-text';

export interface ImportProblem {
  message: string;
  /** 1-based line of the source the problem was found at, when it has one. */
  line?: number;
}

export interface ImportOptions {
  /** Short code to give the unit; overrides the code found in the text (which then becomes an alias). */
  code?: string;
  /** File name of the source, recorded in `unit.source`. */
  sourceName?: string;
}

export interface ImportResult {
  unit: UnitData;
  problems: ImportProblem[];
}

export type { NosLayout } from './importer-lines';

/** Short unit codes as citations use them: "LMCA5", "LMCQ1". */
export const UNIT_CODE_PATTERN = /^[A-Z][A-Z0-9]{1,19}$/;

export function importNos(text: string, options: ImportOptions = {}): ImportResult {
  try {
    return importUnchecked(typeof text === 'string' ? text : String(text ?? ''), options ?? {});
  } catch (error) {
    // A parser bug must not take the language server or the CLI down with it.
    const unit = assembleUnit({ code: '', aliases: [], title: '', titleDerived: false, codeConfirmed: false,
      overview: '', sourceName: options?.sourceName, criteria: [], glossary: [] });
    return { unit, problems: [{ message: `Import failed: ${error instanceof Error ? error.message : String(error)}` }] };
  }
}

interface PendingItem {
  kind: CriterionKind;
  number: number;
  text: string;
  section: string;
  line: number;
}

interface PendingParagraph {
  raw: string;
  scope: GlossaryEntry['scope'];
}

interface ParseState {
  part: Part;
  section: string;
  openItem?: PendingItem;
  openParagraph?: PendingParagraph;
  /** The previous line was an item or its continuation, with no blank line between (PDF wrapping). */
  followsItemLine: boolean;
}

interface Scanned {
  layout: NosLayout;
  title?: string;
  textCodes: { short?: string; aliases: string[] };
  overview: string[];
  items: PendingItem[];
  paragraphs: PendingParagraph[];
  statedCounts: Array<{ kind: CriterionKind; count: number; line: number }>;
}

function importUnchecked(text: string, options: ImportOptions): ImportResult {
  const problems: ImportProblem[] = [];
  const scanned = scanSource(splitSourceLines(text), problems);
  const criteria = buildCriteria(scanned, problems);
  const glossary = buildGlossary(scanned.paragraphs);
  const overview = normaliseText(scanned.overview.join(' '));

  let title = scanned.title ?? '';
  let titleDerived = false;
  if (!title) {
    const derived = deriveTitleFromOverview(overview);
    if (derived) {
      title = derived;
      titleDerived = true;
    } else {
      problems.push({ message: 'No title in the source and none could be derived from the overview' });
    }
  }
  if (!overview) problems.push({ message: 'No overview found' });

  const { code, aliases, codeConfirmed } = resolveCode(scanned.textCodes, options.code, problems);
  const unit = assembleUnit({ code, aliases, title, titleDerived, codeConfirmed, overview,
    sourceName: options.sourceName, criteria, glossary });
  return { unit, problems };
}

/** Walks the lines once, sorting each into title, overview, items, headings and glossary paragraphs. */
function scanSource(lines: SourceLine[], problems: ImportProblem[]): Scanned {
  const layout = detectLayout(lines);
  const runningHeader = findRunningHeader(lines);
  const scanned: Scanned = { layout, textCodes: { aliases: [] }, overview: [], items: [], paragraphs: [], statedCounts: [] };
  const state: ParseState = { part: 'preamble', section: '', followsItemLine: false };

  const titleLine = readTitleLine(lines, layout, scanned);

  for (const line of lines) {
    const text = line.text;
    const followedItem = state.followsItemLine;
    state.followsItemLine = false;
    if (line === titleLine || text === '' || text === runningHeader) continue;
    if (isOcrGarbage(line.raw) || isTableScaffolding(line.raw)) continue;

    const urn = parseOriginalUrn(text);
    if (urn) noteTextCode(scanned, urn);

    const part = partStartedBy(text);
    if (part) {
      enterPart(state, part);
      continue;
    }
    if (line.startsOverview) enterPart(state, 'overview');

    const stated = parseStatedCount(text);
    if (stated) scanned.statedCounts.push({ ...stated, line: line.no });
    if (isBoilerplate(text)) {
      closeOpenBlocks(state);
      continue;
    }
    if (state.part === 'sign-off' || state.part === 'metadata' || state.part === 'values') continue;

    const itemsAllowed = !state.part.startsWith('scope');
    const item = itemsAllowed ? parseItemStart(line, layout, state.part) : undefined;
    if (item) {
      const itemPart: Part = item.kind === 'P' ? 'performance' : 'knowledge';
      if (state.part !== itemPart) enterPart(state, itemPart);
      state.openItem = { ...item, section: state.section, line: line.no };
      scanned.items.push(state.openItem);
      state.followsItemLine = true;
      continue;
    }

    if (state.openItem && isItemContinuation(line, layout, followedItem)) {
      state.openItem.text += ' ' + text;
      state.followsItemLine = true;
      continue;
    }
    handlePlainText(line, state, scanned, problems);
  }
  return scanned;
}

/**
 * The first non-blank line is the title unless it is already a part heading, the overview or an
 * item (Word exports have no title). Record forms put the SQA and NOS codes in front of it.
 */
function readTitleLine(lines: SourceLine[], layout: NosLayout, scanned: Scanned): SourceLine | undefined {
  const first = lines.find((line) => line.text.length > 0);
  if (!first || partStartedBy(first.text) || first.startsOverview) return undefined;
  if (/^this standard\b/i.test(first.text) || parseItemStart(first, layout, 'preamble')) return undefined;
  // A title is a short heading; a long line or a full sentence is running text, not a title.
  if (first.text.length > 250 || /[.:;]$/.test(first.text)) return undefined;
  const coded = parseCodedTitle(first.text);
  if (coded) {
    noteTextCode(scanned, coded.nosCode);
    if (coded.sqaCode) scanned.textCodes.aliases.push(coded.sqaCode);
    scanned.title = normaliseText(coded.title);
  } else {
    scanned.title = normaliseText(first.text);
  }
  return first;
}

/** NOS codes carry the "SCD" prefix of Skills for Care and Development; the short code drops it. */
function noteTextCode(scanned: Scanned, nosCode: string): void {
  const upper = nosCode.toUpperCase();
  const short = upper.startsWith('SCD') && upper.length > 3 ? upper.slice(3) : upper;
  scanned.textCodes.short ??= short;
  if (upper !== short) scanned.textCodes.aliases.push(upper);
}

function enterPart(state: ParseState, part: Part): void {
  closeOpenBlocks(state);
  if (part !== state.part) state.section = '';
  state.part = part;
}

function closeOpenBlocks(state: ParseState): void {
  state.openItem = undefined;
  state.openParagraph = undefined;
}

/**
 * A line continues the open item when it starts in lower case (a wrapped line, possibly after a
 * page header or even after a heading the PDF interleaved), or, in PDF extractions, when it is
 * tab-indented directly under the item.
 */
function isItemContinuation(line: SourceLine, layout: NosLayout, followsItemLine: boolean): boolean {
  if (startsLowerCase(line.text)) return true;
  return layout === 'pdf' && followsItemLine && /^\t/.test(line.raw);
}

function startsLowerCase(text: string): boolean {
  return /^\p{Ll}/u.test(text);
}

function handlePlainText(line: SourceLine, state: ParseState, scanned: Scanned, problems: ImportProblem[]): void {
  const text = line.text;
  switch (state.part) {
    case 'overview':
      scanned.overview.push(text);
      return;
    case 'scope-performance':
    case 'scope-knowledge': {
      // A definition broken over a page (PDF) resumes in lower case; anything else is a new paragraph.
      if (state.openParagraph && startsLowerCase(text)) {
        state.openParagraph.raw += ' ' + text;
        return;
      }
      state.openParagraph = { raw: text, scope: state.part === 'scope-performance' ? 'performance' : 'knowledge' };
      scanned.paragraphs.push(state.openParagraph);
      return;
    }
    case 'performance':
    case 'knowledge':
      if (looksLikeHeading(text)) {
        state.section = sectionName(text);
      } else {
        problems.push({ message: `Skipped unrecognised line: "${normaliseText(text).slice(0, 80)}"`, line: line.no });
      }
      return;
    default:
      return;
  }
}

/** Section headings are short capitalised phrases, never sentences. */
function looksLikeHeading(text: string): boolean {
  const clean = normaliseText(text);
  return /^[\p{Lu}\d]/u.test(clean) && !/[.:;]$/.test(clean) && clean.length <= 250;
}

/** Record forms repeat a heading on each page as "Heading (cont)"; it is the same section. */
function sectionName(text: string): string {
  return normaliseText(text).replace(/\s*\((?:cont|cont\.|continued)\)$/i, '');
}

/**
 * PDF extraction runs several items into one line ("K38 … important K39 your role …"). An item is
 * split wherever the id that should come next ("K39" after K38) appears as a word in its text.
 */
function splitMergedItems(item: PendingItem): PendingItem[] {
  const result: PendingItem[] = [];
  let current = item;
  for (;;) {
    const nextId = `${current.kind}${current.number + 1}`;
    const match = new RegExp(`\\s${nextId}\\s+`).exec(current.text);
    if (!match) break;
    result.push({ ...current, text: current.text.slice(0, match.index) });
    current = { ...current, number: current.number + 1, text: current.text.slice(match.index + match[0].length) };
  }
  result.push(current);
  return result;
}

function buildCriteria(scanned: Scanned, problems: ImportProblem[]): CriterionData[] {
  const byId = new Map<string, CriterionData>();
  for (const pending of scanned.items.flatMap(splitMergedItems)) {
    const id = `${pending.kind}${pending.number}`;
    const text = normaliseText(pending.text);
    if (pending.number < 1) {
      problems.push({ message: `Item number ${id} is not allowed (numbers start at 1)`, line: pending.line });
      continue;
    }
    if (byId.has(id)) {
      problems.push({ message: `Duplicate ${id}; the first one is kept`, line: pending.line });
      continue;
    }
    if (!text) problems.push({ message: `${id} has no text`, line: pending.line });
    if (!pending.section) problems.push({ message: `${id} comes before any section heading`, line: pending.line });
    byId.set(id, { id, kind: pending.kind, number: pending.number, text, section: pending.section });
  }
  const criteria = [...byId.values()].sort((a, b) =>
    a.kind === b.kind ? a.number - b.number : a.kind === 'P' ? -1 : 1,
  );
  if (criteria.length === 0) problems.push({ message: 'No performance criteria or knowledge points found' });
  for (const kind of ['P', 'K'] as const) checkNumbering(criteria, kind, scanned, problems);
  return criteria;
}

/** Numbers must run 1..n without gaps and agree with a count the source states itself. */
function checkNumbering(criteria: CriterionData[], kind: CriterionKind, scanned: Scanned, problems: ImportProblem[]): void {
  const numbers = criteria.filter((c) => c.kind === kind).map((c) => c.number);
  const label = kind === 'P' ? 'performance criteria' : 'knowledge points';
  if (numbers.length === 0) {
    problems.push({ message: `No ${label} found` });
  } else {
    const present = new Set(numbers);
    const missing: string[] = [];
    for (let n = 1; n <= Math.max(...numbers); n++) if (!present.has(n)) missing.push(`${kind}${n}`);
    if (missing.length > 0) problems.push({ message: `Missing ${label}: ${missing.join(', ')}` });
  }
  for (const stated of scanned.statedCounts.filter((s) => s.kind === kind)) {
    if (stated.count !== numbers.length) {
      problems.push({ message: `The source states ${stated.count} ${label} but ${numbers.length} were found`, line: stated.line });
    }
  }
}

/**
 * One entry per scope/range paragraph. Word exports sometimes paste the same block of definitions
 * twice into one scope (004 repeats "Critically analyse…" to "Critical evaluation…"); an entry
 * identical to an earlier one of the same scope adds nothing and is dropped.
 */
function buildGlossary(paragraphs: PendingParagraph[]): GlossaryEntry[] {
  const seen = new Set<string>();
  const glossary: GlossaryEntry[] = [];
  for (const paragraph of paragraphs) {
    const text = normaliseText(paragraph.raw);
    const key = `${paragraph.scope}\u0000${text}`;
    if (!text || seen.has(key)) continue;
    seen.add(key);
    glossary.push({ term: glossaryTerm(paragraph.raw), text, scope: paragraph.scope });
  }
  return glossary;
}

function resolveCode(
  textCodes: Scanned['textCodes'],
  optionCode: string | undefined,
  problems: ImportProblem[],
): { code: string; aliases: string[]; codeConfirmed: boolean } {
  const given = optionCode?.replace(/\s+/g, '').toUpperCase() || undefined;
  const code = given ?? textCodes.short ?? '';
  const aliases = [...textCodes.aliases];
  // An overridden code stays findable under the code the text itself gave.
  if (given && textCodes.short && textCodes.short !== given) aliases.unshift(textCodes.short);
  if (!code) problems.push({ message: 'No unit code in the source; supply one (options.code / --code)' });
  else if (!UNIT_CODE_PATTERN.test(code)) problems.push({ message: `Unit code "${code}" is not a short code like LMCA5` });
  const unique = [...new Set(aliases)].filter((alias) => alias !== code);
  return { code, aliases: unique, codeConfirmed: textCodes.short !== undefined && textCodes.short === code };
}

/** Builds the unit with its keys in the one order the shipped JSON files use. */
function assembleUnit(parts: {
  code: string; aliases: string[]; title: string; titleDerived: boolean; codeConfirmed: boolean;
  overview: string; sourceName?: string; criteria: CriterionData[]; glossary: GlossaryEntry[];
}): UnitData {
  return {
    code: parts.code,
    aliases: parts.aliases,
    title: parts.title,
    titleDerived: parts.titleDerived,
    codeConfirmed: parts.codeConfirmed,
    overview: parts.overview,
    ...(parts.sourceName !== undefined ? { source: parts.sourceName } : {}),
    criteria: parts.criteria.map((c) => ({ id: c.id, kind: c.kind, number: c.number, text: c.text, section: c.section })),
    glossary: parts.glossary.map((g) => ({ term: g.term, text: g.text, scope: g.scope })),
  };
}

/**
 * Line-level recognition for the NOS importer: which layout a source is in, and what each line of it
 * is (part heading, item, page header, scaffolding, boilerplate, OCR noise or plain text).
 * Pure functions, no I/O.
 */

import { stripBookmarks } from './importer-text';

/**
 * The three layouts NOS texts reach us in:
 * - `record-form`: SVQ record forms, items are `N<TAB>text<TAB>` table rows, numbered per part;
 * - `word`: Word exports with `[bookmark: …]` anchors, items `P1 text` / `K1 text`, one per line;
 * - `pdf`: PDF text extraction, items `- P1 text` / `K1<TAB>text`, wrapped lines, page headers, OCR noise.
 */
export type NosLayout = 'record-form' | 'word' | 'pdf';

/** The parts of a standard, in the order the record forms use (other layouts order them differently). */
export type Part =
  | 'preamble'
  | 'overview'
  | 'additional'
  | 'scope-performance'
  | 'scope-knowledge'
  | 'values'
  | 'performance'
  | 'knowledge'
  | 'sign-off'
  | 'metadata';

export interface SourceLine {
  /** 1-based line number in the source, for problem messages. */
  no: number;
  /** The line as it stands, minus a trailing CR. */
  raw: string;
  /** Bookmarks removed, trimmed; whitespace inside kept (tabs separate table cells). */
  text: string;
  /** Word marks where the overview text begins with a `StartOverview` bookmark. */
  startsOverview: boolean;
}

export interface ItemStart {
  kind: 'P' | 'K';
  number: number;
  text: string;
}

export function splitSourceLines(source: string): SourceLine[] {
  const withoutBom = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  return withoutBom.split(/\r\n|\r|\n/).map((raw, index) => ({
    no: index + 1,
    raw,
    text: stripBookmarks(raw).trim(),
    startsOverview: /\[bookmark:\s*StartOverview\s*\]/i.test(raw),
  }));
}

const RECORD_FORM_ROW = /^(\d+)\t(.*)$/;
// Dashes and bullets in these patterns are written as \u escapes: one non-ASCII character in the bundle makes
// V8 keep the server's whole source text in two bytes per character (1 MB more in every server process).
const LETTERED_ITEM = /^(?:[-\u2013\u2022\u25C6]\s*)?([PK])(\d+)(?=\s|$)\s*(.*)$/;

export function detectLayout(lines: SourceLine[]): NosLayout {
  if (lines.some((line) => /\[bookmark:/i.test(line.raw))) return 'word';
  const tableRows = lines.filter((line) => RECORD_FORM_ROW.test(stripBookmarks(line.raw))).length;
  const headerRows = lines.filter((line) => isTableScaffolding(line.raw)).length;
  if (tableRows > 0 && headerRows > 0) return 'record-form';
  return 'pdf';
}

/**
 * PDF extractions repeat the title as a running page header. The first non-blank line is taken to be
 * such a header when it occurs again later; every occurrence is then layout noise.
 */
export function findRunningHeader(lines: SourceLine[]): string | undefined {
  const first = lines.find((line) => line.text.length > 0);
  if (!first || partStartedBy(first.text) || first.startsOverview) return undefined;
  const repeats = lines.filter((line) => line.text === first.text).length;
  return repeats >= 2 ? first.text : undefined;
}

const PART_HEADINGS: Array<[RegExp, Part]> = [
  [/^overview$/i, 'overview'],
  [/^additional information$/i, 'additional'],
  [/^scope\/range related to performance criteria$/i, 'scope-performance'],
  [/^scope\/range related to knowledge and understanding$/i, 'scope-knowledge'],
  [/^values$/i, 'values'],
  [/^performance criteria(?:\s*[\u2014\u2013-].*)?$/i, 'performance'],
  [/^knowledge and understanding(?:\s*[\u2014\u2013-].*)?$/i, 'knowledge'],
  [/^the candidate and assessor must only sign\b/i, 'sign-off'],
  [/^developed by(?:\t|\s{2,}|$)/i, 'metadata'],
];

/** The part a heading line opens, if it is one of the standard part headings. */
export function partStartedBy(text: string): Part | undefined {
  const clean = text.replace(/\s+/g, ' ').trim();
  for (const [pattern, part] of PART_HEADINGS) if (pattern.test(clean)) return part;
  return undefined;
}

/** Table header rows of the record forms: they label columns, they are not part of the standard. */
export function isTableScaffolding(raw: string): boolean {
  return /Evidence Number where/i.test(raw) || /<\/?i>/i.test(raw);
}

const BOILERPLATE: RegExp[] = [
  /^you must be able to:?$/i,
  /^you need to know and(?: understand:?)?$/i,
  /^understand:?$/i,
  /^you must provide evidence\b/i,
  /^place the number of the piece of work\b/i,
  /^the details in this field are explanatory statements\b/i,
  /^all knowledge statements must be applied\b/i,
  /^in relation to all knowledge statements\b/i,
];

/** Instructions to the candidate that every NOS repeats; never part of an item or definition. */
export function isBoilerplate(text: string): boolean {
  const clean = text.replace(/\s+/g, ' ').trim();
  return BOILERPLATE.some((pattern) => pattern.test(clean));
}

/**
 * OCR noise from scanned PDF pages: letters or digits from a non-Latin script (no NOS text has any),
 * or a run of tab-separated fragments too short to be table cells of real text.
 */
export function isOcrGarbage(raw: string): boolean {
  for (const ch of raw) {
    if (/[\p{L}\p{N}]/u.test(ch) && !/[\p{Script=Latin}\p{Script=Common}]/u.test(ch)) return true;
  }
  const cells = raw.split('\t').map((cell) => cell.trim());
  if (cells.length >= 4) {
    const meanLength = cells.reduce((sum, cell) => sum + cell.length, 0) / cells.length;
    if (meanLength <= 4) return true;
  }
  return false;
}

/**
 * The item a line starts, if any. Record-form rows carry only a number: their kind comes from the
 * part they sit in. Lettered items carry their kind themselves.
 */
export function parseItemStart(line: SourceLine, layout: NosLayout, part: Part): ItemStart | undefined {
  if (layout === 'record-form') {
    const row = RECORD_FORM_ROW.exec(stripBookmarks(line.raw));
    if (row && (part === 'performance' || part === 'knowledge')) {
      return { kind: part === 'performance' ? 'P' : 'K', number: Number(row[1]), text: row[2] };
    }
  }
  const lettered = LETTERED_ITEM.exec(line.text);
  if (lettered) return { kind: lettered[1] as 'P' | 'K', number: Number(lettered[2]), text: lettered[3] };
  return undefined;
}

/** `Original URN<TAB>LMCB5` in the metadata block of PDF standards. */
export function parseOriginalUrn(text: string): string | undefined {
  const match = /^original urn\s+([A-Z][A-Z0-9]+)\s*$/i.exec(text.replace(/\s+/g, ' ').trim());
  return match ? match[1].toUpperCase() : undefined;
}

/** `H7LP 04 (SCDLMCA5) — Title` on record forms: SQA code, NOS code, title. */
export function parseCodedTitle(text: string): { sqaCode?: string; nosCode: string; title: string } | undefined {
  const match = /^(?:([A-Z0-9]{4} \d{2})\s+)?\(([A-Z]{3,}[A-Z0-9]*\d[A-Z0-9]*)\)\s*[\u2014\u2013-]\s*(.+)$/.exec(
    text.replace(/\s+/g, ' ').trim(),
  );
  if (!match) return undefined;
  return { sqaCode: match[1], nosCode: match[2], title: match[3] };
}

/** "You must provide evidence to meet all the 29 Performance Criteria" → P: 29. */
export function parseStatedCount(text: string): { kind: 'P' | 'K'; count: number } | undefined {
  const performance = /\ball the (\d+) performance criteria\b/i.exec(text);
  if (performance) return { kind: 'P', count: Number(performance[1]) };
  const knowledge = /\ball the (\d+) knowledge points\b/i.exec(text);
  if (knowledge) return { kind: 'K', count: Number(knowledge[1]) };
  return undefined;
}

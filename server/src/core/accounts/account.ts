/**
 * One reflective account: front matter, the regions that do not count as evidence (found with a real
 * CommonMark parser), the citations in everything else, paragraphs (for the over-claimed aid) and tutor
 * notes. `parseAccount` is pure and never throws.
 */
import { scanText, type Citation, type NearMiss, type UnitResolver } from '../citations/codes';
import { frontMatterContext, resolveBareCitations, type BareCriteriaMode } from '../citations/unitContext';
import { parseFrontMatter, type FrontMatter, type TextProblem } from './frontMatter';
import { scanSimpleBlocks } from './blocks';
import { markdownCost } from './markdownCost';
import { lineStarts } from './lines';
import { findThreads, type LocatedThread } from './reviewThreads';

export type IgnoredKind = 'front-matter' | 'code' | 'inline-code' | 'comment';

export interface Region {
  start: number;
  end: number;
}

export interface IgnoredRegion extends Region {
  kind: IgnoredKind;
}

export interface Paragraph extends Region {
  /** Words of running text, not counting the citations themselves. */
  words: number;
}

export interface TutorNote extends Region {
  text: string;
}

export interface Account {
  uri: string;
  /** Evidence number: front matter `evidence`, else the file name without extension. */
  evidence: string;
  title: string | undefined;
  frontMatter: FrontMatter | undefined;
  /** Explicit and bare citations; a bare one's unit comes from its context (see citations/unitContext.ts). */
  citations: Citation[];
  /** Citation-shaped text that counts nothing (`P21a`, `LMCA5/P1.2`, `A5/P21`): each gets a warning. */
  nearMisses: NearMiss[];
  ignored: IgnoredRegion[];
  paragraphs: Paragraph[];
  tutorNotes: TutorNote[];
  /** Review threads kept in the account's HTML comments (core/accounts/reviewThreads.ts). */
  reviewThreads: LocatedThread[];
  problems: TextProblem[];
  lineStarts: number[];
  length: number;
  /**
   * Set when the body was too costly for the CommonMark parser (markdownCost.ts): why. The body is then left
   * unread: no citations, paragraphs or tutor notes come from it; the front matter is still read.
   */
  degraded?: string;
}

/** File name without folders or extension, from a URI or path, without touching the file system. */
export function evidenceFromUri(uri: string): string {
  const last =
    uri
      .replace(/[?#].*$/, '')
      .split(/[\\/]/)
      .pop() ?? uri;
  let name = last;
  try {
    name = decodeURIComponent(last);
  } catch {
    // keep the raw name when it is not valid percent-encoding
  }
  return name.replace(/\.[^.]*$/, '') || name;
}

interface MdNode {
  type: string;
  value?: string;
  position?: { start: { offset?: number }; end: { offset?: number } };
  children?: MdNode[];
}

const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
const TUTOR = /^<!--\s*tutor\s*:\s*([\s\S]*?)\s*(?:-->)?$/i;

type RegionSink = { ignored: IgnoredRegion[]; paragraphs: Region[]; notes: TutorNote[]; degraded?: string };

/**
 * Code, comments and paragraphs of the body: the fast scanner where it applies, else the CommonMark parser,
 * unless the body would keep the parser busy for seconds to minutes (then `degraded` says why).
 */
function collectRegions(body: string, base: number, acc: RegionSink): void {
  const fast = scanSimpleBlocks(body, base);
  if (fast) {
    acc.ignored.push(...fast.ignored);
    acc.paragraphs.push(...fast.paragraphs);
    acc.notes.push(...fast.notes);
    return;
  }
  const cost = markdownCost(body);
  if (cost) acc.degraded = `Not read as Markdown, so nothing in it counts: ${cost}`;
  else parsedRegions(body, base, acc);
}

/** Walks the CommonMark tree of the body (micromark) and records code, comments and paragraphs. */
export function parsedRegions(body: string, base: number, acc: RegionSink): void {
  let tree: MdNode;
  try {
    // Required here, not imported: most accounts never get this far (blocks.ts reads them), and a CLI run
    // that needs no CommonMark parse starts without loading it.
    const { fromMarkdown } = require('mdast-util-from-markdown') as typeof import('mdast-util-from-markdown');
    tree = fromMarkdown(body) as unknown as MdNode;
  } catch {
    return; // the parser should never throw; if it does, everything counts rather than nothing
  }
  // micromark drops a byte order mark at the start of what it is given and counts offsets without it (a body
  // starts with one after front matter, or in a file with two): put the offsets back on the body.
  const bom = body.charCodeAt(0) === 0xfeff ? 1 : 0;
  const stack: MdNode[] = [tree];
  while (stack.length) {
    const node = stack.pop()!;
    const s = node.position?.start.offset === undefined ? undefined : node.position.start.offset + bom;
    const e = node.position?.end.offset === undefined ? undefined : node.position.end.offset + bom;
    if (s !== undefined && e !== undefined) {
      if (node.type === 'code') acc.ignored.push({ kind: 'code', start: base + s, end: base + e });
      else if (node.type === 'inlineCode') acc.ignored.push({ kind: 'inline-code', start: base + s, end: base + e });
      else if (node.type === 'html') collectComments(body.slice(s, e), base + s, acc);
      else if (node.type === 'paragraph') acc.paragraphs.push({ start: base + s, end: base + e });
    }
    if (node.children) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
  }
}

function collectComments(html: string, base: number, acc: Pick<RegionSink, 'ignored' | 'notes'>): void {
  for (const m of html.matchAll(COMMENT)) {
    const start = base + (m.index ?? 0);
    const region = { start, end: start + m[0].length };
    acc.ignored.push({ kind: 'comment', ...region });
    const note = TUTOR.exec(m[0]);
    if (note) acc.notes.push({ ...region, text: note[1].replace(/\s+/g, ' ') });
  }
}

/**
 * Replaces the ignored regions at or after `from` by spaces, keeping line breaks, so that offsets into the text
 * stay valid. The text before `from` is left as it is. Built as a list of pieces joined once: a flat copy,
 * where concatenating and a pattern per region cost a tenth of parsing an account.
 */
function maskRegions(text: string, regions: readonly Region[], from: number): string {
  const parts: string[] = [];
  let at = 0;
  let breaks: LineBreakFinder | undefined; // made at the first region to mask: most accounts have none
  for (const r of regions) {
    const start = Math.max(r.start, at, from);
    const end = Math.min(r.end, text.length);
    if (end <= start) continue;
    parts.push(text.slice(at, start));
    blankOut(text, start, end, (breaks ??= new LineBreakFinder(text)), parts);
    at = end;
  }
  if (parts.length === 0) return text;
  parts.push(text.slice(at));
  return parts.join('');
}

/**
 * The next line break at or after an offset, for offsets that only grow: each search of the text starts where
 * the last one ended, so masking many regions on one long line stays linear.
 */
class LineBreakFinder {
  private lf = -2;
  private cr: number;

  constructor(private readonly text: string) {
    this.cr = text.indexOf('\r') < 0 ? -1 : -2;
  }

  /** Offset of the first \r or \n at or after `at`, or the text's length. */
  next(at: number): number {
    if (this.lf !== -1 && this.lf < at) this.lf = this.text.indexOf('\n', at);
    if (this.cr !== -1 && this.cr < at) this.cr = this.text.indexOf('\r', at);
    let found = this.text.length;
    if (this.lf >= 0) found = this.lf;
    if (this.cr >= 0 && this.cr < found) found = this.cr;
    return found;
  }
}

/** Pushes spaces for [start, end) of the text, with its line breaks kept where they are. */
function blankOut(text: string, start: number, end: number, breaks: LineBreakFinder, parts: string[]): void {
  for (let at = start; at < end;) {
    const brk = Math.min(breaks.next(at), end);
    if (brk > at) parts.push(' '.repeat(brk - at));
    if (brk === end) return;
    parts.push(text[brk]);
    at = brk + 1;
  }
}

const WORD_START = /[\p{L}\p{N}]/u;

/**
 * Classes of UTF-16 code units for counting words, as bits: LETTER (a letter or digit) starts or continues a
 * word, JOINER continues one but does not start one, OTHER (no bit) ends it.
 */
const OTHER = 0;
const LETTER = 1;
const JOINER = 2;
/** Code units the table cannot class alone: looked at in `slowClass`. */
const UNKNOWN = 4;
const HIGH_SURROGATE = 8;
const LOW_SURROGATE = 9;

/**
 * The class of every code unit, filled in for units above ASCII as they are met (testing the Unicode pattern
 * on every curly quote and dash was most of the cost of counting words). 64 KB, so that a character costs one
 * load, where the Map it replaces cost a lookup per character above ASCII.
 */
const UNIT_CLASS = new Uint8Array(0x10000).fill(UNKNOWN);
for (let c = 0; c < 128; c++)
  UNIT_CLASS[c] = (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122) ? LETTER : OTHER;
UNIT_CLASS[39] = JOINER; // '
UNIT_CLASS[45] = JOINER; // -
UNIT_CLASS[0x2019] = JOINER; // ’
UNIT_CLASS.fill(HIGH_SURROGATE, 0xd800, 0xdc00);
UNIT_CLASS.fill(LOW_SURROGATE, 0xdc00, 0xe000);

function isHighSurrogate(ch: number): boolean {
  return ch >= 0xd800 && ch <= 0xdbff;
}

/**
 * The class of the code unit at i when the table does not say: a unit above ASCII met for the first time
 * (classed and remembered), or a surrogate. A pair is one code point, a letter or not, so its high half takes
 * the pair's class (reading the low half even past the end of the range, as the pattern run on the whole text
 * would) and its low half leaves the state as it is (JOINER); a lone surrogate is neither letter nor joiner.
 */
function slowClass(text: string, i: number, start: number, ch: number, cls: number): number {
  if (cls === UNKNOWN) {
    cls = WORD_START.test(String.fromCharCode(ch)) ? LETTER : OTHER;
    UNIT_CLASS[ch] = cls;
    return cls;
  }
  if (cls === LOW_SURROGATE) return i > start && isHighSurrogate(text.charCodeAt(i - 1)) ? JOINER : OTHER;
  const low = text.charCodeAt(i + 1);
  if (!(low >= 0xdc00 && low <= 0xdfff)) return OTHER;
  return WORD_START.test(String.fromCodePoint(((ch - 0xd800) << 10) + (low - 0xdc00) + 0x10000)) ? LETTER : OTHER;
}

/**
 * Words as the pattern [\p{L}\p{N}][\p{L}\p{N}'’-]* counts them (Unicode letters and digits), without building
 * matches: one pass that counts where a word starts, a letter or digit outside a word. Joiners keep a word going;
 * anything else ends it. The state is updated with bit arithmetic rather than branches: whether a character
 * starts a word is as good as random to the processor, and mispredicted branches made the loop twice as slow.
 */
function wordsIn(text: string, start: number, end: number): number {
  let words = 0;
  let inWord = 0;
  for (let i = start; i < end; i++) {
    const ch = text.charCodeAt(i);
    let cls = UNIT_CLASS[ch];
    if (cls > JOINER) cls = slowClass(text, i, start, ch, cls);
    const letter = cls & LETTER;
    words += letter & (inWord ^ 1);
    inWord = letter | ((cls >> 1) & inWord);
  }
  return words;
}

/** Words of running text in [start, end), not counting the words of citations inside it (sorted by start). */
function countWords(text: string, start: number, end: number, citations: readonly Citation[]): number {
  let words = wordsIn(text, start, end);
  // Start at the first citation inside the paragraph (binary search): walking from the first citation of the
  // file made counting every paragraph of a 10 MB account take minutes.
  let lo = 0;
  let hi = citations.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (citations[mid].start < start) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < citations.length && citations[i].start < end; i++) {
    if (citations[i].end <= end) words -= wordsIn(text, citations[i].start, citations[i].end);
  }
  return Math.max(words, 0);
}

/**
 * A paragraph and its word count, worked out now. (A lazy getter kept the account's whole text alive through
 * its closure: a thousand open accounts held their texts twice over.)
 */
function paragraph(text: string, region: Region, citations: readonly Citation[]): Paragraph {
  return { start: region.start, end: region.end, words: countWords(text, region.start, region.end, citations) };
}

/** A cheap test that lets files with nothing citation-shaped skip the citation scan. */
const MAYBE_CITATION = /(?:[Pp](?:[Cc][Ss]?)?|[Kk])[ \t\u00a0]?[0-9]/;

export interface ParseOptions {
  /** Whether bare criteria (`P21` with no unit) count for the unit their context names. Default `context`. */
  bareCriteria?: BareCriteriaMode;
}

export function parseAccount(uri: string, text: string, resolve: UnitResolver, options: ParseOptions = {}): Account {
  // Never throws, even on what a broken client sends as a document's text (a number, null).
  if (typeof text !== 'string') text = text === undefined || text === null ? '' : String(text);
  if (typeof uri !== 'string') uri = String(uri);
  const problems: TextProblem[] = [];
  const ignored: IgnoredRegion[] = [];
  const paragraphRegions: Region[] = [];
  const tutorNotes: TutorNote[] = [];
  let frontMatter: FrontMatter | undefined;
  try {
    const fm = parseFrontMatter(text);
    frontMatter = fm.frontMatter;
    problems.push(...fm.problems);
  } catch (e) {
    problems.push({ start: 0, end: 0, message: `Front matter could not be read: ${String(e)}` });
  }
  const bodyStart = frontMatter?.end ?? (text.charCodeAt(0) === 0xfeff ? 1 : 0);
  if (frontMatter) ignored.push({ kind: 'front-matter', start: frontMatter.start, end: frontMatter.end });
  const regions: RegionSink = { ignored, paragraphs: paragraphRegions, notes: tutorNotes };
  collectRegions(text.slice(bodyStart), bodyStart, regions);
  ignored.sort((a, b) => a.start - b.start);

  if (frontMatter?.title !== undefined) frontMatter.title = own(frontMatter.title);
  if (frontMatter?.evidence !== undefined) frontMatter.evidence = own(frontMatter.evidence);
  for (const note of tutorNotes) note.text = own(note.text)!;
  // The front matter is not masked but skipped: the body after it starts on a new line.
  let citations: Citation[] = [];
  let nearMisses: NearMiss[] = [];
  if (!regions.degraded && MAYBE_CITATION.test(text)) {
    const masked = maskRegions(text, ignored, bodyStart);
    const scan = scanText(masked, resolve, bodyStart);
    const units = frontMatterContext(frontMatter?.units ?? [], resolve);
    citations = resolveBareCitations(masked, scan.citations, resolve, units, options.bareCriteria, bodyStart);
    nearMisses = scan.nearMisses;
  }
  const comments = ignored.filter((r) => r.kind === 'comment');
  const paragraphs = paragraphRegions.sort((a, b) => a.start - b.start).map((p) => paragraph(text, p, citations));
  const account: Account = {
    uri,
    evidence: frontMatter?.evidence ?? evidenceFromUri(uri),
    title: frontMatter?.title ?? own(firstHeading(text, bodyStart)),
    frontMatter,
    citations,
    nearMisses,
    ignored,
    paragraphs,
    tutorNotes,
    reviewThreads: findThreads(text, comments),
    problems,
    lineStarts: lineStarts(text),
    length: text.length,
  };
  // Set afterwards rather than spread into the literal, which copies the spread object at run time for every account.
  if (regions.degraded) account.degraded = regions.degraded;
  return account;
}

/**
 * A copy of a string that shares no memory with the text it was cut from: V8 makes a substring of 13 or more
 * characters a view into its parent, so a title kept from a closed account would keep that whole file's text
 * alive. (Concatenating and slicing again forces a flat copy.)
 */
function own(s: string | undefined): string | undefined {
  return s === undefined ? undefined : (' ' + s).slice(1);
}

/** The first ATX heading, as a title for accounts without front matter. */
function firstHeading(text: string, from: number): string | undefined {
  const m = /^#{1,6}[ \t]+(.+?)[ \t#]*$/m.exec(text.slice(from, from + 20000));
  return m ? m[1].trim() : undefined;
}

/** The region that does not count at an offset (strictly inside it), for completion and hover. */
export function ignoredAt(account: Account, offset: number): IgnoredRegion | undefined {
  return account.ignored.find((r) => offset > r.start && offset < r.end);
}

/**
 * One reflective account: front matter, the regions that do not count as evidence (found with a real
 * CommonMark parser), the citations in everything else, paragraphs (for the over-claimed aid) and tutor
 * notes. `parseAccount` is pure and never throws.
 */
import { fromMarkdown } from 'mdast-util-from-markdown';
import { scanCitations, type Citation, type UnitResolver } from './codes';
import { parseFrontMatter, type FrontMatter, type TextProblem } from './frontMatter';
import { scanSimpleBlocks } from './blocks';
import { markdownCost, roughRegions } from './roughBlocks';
import { lineStarts } from './lines';

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
  citations: Citation[];
  ignored: IgnoredRegion[];
  paragraphs: Paragraph[];
  tutorNotes: TutorNote[];
  problems: TextProblem[];
  lineStarts: number[];
  length: number;
  /** Set when the body was too costly for the CommonMark parser and a rough scan was used: why. */
  degraded?: string;
}

/** File name without folders or extension, from a URI or path, without touching the file system. */
export function evidenceFromUri(uri: string): string {
  const last = uri.replace(/[?#].*$/, '').split(/[\\/]/).pop() ?? uri;
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

/** Code, comments and paragraphs of the body: the fast scanner where it applies, else the CommonMark parser. */
function collectRegions(body: string, base: number, acc: RegionSink): void {
  let fast = scanSimpleBlocks(body, base);
  if (!fast) {
    // Deep nesting or a huge body would keep the parser busy for seconds to minutes: scan roughly instead.
    acc.degraded = markdownCost(body);
    if (!acc.degraded) return parsedRegions(body, base, acc);
    fast = roughRegions(body, base);
  }
  acc.ignored.push(...fast.ignored);
  acc.paragraphs.push(...fast.paragraphs);
  acc.notes.push(...fast.notes);
}

/** Walks the CommonMark tree of the body (micromark) and records code, comments and paragraphs. */
export function parsedRegions(body: string, base: number, acc: RegionSink): void {
  let tree: MdNode;
  try {
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

/** Replaces ignored regions by spaces (keeping line breaks) so offsets into the text stay valid. */
function maskRegions(text: string, regions: readonly Region[]): string {
  if (regions.length === 0) return text;
  let out = '';
  let at = 0;
  for (const r of regions) {
    const start = Math.max(r.start, at);
    const end = Math.min(r.end, text.length);
    if (end <= start) continue;
    out += text.slice(at, start) + text.slice(start, end).replace(/[^\r\n]/g, ' ');
    at = end;
  }
  return out + text.slice(at);
}

const WORD_START = /[\p{L}\p{N}]/u;
/** ASCII letters and digits. */
const ASCII_WORD = new Uint8Array(128).map((_, c) => (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122) ? 1 : 0);
/**
 * Whether a code point above ASCII is a letter or digit, remembered as met: testing the Unicode pattern on
 * every curly quote and dash was most of the cost of counting words. At most 4,096 entries.
 */
const WIDE_WORD = new Map<number, boolean>();

/** Length in UTF-16 units of the letter or digit at i (1 or 2), or 0. */
function isWordChar(text: string, i: number): number {
  const ch = text.charCodeAt(i);
  if (ch < 128) return ASCII_WORD[ch];
  const cp = text.codePointAt(i)!;
  let word = WIDE_WORD.get(cp);
  if (word === undefined) {
    word = WORD_START.test(String.fromCodePoint(cp));
    if (WIDE_WORD.size < 4096) WIDE_WORD.set(cp, word);
  }
  return word ? (cp > 0xffff ? 2 : 1) : 0;
}

/** Words as the pattern [\p{L}\p{N}][\p{L}\p{N}'’-]* counts them (Unicode letters and digits), without building matches. */
function wordsIn(text: string, start: number, end: number): number {
  let words = 0;
  let i = start;
  while (i < end) {
    const w = isWordChar(text, i);
    if (w === 0) {
      i++;
      continue;
    }
    words++;
    i += w;
    for (;;) {
      if (i >= end) break;
      const ch = text.charCodeAt(i);
      if (ch === 39 || ch === 0x2019 || ch === 45) {
        i++;
        continue;
      }
      const v = isWordChar(text, i);
      if (v === 0) break;
      i += v;
    }
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
const MAYBE_CITATION = /\/[PpKk][0-9]/;

export function parseAccount(uri: string, text: string, resolve: UnitResolver): Account {
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
  const citations = MAYBE_CITATION.test(text) ? scanCitations(maskRegions(text, ignored), resolve) : [];
  const paragraphs = paragraphRegions.sort((a, b) => a.start - b.start).map((p) => paragraph(text, p, citations));
  return {
    uri,
    evidence: frontMatter?.evidence ?? evidenceFromUri(uri),
    title: frontMatter?.title ?? own(firstHeading(text, bodyStart)),
    frontMatter,
    citations,
    ignored,
    paragraphs,
    tutorNotes,
    problems,
    lineStarts: lineStarts(text),
    length: text.length,
    ...(regions.degraded ? { degraded: regions.degraded } : {}),
  };
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

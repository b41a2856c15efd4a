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
import { maskRegions } from './mask';
import { countWords } from './words';
import { own } from './own';
import { parseBodyInChunks, type ChunkCache } from './bodyChunks';

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
  /**
   * The chunks of this document's last parse (bodyChunks.ts): given, the body is read chunk by chunk and only
   * the chunks that changed are read again. Same answer as without; for a long account being edited.
   */
  chunks?: ChunkCache;
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
  const mode = options.bareCriteria ?? 'context';
  const chunked = options.chunks && parseBodyInChunks(text, bodyStart, resolve, mode, options.chunks);
  const regions: RegionSink = { ignored, paragraphs: paragraphRegions, notes: tutorNotes };
  if (chunked) {
    ignored.push(...chunked.ignored);
    tutorNotes.push(...chunked.notes);
  } else collectRegions(text.slice(bodyStart), bodyStart, regions);
  ignored.sort((a, b) => a.start - b.start);

  if (frontMatter?.title !== undefined) frontMatter.title = own(frontMatter.title);
  if (frontMatter?.evidence !== undefined) frontMatter.evidence = own(frontMatter.evidence);
  // Chunks own their notes' texts already (bodyChunks.ts), and their note objects may be shared.
  if (!chunked) for (const note of tutorNotes) note.text = own(note.text)!;
  // The front matter is not masked but skipped: the body after it starts on a new line.
  let citations: Citation[] = [];
  let nearMisses: NearMiss[] = [];
  if (chunked) {
    const units = frontMatterContext(frontMatter?.units ?? [], resolve);
    // The context of bare citations is worked out over the whole account (masked only when there are any).
    const masked = chunked.citations.some((c) => c.bare) ? maskRegions(text, ignored, bodyStart) : text;
    citations = resolveBareCitations(masked, chunked.citations, resolve, units, mode, bodyStart);
    nearMisses = chunked.nearMisses;
  } else if (!regions.degraded && MAYBE_CITATION.test(text)) {
    const masked = maskRegions(text, ignored, bodyStart);
    const scan = scanText(masked, resolve, bodyStart);
    const units = frontMatterContext(frontMatter?.units ?? [], resolve);
    citations = resolveBareCitations(masked, scan.citations, resolve, units, mode, bodyStart);
    nearMisses = scan.nearMisses;
  }
  const comments = ignored.filter((r) => r.kind === 'comment');
  // Chunks count their paragraphs' words as they are read.
  const paragraphs = chunked
    ? chunked.paragraphs
    : paragraphRegions.sort((a, b) => a.start - b.start).map((p) => paragraph(text, p, citations));
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

/** The first ATX heading, as a title for accounts without front matter. */
function firstHeading(text: string, from: number): string | undefined {
  const m = /^#{1,6}[ \t]+(.+?)[ \t#]*$/m.exec(text.slice(from, from + 20000));
  return m ? m[1].trim() : undefined;
}

/** The region that does not count at an offset (strictly inside it), for completion and hover. */
export function ignoredAt(account: Account, offset: number): IgnoredRegion | undefined {
  return account.ignored.find((r) => offset > r.start && offset < r.end);
}

/**
 * The body of a long account read in chunks, each remembered by its text, so that a keystroke re-reads the
 * chunk it falls in and reuses the rest: typing in a 1 MB account cost a whole parse per key.
 *
 * A chunk starts at the start of a line that follows a blank line. There the block scanner (blocks.ts) holds
 * nothing open (it closes the paragraph at a blank line and has no other state across lines) unless a fenced
 * code block or a comment block runs on through the blank line; a chunk whose scan ends inside one is read
 * again joined to the next. Citations never span lines (citations/chars.ts). So each chunk read alone gives
 * exactly what reading the whole body gives for it; test/property/bodyChunks.props.ts checks that parsing
 * with chunks equals parsing whole, after random edits. Bodies the block scanner does not read (it leaves
 * them to the CommonMark parser) are not chunked: the caller reads them whole.
 *
 * Bare citations are left as scanned (their unit comes from context the caller works out over the whole
 * account); each paragraph's word count already leaves out the citations in it, as parseAccount counts them.
 */
import { scanText, type Citation, type NearMiss, type UnitResolver } from '../citations/codes';
import type { BareCriteriaMode } from '../citations/unitContext';
import type { IgnoredRegion, Paragraph, TutorNote } from './account';
import { scanSimpleBlocks } from './blocks';
import { maskRegions } from './mask';
import { own } from './own';
import { countWords } from './words';

/** What one chunk holds, with offsets from the chunk's start. */
interface ChunkParse {
  ignored: IgnoredRegion[];
  paragraphs: Paragraph[];
  notes: TutorNote[];
  citations: Citation[];
  nearMisses: NearMiss[];
  /** A fenced code block or comment block ran to the end of the chunk: it may go on in the next one. */
  open: boolean;
}

/** A chunk as remembered: its parse, and where it was placed last with the objects made for that place. */
interface ChunkEntry {
  parse: ChunkParse;
  placed: { at: number; body: BodyParse };
}

/**
 * The chunks of one document's last parse, by text; kept by whoever parses the document again (the server,
 * for an open account). Valid for one catalogue and one bare-criteria mode: a change of either starts afresh.
 */
export interface ChunkCache {
  resolve?: UnitResolver;
  mode?: BareCriteriaMode;
  chunks: Map<string, ChunkEntry>;
}

export function createChunkCache(): ChunkCache {
  return { chunks: new Map() };
}

/** What parseAccount needs of the body, with offsets into the account's text. */
export interface BodyParse {
  ignored: IgnoredRegion[];
  paragraphs: Paragraph[];
  notes: TutorNote[];
  /** As scanned: bare citations still without their context. */
  citations: Citation[];
  nearMisses: NearMiss[];
}

/** A line break, then a blank line (spaces only): a chunk may start after it. A CRLF is one break, never two. */
const BLANK_LINE = /(?:\r\n|\r(?!\n)|\n) *(?:\r\n|\r(?!\n)|\n)/g;
/** The same in a text without CR, several times faster (the usual text, searched at every keystroke). */
const BLANK_LINE_LF = /\n *\n/g;
/** A chunk ends after a paragraph run whose length is a multiple of this (decided by the run's own text, so an edit moves no other chunk's ends), or once it is this long. */
const RUN_MODULUS = 4;
const CHUNK_CAP = 32 * 1024;

/** Where the chunks of `body` start (always 0 first), decided by the text alone. */
function chunkStarts(body: string): number[] {
  const starts = [0];
  let runStart = 0;
  const blankLine = body.includes('\r') ? BLANK_LINE : BLANK_LINE_LF;
  blankLine.lastIndex = 0;
  for (let m = blankLine.exec(body); m; m = blankLine.exec(body)) {
    const next = m.index + m[0].length;
    // The second line break may end a blank line that the next match starts with: look again from it.
    blankLine.lastIndex = next - (body.charCodeAt(next - 1) === 10 && body.charCodeAt(next - 2) === 13 ? 2 : 1);
    if (next >= body.length) break;
    const run = next - runStart;
    runStart = next;
    if (run % RUN_MODULUS === 0 || next - starts[starts.length - 1] >= CHUNK_CAP) starts.push(next);
  }
  return starts;
}

/** Reads one chunk alone, or undefined when the block scanner leaves it to the CommonMark parser. */
function parseChunk(chunk: string, resolve: UnitResolver, mode: BareCriteriaMode): ChunkParse | undefined {
  const blocks = scanSimpleBlocks(chunk, 0);
  if (!blocks) return undefined;
  blocks.ignored.sort((a, b) => a.start - b.start);
  const scan = scanText(maskRegions(chunk, blocks.ignored, 0), resolve);
  const counted = mode === 'off' ? scan.citations.filter((c) => !c.bare) : scan.citations;
  // Texts are copied out of the chunk: a chunk kept for reuse must not keep the whole text it was cut from.
  for (const n of blocks.notes) n.text = own(n.text)!;
  for (const m of scan.nearMisses) m.text = own(m.text)!;
  for (const c of scan.citations) c.unitText = own(c.unitText)!;
  return {
    ignored: blocks.ignored,
    paragraphs: blocks.paragraphs
      .sort((a, b) => a.start - b.start)
      .map((p) => ({ start: p.start, end: p.end, words: countWords(chunk, p.start, p.end, counted) })),
    notes: blocks.notes,
    citations: scan.citations,
    nearMisses: scan.nearMisses,
    open: blocks.open === true,
  };
}

/**
 * The body of `text` from `bodyStart`, read chunk by chunk with the cache, or undefined when some chunk is
 * left to the CommonMark parser (the caller then reads the body whole, as without a cache).
 */
export function parseBodyInChunks(
  text: string,
  bodyStart: number,
  resolve: UnitResolver,
  mode: BareCriteriaMode,
  cache: ChunkCache,
): BodyParse | undefined {
  if (cache.resolve !== resolve || cache.mode !== mode) {
    cache.chunks.clear();
    cache.resolve = resolve;
    cache.mode = mode;
  }
  const body = text.slice(bodyStart);
  const starts = chunkStarts(body);
  const kept = new Map<string, ChunkEntry>();
  const out = emptyBody();
  for (let i = 0; i < starts.length;) {
    // A chunk, joined to the next ones while a code or comment block runs on past its end.
    let j = i + 1;
    let chunk: string;
    let entry: ChunkEntry | undefined;
    for (;;) {
      chunk = body.slice(starts[i], j < starts.length ? starts[j] : body.length);
      entry = cache.chunks.get(chunk) ?? kept.get(chunk);
      const parse = entry?.parse ?? parseChunk(chunk, resolve, mode);
      if (!parse) return undefined;
      entry ??= { parse, placed: { at: -1, body: emptyBody() } };
      if (!parse.open || j >= starts.length) break;
      j++;
    }
    kept.set(chunk, entry);
    append(out, placedAt(entry, bodyStart + starts[i]));
    i = j;
  }
  cache.chunks = kept;
  return out;
}

const emptyBody = (): BodyParse => ({ ignored: [], paragraphs: [], notes: [], citations: [], nearMisses: [] });

/**
 * The chunk's objects at offset `at`: those made for its last place when it has not moved (typing leaves
 * every chunk before the keystroke where it was), else copies shifted there. Accounts parsed one after the
 * other may share these objects, which nothing changes once parsed; bare citations, which get their unit
 * from the account's context in place, are copied every time.
 */
function placedAt(entry: ChunkEntry, at: number): BodyParse {
  const { parse, placed } = entry;
  if (placed.at === at) {
    const citations = placed.body.citations.map((c, k) => (c.bare ? shiftCitation(parse.citations[k], at) : c));
    return { ...placed.body, citations };
  }
  const body: BodyParse = {
    ignored: parse.ignored.map((r) => ({ kind: r.kind, start: r.start + at, end: r.end + at })),
    paragraphs: parse.paragraphs.map((p) => ({ start: p.start + at, end: p.end + at, words: p.words })),
    notes: parse.notes.map((n) => ({ start: n.start + at, end: n.end + at, text: n.text })),
    citations: parse.citations.map((c) => shiftCitation(c, at)),
    nearMisses: parse.nearMisses.map((m) => ({
      ...m,
      start: m.start + at,
      end: m.end + at,
      itemStart: m.itemStart + at,
    })),
  };
  entry.placed = { at, body };
  return body;
}

function append(out: BodyParse, part: BodyParse): void {
  for (const r of part.ignored) out.ignored.push(r);
  for (const p of part.paragraphs) out.paragraphs.push(p);
  for (const n of part.notes) out.notes.push(n);
  for (const c of part.citations) out.citations.push(c);
  for (const m of part.nearMisses) out.nearMisses.push(m);
}

function shiftCitation(c: Citation, by: number): Citation {
  const copy: Citation = {
    ...c,
    start: c.start + by,
    end: c.end + by,
    unitStart: c.unitStart + by,
    unitEnd: c.unitEnd + by,
    items: c.items.map((item) => ({ ...item, start: item.start + by, end: item.end + by })),
  };
  if (c.bare) {
    copy.bare = { ...c.bare, candidates: [...c.bare.candidates] };
    if (c.bare.unknownUnit) copy.bare.unknownUnit = { ...c.bare.unknownUnit, start: c.bare.unknownUnit.start + by };
  }
  return copy;
}

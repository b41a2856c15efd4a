/**
 * The body of an open account read in chunks, each remembered with its place and text, so that a keystroke
 * re-reads the chunk it falls in and reuses the rest: typing in a 1 MB account cost a whole parse per key.
 *
 * A chunk starts at the start of a line that follows an empty line. There the block scanner (blocks.ts) holds
 * nothing open (it closes the paragraph at an empty line and has no other state across lines) unless a fenced
 * code block or a comment block runs on through the empty line; a chunk whose scan ends inside one is read
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

/** A chunk as remembered: its text, its parse, and where it was placed last with the objects made there. */
interface ChunkEntry {
  text: string;
  parse: ChunkParse;
  placed: { at: number; body: BodyParse };
}

/**
 * The chunks of one document's last parse, by where they started in its body; kept by whoever parses the
 * document again (the server, for an open account). Valid for one catalogue and one bare-criteria mode: a
 * change of either starts afresh.
 *
 * Found by place rather than by text: an edit leaves the chunks before it where they were and moves those
 * after it by the change in length, so each chunk is looked for at those two places and compared with the
 * text there. (A map by text hashed every chunk's text at every keystroke: 1.8 ms for a 1 MB account,
 * against 0.2 ms to compare.) A chunk moved elsewhere is read again.
 */
export interface ChunkCache {
  resolve?: UnitResolver;
  mode?: BareCriteriaMode;
  bodyLength: number;
  chunks: Map<number, ChunkEntry>;
}

export function createChunkCache(): ChunkCache {
  return { bodyLength: 0, chunks: new Map() };
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

/**
 * A chunk may start at a line after an empty line: after "\n\n", or "\n\r\n" in a text with CRLF line
 * endings. (Lines of spaces and lone CRs would do as well, but are left out: missing a place to cut is always
 * safe, and a search for two characters is several times faster than a pattern over the whole text.)
 */
function emptyLineMark(body: string): string {
  return body.includes('\r') ? '\n\r\n' : '\n\n';
}
/**
 * A chunk ends after a run of lines between empty lines whose length is a multiple of this (decided by the
 * run's own text, so an edit moves no other chunk's ends), or once it is this long.
 */
const RUN_MODULUS = 4;
const CHUNK_CAP = 32 * 1024;

/** Where the chunks of `body` start (always 0 first), decided by the text alone. */
function chunkStarts(body: string): number[] {
  const starts = [0];
  const mark = emptyLineMark(body);
  let runStart = 0;
  for (let at = body.indexOf(mark); at >= 0; at = body.indexOf(mark, at + 1)) {
    const next = at + mark.length; // the line after the empty one
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
  const moved = body.length - cache.bodyLength;
  const remembered = (start: number, chunk: string): ChunkEntry | undefined => {
    for (const at of [start, start - moved]) {
      const entry = cache.chunks.get(at);
      if (entry?.text === chunk) return entry;
    }
    return undefined;
  };
  const kept = new Map<number, ChunkEntry>();
  const out = emptyBody();
  for (let i = 0; i < starts.length;) {
    // A chunk, joined to the next ones while a code or comment block runs on past its end.
    let j = i + 1;
    let chunk: string;
    let entry: ChunkEntry | undefined;
    for (;;) {
      chunk = body.slice(starts[i], j < starts.length ? starts[j] : body.length);
      entry = remembered(starts[i], chunk);
      const parse = entry?.parse ?? parseChunk(chunk, resolve, mode);
      if (!parse) {
        // Left to the CommonMark parser: the chunks read so far are kept, so the next parse of this document
        // does not read them again before it gets here.
        cache.chunks = kept;
        cache.bodyLength = body.length;
        return undefined;
      }
      entry ??= { text: chunk, parse, placed: { at: -1, body: emptyBody() } };
      if (!parse.open || j >= starts.length) break;
      j++;
    }
    entry.text = chunk; // the same text, cut from this text: an older one is not kept alive
    kept.set(starts[i], entry);
    append(out, placedAt(entry, bodyStart + starts[i]));
    i = j;
  }
  cache.chunks = kept;
  cache.bodyLength = body.length;
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

/**
 * The fallback for Markdown the CommonMark parser would take too long over. micromark is linear on ordinary
 * text but not on deep nesting: `- - - … x` on one line, lists indented hundreds of levels, or thousands of
 * items with nested lists take time that grows with the square of their size (seconds at a few thousand,
 * minutes beyond), and above a megabyte even plain block quotes take seconds. `markdownCost` spots such a
 * body with one cheap pass over its line prefixes; `roughRegions` then finds what does not count in one
 * linear pass: fenced code (never counted, whatever containers it sits in), inline code and HTML comments.
 * Rough where CommonMark is subtle: indented code counts as text, and a fence it cannot see closed hides
 * everything after it. Pure, never throws.
 */
import type { IgnoredRegion, Region, TutorNote } from './account';

export interface RoughRegions {
  ignored: IgnoredRegion[];
  paragraphs: Region[];
  notes: TutorNote[];
}

/** Containers (block quotes and list items) one line may open or continue before the parser is dropped. */
export const MAX_NESTING = 32;
/** List items nested inside other list items, summed over the body. */
export const MAX_NESTED_ITEMS = 500;
/** Characters of body the CommonMark parser is given at most. */
export const MAX_PARSED_LENGTH = 1_000_000;
/**
 * Different lengths of backtick runs: a run no later run matches is retried to the end of its paragraph, so
 * runs of hundreds of different lengths cost the parser seconds (any real account has two or three).
 */
export const MAX_TICK_LENGTHS = 32;

const TUTOR = /^<!--\s*tutor\s*:\s*([\s\S]*?)\s*(?:-->)?$/i;
const FENCE = /^(`{3,}|~{3,})([^]*)$/;
const ASCII_PUNCT = /[!-/:-@[-`{-~]/;

interface Line {
  start: number;
  /** End of the content, before the line ending. */
  end: number;
  next: number;
}

function* lines(text: string): Generator<Line> {
  let at = 0;
  while (at < text.length) {
    let end = at;
    while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
    let next = end;
    if (text.charCodeAt(next) === 13) next++;
    if (text.charCodeAt(next) === 10) next++;
    yield { start: at, end, next };
    at = next;
  }
}

/**
 * The container prefix of a line: block quote markers, list markers and spaces. Its depth counts the markers
 * and, for nesting by indentation, two columns of leading indentation as one more level.
 */
function prefix(text: string, line: Line): { content: number; depth: number; lists: number } {
  // A byte order mark opening the body is invisible to CommonMark, as it is to the full parser.
  let i = line.start === 0 && text.charCodeAt(0) === 0xfeff ? 1 : line.start;
  let depth = 0;
  let lists = 0;
  let indent = 0;
  for (;;) {
    while (i < line.end && (text[i] === ' ' || text[i] === '\t')) {
      if (depth === 0) indent += text[i] === '\t' ? 4 : 1;
      i++;
    }
    if (text[i] === '>') {
      depth++;
      i++;
      continue;
    }
    let j = i;
    if (text[j] === '-' || text[j] === '*' || text[j] === '+') j++;
    else {
      while (j < line.end && j - i < 9 && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
      if (j > i && (text[j] === '.' || text[j] === ')')) j++;
      else j = i;
    }
    if (j > i && (j === line.end || text[j] === ' ' || text[j] === '\t')) {
      depth++;
      lists++;
      i = j;
      continue;
    }
    return { content: i, depth: depth + (indent >> 1), lists };
  }
}

/** Why a body is too costly for the CommonMark parser, or undefined when it is fine to parse. */
export function markdownCost(body: string): string | undefined {
  if (body.length > MAX_PARSED_LENGTH) return `${body.length} characters, over ${MAX_PARSED_LENGTH} for the full Markdown parser`;
  let nested = 0;
  for (const line of lines(body)) {
    const p = prefix(body, line);
    if (p.depth > MAX_NESTING) return `block quotes or lists nested ${p.depth} deep`;
    if (p.lists > 0 && p.depth > 1) nested += p.depth - 1;
    if (nested > MAX_NESTED_ITEMS) return `more than ${MAX_NESTED_ITEMS} nested list items`;
  }
  const lengths = new Set<number>();
  for (let i = body.indexOf('`'); i >= 0; i = body.indexOf('`', i)) {
    let n = 1;
    while (body.charCodeAt(i + n) === 96) n++;
    lengths.add(n);
    if (lengths.size > MAX_TICK_LENGTHS) return `backtick runs of more than ${MAX_TICK_LENGTHS} different lengths`;
    i += n;
  }
  return undefined;
}

/** The backtick runs of [start, end) by length, each list in text order. */
function tickRuns(text: string, start: number, end: number): Map<number, number[]> {
  const runs = new Map<number, number[]>();
  for (let i = text.indexOf('`', start); i >= 0 && i < end; i = text.indexOf('`', i)) {
    let n = 1;
    while (i + n < end && text.charCodeAt(i + n) === 96) n++;
    const list = runs.get(n);
    if (list) list.push(i);
    else runs.set(n, [i]);
    i += n;
  }
  return runs;
}

/** Where the first run of exactly `n` backticks after `after` starts, or -1: the closer of a code span. */
function closingTicks(runs: Map<number, number[]>, n: number, after: number): number {
  const list = runs.get(n);
  if (!list) return -1;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid] <= after) lo = mid + 1;
    else hi = mid;
  }
  return lo < list.length ? list[lo] : -1;
}

/** Regions of `body` (offsets shifted by `base`): fenced code, inline code, comments, paragraphs. */
export function roughRegions(body: string, base: number): RoughRegions {
  const out: RoughRegions = { ignored: [], paragraphs: [], notes: [] };
  // Pass 1: fences, and the runs of other non-blank lines between them (paragraphs; a heading is its own).
  const blocks: Array<{ start: number; end: number; heading: boolean; lineStarts: Set<number> }> = [];
  let fence: { char: string; length: number; depth: number; start: number } | undefined;
  let block: (typeof blocks)[number] | undefined;
  for (const line of lines(body)) {
    const p = prefix(body, line);
    const content = body.slice(p.content, line.end);
    const f = content[0] === '`' || content[0] === '~' ? FENCE.exec(content) : null;
    if (fence) {
      if (f && f[1][0] === fence.char && f[1].length >= fence.length && f[2].trim() === '') {
        out.ignored.push({ kind: 'code', start: base + fence.start, end: base + line.end });
        // A closing fence at another depth may have left the first fence's container and open a new fence.
        fence = p.depth === fence.depth ? undefined : { ...fence, start: p.content, depth: p.depth };
      }
      continue;
    }
    if (f && !(f[1][0] === '`' && f[2].includes('`'))) {
      block = undefined;
      fence = { char: f[1][0], length: f[1].length, depth: p.depth, start: p.content };
      continue;
    }
    if (content.trim() === '') {
      block = undefined;
      continue;
    }
    const heading = /^#{1,6}(?:[ \t]|$)/.test(content);
    if (!block || heading) blocks.push((block = { start: p.content, end: line.end, heading, lineStarts: new Set() }));
    block.end = line.end;
    block.lineStarts.add(p.content);
    if (heading) block = undefined;
  }
  if (fence) out.ignored.push({ kind: 'code', start: base + fence.start, end: base + body.length });
  for (const b of blocks) if (!b.heading) out.paragraphs.push({ start: base + b.start, end: base + b.end });
  // Pass 2: comments and code spans inside the blocks, left to right; a comment may run past its block.
  let maskedTo = 0;
  for (const b of blocks) {
    let runs: Map<number, number[]> | undefined;
    for (let i = Math.max(b.start, maskedTo); i < b.end; i++) {
      const ch = body.charCodeAt(i);
      if (ch === 92 /* \ */) {
        if (ASCII_PUNCT.test(body[i + 1] ?? '')) i++;
      } else if (ch === 60 /* < */ && body.startsWith('<!--', i)) {
        const close = body.indexOf('-->', i + 4);
        if (close < 0 && !b.lineStarts.has(i)) continue;
        const end = close < 0 ? body.length : close + 3;
        const region = { start: base + i, end: base + end };
        out.ignored.push({ kind: 'comment', ...region });
        const note = TUTOR.exec(body.slice(i, end));
        if (note) out.notes.push({ ...region, text: note[1].replace(/\s+/g, ' ') });
        maskedTo = end;
        i = end - 1;
      } else if (ch === 96 /* ` */) {
        let n = 1;
        while (body.charCodeAt(i + n) === 96) n++;
        runs ??= tickRuns(body, b.start, b.end);
        const close = closingTicks(runs, n, i);
        if (close < 0) {
          i += n - 1;
          continue;
        }
        out.ignored.push({ kind: 'inline-code', start: base + i, end: base + close + n });
        i = close + n - 1;
      }
    }
  }
  out.ignored.sort((a, b) => a.start - b.start);
  return out;
}

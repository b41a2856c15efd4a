/**
 * A fast scanner for the Markdown that reflective accounts are made of: paragraphs, headings, bullet and
 * numbered lists, thematic breaks, fenced code, HTML comment blocks and inline code spans. It finds what
 * parseAccount needs (the regions that do not count and the paragraphs) in one pass, an order of magnitude
 * faster than a full CommonMark parse, and gives up (returns undefined) on anything it does not model
 * exactly (indentation, block quotes, tabs, raw HTML other than comment blocks, link definitions, nested
 * list content), in which case parseAccount uses the full parser. Where it answers, it answers exactly what
 * micromark would (test/unit/blocks.test.ts compares the two on generated documents).
 */
import type { IgnoredRegion, Region, TutorNote } from './account';
import { MAX_TICK_LENGTHS } from './markdownCost';

export interface BlockRegions {
  ignored: IgnoredRegion[];
  paragraphs: Region[];
  notes: TutorNote[];
  /** A fenced code block or comment block is still open at the end of the text (bodyChunks.ts asks). */
  open?: boolean;
}

const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
const TUTOR = /^<!--\s*tutor\s*:\s*([\s\S]*?)\s*(?:-->)?$/i;

const ATX = /^#{1,6}(?: |$)/;
const SETEXT = /^(?:=+|-+) *$/;
const THEMATIC = /^(?:(?:\* *){3,}|(?:- *){3,}|(?:_ *){3,})$/;
/** `[^]*`, not `.*`: the info string may hold U+2028/U+2029, which `.` does not match. */
const FENCE = /^(`{3,}|~{3,})([^]*)$/;
/** Content starts at any non-space: not `\S`, which in JavaScript also excludes NBSP and BOM (content to CommonMark). */
const BULLET = /^[-*+]( {1,4})(?=[^ ])/;
const ORDERED = /^(\d{1,9})[.)]( {1,4})(?=[^ ])/;
const EMPTY_ITEM = /^(?:[-*+]|\d{1,9}[.)])(?: *$| {5})/;
/** List item content that would open another block inside the item. */
const NESTED = /^(?:[#>\-*+_=~<`]|\d{1,9}[.)](?: |$))/;
const ASCII_PUNCT = /[!-/:-@[-`{-~]/;

/** Comments in an HTML block, as parseAccount records them: each an ignored region, tutor notes listed. */
function comments(html: string, base: number, out: BlockRegions): void {
  // An exec loop rather than matchAll, which copies the pattern on every call.
  COMMENT.lastIndex = 0;
  for (let m = COMMENT.exec(html); m; m = COMMENT.exec(html)) {
    const start = base + m.index;
    const region = { start, end: start + m[0].length };
    out.ignored.push({ kind: 'comment', ...region });
    const note = TUTOR.exec(m[0]);
    if (note) out.notes.push({ ...region, text: note[1].replace(/\s+/g, ' ') });
  }
}

/**
 * Code spans in inline content [s, e); false when the content holds something not modelled (raw HTML).
 * Jumps from one backtick, `<` or backslash to the next with the engine's own search for one character (a
 * loop over every character was most of the scanner's time, a search for a character class still a lot),
 * within a slice of the content so that no search runs past its end.
 */
function inlineCode(text: string, s: number, e: number, base: number, out: BlockRegions): boolean {
  const seg = text.slice(s, e);
  // The next of each special character at or after the current place; -1 when there is none.
  let tick = -2;
  let lt = -2;
  let bs = -2;
  const nextSpecial = (from: number): number => {
    if (tick !== -1 && tick < from) tick = seg.indexOf('`', from);
    if (lt !== -1 && lt < from) lt = seg.indexOf('<', from);
    if (bs !== -1 && bs < from) bs = seg.indexOf('\\', from);
    let at = tick;
    if (lt >= 0 && (at < 0 || lt < at)) at = lt;
    if (bs >= 0 && (at < 0 || bs < at)) at = bs;
    return at;
  };
  let lengths: Set<number> | undefined;
  for (let i = nextSpecial(0); i >= 0; i = nextSpecial(i)) {
    const ch = seg.charCodeAt(i);
    if (ch === 60 /* < */) return false;
    if (ch === 92 /* \ */) {
      i += i + 1 < seg.length && ASCII_PUNCT.test(seg[i + 1]) ? 2 : 1;
      continue;
    }
    let n = 1;
    while (seg.charCodeAt(i + n) === 96) n++;
    // An unmatched run is searched for to the end: runs of many lengths would cost seconds, so such a body is left to the size cap (markdownCost.ts).
    if ((lengths ??= new Set()).add(n).size > MAX_TICK_LENGTHS) return false;
    let close = -1;
    for (let j = seg.indexOf('`', i + n); j >= 0; j = seg.indexOf('`', j)) {
      let run = 1;
      while (seg.charCodeAt(j + run) === 96) run++;
      if (run === n) {
        close = j;
        break;
      }
      j += run;
    }
    if (close < 0) {
      i += n;
      continue;
    }
    out.ignored.push({ kind: 'inline-code', start: base + s + i, end: base + s + close + n });
    i = close + n;
  }
  return true;
}

interface Line {
  start: number;
  /** End of the content, before the line ending. */
  end: number;
  /** Start of the next line. */
  next: number;
}

const LINE_BREAK = /[\r\n]/g;

/** End of the line starting at `start`: before its \n, \r\n or lone \r, or the end of the text. */
function lineEnd(text: string, start: number, noCR: boolean): number {
  if (noCR) {
    const end = text.indexOf('\n', start);
    return end < 0 ? text.length : end;
  }
  LINE_BREAK.lastIndex = start;
  return LINE_BREAK.exec(text)?.index ?? text.length;
}

/** Start of the line after the one ending at `end`. */
function lineNext(text: string, end: number): number {
  let next = end;
  if (text.charCodeAt(next) === 13) next++;
  if (text.charCodeAt(next) === 10) next++;
  return next;
}

function lineAt(text: string, start: number, noCR: boolean): Line {
  const end = lineEnd(text, start, noCR);
  return { start, end, next: lineNext(text, end) };
}

/** Whether a line starting with this code unit is paragraph text: an ASCII letter, or anything from U+00C0 on but a BOM. */
function startsText(code: number): boolean {
  return ((code | 32) >= 97 && (code | 32) <= 122) || (code >= 0xc0 && code !== 0xfeff);
}

/** Whether the line [start, end) opens with one to six `#` and then a space or its end: ATX on the line's text. */
function isAtxHeading(text: string, start: number, end: number): boolean {
  let hashes = 0;
  while (hashes < 7 && start + hashes < end && text.charCodeAt(start + hashes) === 35) hashes++;
  return hashes >= 1 && hashes <= 6 && (start + hashes === end || text.charCodeAt(start + hashes) === 32);
}

/** True when [start, end) holds only spaces (or nothing): a blank line. */
function blank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (text.charCodeAt(i) !== 32) return false;
  return true;
}

/**
 * Regions of `body` (offsets shifted by `base`), or undefined when the body uses a construct this scanner
 * leaves to the full parser.
 */
export function scanSimpleBlocks(body: string, base: number): BlockRegions | undefined {
  // A leading byte order mark is invisible to CommonMark (`\uFEFF```` opens a fence): left to the parser.
  if (body.includes('\t') || body.includes('\0') || body.charCodeAt(0) === 0xfeff) return undefined;
  const noCR = body.indexOf('\r') < 0;
  // Without backticks, `<` or backslashes no inline content needs a look (the usual case). Three searches for
  // one character each are several times faster than one for a character class.
  const inlineSpecials = body.includes('`') || body.includes('<') || body.includes('\\');
  const out: BlockRegions = { ignored: [], paragraphs: [], notes: [] };
  let para: { start: number; end: number; inList: boolean } | undefined;
  const closePara = (asHeading = false): boolean => {
    if (!para) return true;
    const p = para;
    para = undefined;
    if (!asHeading) out.paragraphs.push({ start: base + p.start, end: base + p.end });
    return !inlineSpecials || inlineCode(body, p.start, p.end, base, out);
  };
  let at = 0;
  while (at < body.length) {
    const start = at;
    let end = noCR ? body.indexOf('\n', start) : lineEnd(body, start, false);
    if (end < 0) end = body.length;
    at = lineNext(body, end);
    const code = body.charCodeAt(start);
    // A line starting with a letter is always paragraph text (no block starts with one): the usual line, taken
    // without slicing it out or trying any pattern on it.
    if (start < end && startsText(code)) {
      if (para) para.end = end;
      else para = { start, end, inList: false };
      continue;
    }
    if (start === end || (code === 32 && blank(body, start, end))) {
      if (!closePara()) return undefined;
      continue;
    }
    // A bullet, one space and a letter ("- I led the meeting"): a list item of paragraph text, the usual list
    // line, taken without the patterns below (none of which it can match but BULLET).
    const bulletChar = code === 45 || code === 42 || code === 43;
    if (bulletChar && body.charCodeAt(start + 1) === 32 && start + 2 < end && startsText(body.charCodeAt(start + 2))) {
      if (!closePara()) return undefined;
      para = { start: start + 2, end, inList: true };
      continue;
    }
    // An ATX heading ("## Keeping track"), the other usual line: tested without slicing it out (as ATX would).
    if (code === 35 && isAtxHeading(body, start, end)) {
      if (!closePara() || (inlineSpecials && !inlineCode(body, start, end, base, out))) return undefined;
      continue;
    }
    const line: Line = { start, end, next: at };
    const s = body.slice(start, end);
    const first = s[0];
    if (first === ' ' || first === '>') return undefined;
    const fence = first === '`' || first === '~' ? FENCE.exec(s) : null;
    if (fence) {
      if (first === '`' && fence[2].includes('`')) return undefined;
      if (!closePara()) return undefined;
      const closing = new RegExp(`^ {0,3}${first === '`' ? '`' : '~'}{${fence[1].length},} *$`);
      let end = -1;
      while (at < body.length) {
        const l = lineAt(body, at, noCR);
        at = l.next;
        if (closing.test(body.slice(l.start, l.end))) {
          end = l.end;
          break;
        }
      }
      if (end < 0) {
        end = body.length;
        out.open = true; // unclosed: the block runs to the end of the text
      }
      out.ignored.push({ kind: 'code', start: base + line.start, end: base + end });
      continue;
    }
    if (first === '<') {
      if (!s.startsWith('<!--') || s.startsWith('<!-->') || s.startsWith('<!--->')) return undefined;
      if (!closePara()) return undefined;
      // An HTML block of comments runs to the end of the line where the first `-->` is, blank lines and all.
      const found = body.indexOf('-->', line.start + 4);
      if (found < 0) out.open = true;
      const end = found < 0 ? body.length : lineAt(body, found, noCR).end;
      at = found < 0 ? body.length : lineAt(body, found, noCR).next;
      comments(body.slice(line.start, end), base + line.start, out);
      continue;
    }
    if (first === '#' && ATX.test(s)) {
      if (!closePara() || (inlineSpecials && !inlineCode(body, line.start, line.end, base, out))) return undefined;
      continue;
    }
    if (para && SETEXT.test(s)) {
      // Under a list item an underline cannot turn the lazy paragraph into a heading: `---` is a thematic
      // break, anything shorter is left to the parser.
      if (para.inList && !THEMATIC.test(s)) return undefined;
      if (!closePara(!para.inList)) return undefined;
      continue;
    }
    if (THEMATIC.test(s)) {
      if (!closePara()) return undefined;
      continue;
    }
    if (first === '[' && s.includes(']:')) return undefined;
    if (EMPTY_ITEM.test(s)) return undefined;
    const bullet = BULLET.exec(s);
    const ordered = bullet ? null : ORDERED.exec(s);
    const lazyNumber = ordered && para && !para.inList && ordered[1] !== '1';
    if ((bullet || ordered) && !lazyNumber) {
      const contentStart = line.start + (bullet ? 1 + bullet[1].length : ordered![0].length);
      const content = body.slice(contentStart, line.end);
      if (NESTED.test(content) || (content[0] === '[' && content.includes(']:'))) return undefined;
      if (!closePara()) return undefined;
      para = { start: contentStart, end: line.end, inList: true };
      continue;
    }
    if (para) para.end = line.end;
    else para = { start: line.start, end: line.end, inList: false };
  }
  if (!closePara()) return undefined;
  return out;
}

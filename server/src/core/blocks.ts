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
import { MAX_TICK_LENGTHS } from './roughBlocks';

export interface BlockRegions {
  ignored: IgnoredRegion[];
  paragraphs: Region[];
  notes: TutorNote[];
}

const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
const TUTOR = /^<!--\s*tutor\s*:\s*([\s\S]*?)\s*(?:-->)?$/i;

const BLANK = /^ *$/;
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
  for (const m of html.matchAll(COMMENT)) {
    const start = base + (m.index ?? 0);
    const region = { start, end: start + m[0].length };
    out.ignored.push({ kind: 'comment', ...region });
    const note = TUTOR.exec(m[0]);
    if (note) out.notes.push({ ...region, text: note[1].replace(/\s+/g, ' ') });
  }
}

/** Code spans in inline content [s, e); false when the content holds something not modelled (raw HTML). */
function inlineCode(text: string, s: number, e: number, base: number, out: BlockRegions): boolean {
  const lengths = new Set<number>();
  for (let i = s; i < e; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 60 /* < */) return false;
    if (ch === 92 /* \ */) {
      if (i + 1 < e && ASCII_PUNCT.test(text[i + 1])) i++;
      continue;
    }
    if (ch !== 96 /* ` */) continue;
    let n = 1;
    while (i + n < e && text.charCodeAt(i + n) === 96) n++;
    // An unmatched run is searched for to the end: runs of many lengths would cost seconds (the rough scan's job).
    if (lengths.add(n).size > MAX_TICK_LENGTHS) return false;
    let j = i + n;
    let close = -1;
    while (j < e) {
      if (text.charCodeAt(j) !== 96) {
        j++;
        continue;
      }
      let m = 1;
      while (j + m < e && text.charCodeAt(j + m) === 96) m++;
      if (m === n) {
        close = j;
        break;
      }
      j += m;
    }
    if (close < 0) {
      i += n - 1;
      continue;
    }
    out.ignored.push({ kind: 'inline-code', start: base + i, end: base + close + n });
    i = close + n - 1;
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

function lineAt(text: string, start: number, noCR: boolean): Line {
  let end: number;
  if (noCR) {
    end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
  } else {
    end = start;
    while (end < text.length) {
      const ch = text.charCodeAt(end);
      if (ch === 10 || ch === 13) break;
      end++;
    }
  }
  let next = end;
  if (text.charCodeAt(next) === 13) next++;
  if (text.charCodeAt(next) === 10) next++;
  return { start, end, next };
}

/**
 * Regions of `body` (offsets shifted by `base`), or undefined when the body uses a construct this scanner
 * leaves to the full parser.
 */
export function scanSimpleBlocks(body: string, base: number): BlockRegions | undefined {
  // A leading byte order mark is invisible to CommonMark (`\uFEFF```` opens a fence): left to the parser.
  if (body.includes('\t') || body.includes('\0') || body.charCodeAt(0) === 0xfeff) return undefined;
  const noCR = body.indexOf('\r') < 0;
  // Without backticks, `<` or backslashes no inline content needs a look (the usual case).
  const inlineSpecials = /[`<\\]/.test(body);
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
    const line = lineAt(body, at, noCR);
    at = line.next;
    const s = body.slice(line.start, line.end);
    if (BLANK.test(s)) {
      if (!closePara()) return undefined;
      continue;
    }
    const first = s[0];
    const code = s.charCodeAt(0);
    // A line starting with a letter is always paragraph text (no block starts with one).
    if (((code | 32) >= 97 && (code | 32) <= 122) || (code >= 0xc0 && code !== 0xfeff)) {
      if (para) para.end = line.end;
      else para = { start: line.start, end: line.end, inList: false };
      continue;
    }
    if (first === ' ' || first === '>') return undefined;
    const fence = first === '`' || first === '~' ? FENCE.exec(s) : null;
    if (fence) {
      if (first === '`' && fence[2].includes('`')) return undefined;
      if (!closePara()) return undefined;
      const closing = new RegExp(`^ {0,3}${first === '`' ? '`' : '~'}{${fence[1].length},} *$`);
      let end = body.length;
      while (at < body.length) {
        const l = lineAt(body, at, noCR);
        at = l.next;
        if (closing.test(body.slice(l.start, l.end))) {
          end = l.end;
          break;
        }
      }
      out.ignored.push({ kind: 'code', start: base + line.start, end: base + end });
      continue;
    }
    if (first === '<') {
      if (!s.startsWith('<!--') || s.startsWith('<!-->') || s.startsWith('<!--->')) return undefined;
      if (!closePara()) return undefined;
      // An HTML block of comments runs to the end of the line where the first `-->` is, blank lines and all.
      const found = body.indexOf('-->', line.start + 4);
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

/**
 * A fast reader for the front matter accounts almost always have: `key: plain value` lines, comments, and
 * `units` as a flow list (`[LMCA5, LMCA4]`), a block list (`- LMCA5` lines) or a plain scalar. It returns
 * what the YAML library would give (same fields, same offsets) or undefined for anything else (quotes,
 * anchors, nesting, numbers, booleans, odd spacing), which then goes to the YAML library. Valid YAML only:
 * whatever could carry a problem is left to the library, which reports it with its position.
 */
import type { FrontMatter, UnitEntry } from './frontMatter';

/**
 * One line: blank or a comment (no groups), or `key:` then spaces (group 1 the key), and group 2 the rest of
 * the line when that is only spaces or a comment (no value on this line), else a lookahead for the value.
 * (Not an optional group 2: JavaScript does not let `( *)?` match an empty string.) One pattern per line,
 * where there were three patterns and two slices.
 */
const LINE = /^(?: *(?:#.*)?$|([A-Za-z_][A-Za-z0-9_-]*) *:(?: +|$)(?:( *(?:#.*)?)$|(?=[^])))/;
const ITEM = /^( *)- +/;
/** Plain scalars that the YAML core schema reads as something other than the text itself. */
const TYPED = /^(?:[-+.0-9]|(?:true|false|null|~)$)/i;
/** Characters that start something other than a plain scalar, or make the value ambiguous. */
const INDICATOR = /^[-?:,[\]{}#&*!|>'"%@`]/;

/*
 * The patterns below are constants rather than literals in the functions: a literal makes a new RegExp object
 * every time it is evaluated, and these run on every line of every account's front matter.
 */
/** What makes a plain value ambiguous (`: `, ` #`, a tab), and in a flow list the flow indicators too. */
const AMBIGUOUS = /: |:$| #|\t/;
const FLOW_INDICATOR = /[[\]{},:]/;
/** What may follow a flow list's `]`: spaces and a comment. */
const AFTER_FLOW = /^ *(?: #.*)?$/;
/** A blank or comment line. */
const BLANK_OR_COMMENT = /^ *(?:#.*)?$/;
/** A more-indented line that would continue a value. */
const CONTINUATION = /^ +\S/;

interface Span {
  text: string;
  start: number;
  end: number;
}

/** The value of [start, end) without a trailing comment and spaces; undefined when not a safe plain scalar. */
function plainValue(src: string, start: number, end: number, flow = false): Span | undefined {
  let raw = src.slice(start, end);
  const comment = raw.indexOf(' #');
  if (comment >= 0) raw = raw.slice(0, comment);
  let e = raw.length;
  while (e > 0 && raw.charCodeAt(e - 1) === 32) e--;
  if (e < raw.length) raw = raw.slice(0, e);
  if (raw === '' || INDICATOR.test(raw) || AMBIGUOUS.test(raw) || (flow && FLOW_INDICATOR.test(raw))) return undefined;
  return { text: raw, start, end: start + raw.length };
}

/** Items of a one-line flow list `[A, B]` starting at `start`; undefined when anything is unusual. */
function flowItems(src: string, start: number, end: number): Span[] | undefined {
  let raw = src.slice(start, end);
  const close = raw.indexOf(']');
  if (close < 0 || raw.indexOf('[', 1) >= 0) return undefined;
  const rest = raw.slice(close + 1);
  if (!AFTER_FLOW.test(rest)) return undefined;
  raw = raw.slice(1, close);
  if (raw.trim() === '') return [];
  const items: Span[] = [];
  let at = start + 1;
  for (const part of raw.split(',')) {
    const lead = part.length - part.trimStart().length;
    const item = plainValue(src, at + lead, at + part.length, true);
    if (!item || TYPED.test(item.text)) return undefined;
    items.push(item);
    at += part.length + 1;
  }
  return items;
}

const LINE_BREAK = /[\r\n]/g;

/** Lines of `src` (\n, \r\n or a lone \r ends one), found with the engine's search rather than a loop per character. */
function linesOf(src: string): Array<{ start: number; end: number }> {
  const lines: Array<{ start: number; end: number }> = [];
  const noCR = !src.includes('\r');
  for (let at = 0; ;) {
    let end: number;
    if (noCR) end = src.indexOf('\n', at);
    else {
      LINE_BREAK.lastIndex = at;
      end = LINE_BREAK.exec(src)?.index ?? -1;
    }
    if (end < 0) end = src.length;
    lines.push({ start: at, end });
    if (end >= src.length) return lines;
    at = end + (src.charCodeAt(end) === 13 && src.charCodeAt(end + 1) === 10 ? 2 : 1);
  }
}

/**
 * Front matter fields of the YAML in `src` (the text between the delimiters, at offset `base` of the file),
 * or undefined when the YAML library must read it. `splitUnitList` splits a plain-scalar `units` value.
 */
export function readSimpleFrontMatter(src: string, base: number, splitUnitList: (text: string, start: number) => UnitEntry[]):
  Pick<FrontMatter, 'title' | 'evidence' | 'units'> | undefined {
  const out: Pick<FrontMatter, 'title' | 'evidence' | 'units'> = { units: [] };
  const seen = new Set<string>();
  const lines = linesOf(src);
  for (let i = 0; i < lines.length; i++) {
    const { start, end } = lines[i];
    const m = LINE.exec(src.slice(start, end));
    if (!m) return undefined;
    const name = m[1];
    if (name === undefined) continue; // blank or a comment
    if (seen.has(name)) return undefined;
    seen.add(name);
    const empty = m[2] !== undefined;
    const valueStart = start + m[0].length - (empty ? m[2].length : 0);
    if (empty) {
      if (name !== 'units') return undefined;
      // A block list: `- LMCA5` lines (indented or not) up to the next key.
      let items = 0;
      let indent = -1;
      while (i + 1 < lines.length) {
        const next = lines[i + 1];
        const text = src.slice(next.start, next.end);
        if (BLANK_OR_COMMENT.test(text)) {
          i++;
          continue;
        }
        const item = ITEM.exec(text);
        if (!item) break;
        if (indent >= 0 && item[1].length !== indent) return undefined;
        indent = item[1].length;
        const value = plainValue(src, next.start + item[0].length, next.end);
        if (!value || TYPED.test(value.text)) return undefined;
        out.units.push({ text: value.text.trim(), start: base + value.start, end: base + value.end });
        items++;
        i++;
      }
      if (items === 0) return undefined;
      continue;
    }
    if (name === 'units' && src[valueStart] === '[') {
      const items = flowItems(src, valueStart, end);
      if (!items) return undefined;
      out.units = items.map((s) => ({ text: s.text.trim(), start: base + s.start, end: base + s.end }));
      continue;
    }
    const value = plainValue(src, valueStart, end);
    if (!value || TYPED.test(value.text)) return undefined;
    // A more-indented line after a value would continue it (a multi-line scalar): leave that to YAML.
    const next = lines[i + 1];
    if (next && src.charCodeAt(next.start) === 32 && CONTINUATION.test(src.slice(next.start, next.end))) return undefined;
    if (name === 'title') out.title = value.text.trim();
    else if (name === 'evidence') out.evidence = value.text.trim();
    else if (name === 'units') out.units = splitUnitList(value.text, base + value.start);
  }
  return out;
}

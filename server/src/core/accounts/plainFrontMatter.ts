/**
 * The front matter almost every account has, read without the YAML library: `key: value` lines whose values
 * are plain text, blank lines and comment lines, with `units` as plain text (`LMCA5, LMCB2`) or a one-line
 * list (`[LMCA5, LMCB2]`). Anything else (quotes, block lists, numbers, booleans, colons, `#`, brackets in a
 * value, indentation, tabs, a repeated key) is left to the library: the answer is then undefined. A front
 * matter read here is valid YAML and has no problems; the library reports every problem.
 *
 * Why a second reader: the library reads a five-line front matter in 30 µs once warmed up and 50–90 µs in a
 * process that reads a few thousand of them, which was a quarter of `reflective-accounts check` on 5,000
 * accounts and a sixth of the server's CPU indexing a tutor's caseload (docs/performance.md). The property
 * test in test/property/frontMatter.props.ts checks that whenever this reader answers, the library answers
 * the same, offsets included.
 */
import type { FrontMatter, UnitEntry } from './frontMatter';

export type FrontMatterFields = Pick<FrontMatter, 'units' | 'title' | 'evidence'>;

/** `key: value` on a line of its own; the value (group 2) is checked below. */
const KEY_VALUE = /^([A-Za-z_][A-Za-z0-9_-]*): +(.*)$/;
/** A blank line or a comment line. */
const NOTHING = /^ *(?:#.*)?$/;
/**
 * Plain text that the YAML core schema reads as the text itself: not starting with an indicator, a digit or
 * a dot, and holding no colon, `#` or bracket (which could start a mapping, a comment or a collection).
 */
const PLAIN = /^[^-?:,[\]{}#&*!|>'"%@`\s.0-9][^:#[\]{}]*$/;
/** What the core schema reads as a boolean or null rather than text. */
const TYPED = /^(?:true|false|null|~)$/i;
/** Characters whose YAML meaning this reader does not decide (tabs, controls, other line breaks, surrogates). */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this pattern looks for
const UNUSUAL = /[\t\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]/;

/** Splits "LMCA5, LMCA4" written as one scalar into entries with their own offsets. */
export function splitUnitList(text: string, start: number): UnitEntry[] {
  const out: UnitEntry[] = [];
  const re = /[^,\s[\]]+(?:[ \u00a0][0-9]{2}\b)?/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push({ text: m[0], start: start + m.index, end: start + m.index + m[0].length });
  }
  return out;
}

/** A value without its trailing spaces, when it is plain text; undefined otherwise. */
function plainText(value: string): string | undefined {
  const text = value.replace(/ +$/, '');
  return PLAIN.test(text) && !TYPED.test(text) ? text : undefined;
}

/** The entries of a one-line list `[A, B]` that starts at `start`, or undefined when any entry is not plain. */
function listEntries(value: string, start: number): UnitEntry[] | undefined {
  const close = value.indexOf(']');
  if (close < 0 || value.slice(close + 1).trim() !== '') return undefined;
  const inner = value.slice(1, close);
  if (inner.trim() === '') return [];
  const entries: UnitEntry[] = [];
  let at = start + 1;
  for (const part of inner.split(',')) {
    const lead = part.length - part.replace(/^ +/, '').length;
    const text = plainText(part.slice(lead));
    if (text === undefined) return undefined;
    entries.push({ text: text.trim(), start: at + lead, end: at + lead + text.length });
    at += part.length + 1;
  }
  return entries;
}

/**
 * The fields of the YAML `source` (the text between the `---` lines, at offset `base` of the account), or
 * undefined when the YAML library must read it.
 */
export function readPlainFrontMatter(source: string, base: number): FrontMatterFields | undefined {
  if (UNUSUAL.test(source)) return undefined;
  const fields: FrontMatterFields = { units: [] };
  const seen = new Set<string>();
  let lineStart = 0;
  for (const rawLine of source.split('\n')) {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    const at = lineStart;
    lineStart += rawLine.length + 1;
    if (NOTHING.test(line)) continue;
    const m = KEY_VALUE.exec(line);
    if (!m || seen.has(m[1]) || TYPED.test(m[1])) return undefined;
    seen.add(m[1]);
    const valueStart = at + line.length - m[2].length;
    if (m[1] === 'units' && m[2].startsWith('[')) {
      const entries = listEntries(m[2], base + valueStart);
      if (!entries) return undefined;
      fields.units = entries;
      continue;
    }
    const text = plainText(m[2]);
    if (text === undefined) return undefined;
    if (m[1] === 'title') fields.title = text.trim();
    else if (m[1] === 'evidence') fields.evidence = text.trim();
    else if (m[1] === 'units') fields.units = splitUnitList(text, base + valueStart);
  }
  return fields;
}

/**
 * YAML front matter of one account (title, evidence, units), read with the `yaml` library so errors carry
 * their position, unless it has the plain shape plainFrontMatter.ts reads alone (the same answer, sooner).
 * Never throws: a broken block yields problems and whatever could still be read.
 */
import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import { readPlainFrontMatter, splitUnitList } from './plainFrontMatter';

export interface UnitEntry {
  /** The entry as written ("LMCA5", "scdlmca5"). */
  text: string;
  start: number;
  end: number;
}

export interface FrontMatter {
  /** Offsets of the whole block including both `---` lines. */
  start: number;
  end: number;
  /** Offsets of the YAML between the delimiters. */
  yamlStart: number;
  yamlEnd: number;
  title?: string;
  evidence?: string;
  units: UnitEntry[];
}

export interface TextProblem {
  start: number;
  end: number;
  message: string;
}

const OPEN = /^\uFEFF?---[ \t]*(?:\r\n|\n|\r)/;
const CLOSE = /^(?:---|\.\.\.)[ \t]*$/m;

/** Locates the front matter block; undefined when the file does not start with one that is closed. */
export function findFrontMatter(
  text: string,
): { start: number; end: number; yamlStart: number; yamlEnd: number } | undefined {
  const open = OPEN.exec(text);
  if (!open) return undefined;
  const yamlStart = open[0].length;
  const rest = text.slice(yamlStart);
  const close = CLOSE.exec(rest);
  if (!close) return undefined;
  const yamlEnd = yamlStart + close.index;
  let end = yamlEnd + close[0].length;
  if (text[end] === '\r' && text[end + 1] === '\n') end += 2;
  else if (text[end] === '\n' || text[end] === '\r') end += 1;
  return { start: 0, end, yamlStart, yamlEnd };
}

function scalarString(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const v = node.value;
  return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
}

function rangeOf(node: YamlNode | null | undefined, base: number): { start: number; end: number } | undefined {
  const r = node?.range;
  return r ? { start: base + r[0], end: base + r[1] } : undefined;
}

type Block = NonNullable<ReturnType<typeof findFrontMatter>>;

/** The front matter of an account: its plain shape read directly, anything else by the YAML library. */
export function parseFrontMatter(text: string): { frontMatter?: FrontMatter; problems: TextProblem[] } {
  const block = findFrontMatter(text);
  if (!block) return { problems: [] };
  const source = yamlSource(text, block);
  const plain = readPlainFrontMatter(source, block.yamlStart);
  if (plain) return { frontMatter: { ...block, ...plain }, problems: [] };
  return readWithLibrary(text, block, source);
}

/**
 * The YAML between the delimiters. A lone CR ends a line in YAML 1.2 and in LSP, but the yaml library reads
 * it as part of the line; as a LF it has the same length, so every offset stays valid.
 */
function yamlSource(text: string, block: Block): string {
  const yaml = text.slice(block.yamlStart, block.yamlEnd);
  return yaml.includes('\r') ? yaml.replace(/\r(?!\n)/g, '\n') : yaml;
}

/** The front matter read with the YAML library (exported for the test comparing it with the plain reader). */
export function readWithLibrary(
  text: string,
  block: Block,
  source = yamlSource(text, block),
): { frontMatter: FrontMatter; problems: TextProblem[] } {
  const problems: TextProblem[] = [];
  const fm: FrontMatter = { ...block, units: [] };
  let doc;
  try {
    doc = parseDocument(source, { prettyErrors: false, uniqueKeys: true, strict: false });
  } catch (e) {
    problems.push({
      start: block.yamlStart,
      end: block.yamlEnd,
      message: `Front matter could not be read: ${String(e)}`,
    });
    return { frontMatter: fm, problems };
  }
  for (const err of doc.errors) {
    let [s, e] = err.pos;
    // Errors found at the end of the YAML (an unclosed bracket or quote) point at its last line, not at `---`.
    if (s >= source.trimEnd().length) {
      const lastLine = source.trimEnd().lastIndexOf('\n') + 1;
      s = lastLine;
      e = source.trimEnd().length;
    }
    const start = block.yamlStart + Math.min(s, source.length);
    const end = Math.max(start, block.yamlStart + Math.min(Math.max(e, s + 1), source.length));
    problems.push({ start, end, message: `Front matter is not valid YAML: ${err.message.split('\n')[0]}` });
  }
  const strictTypes = doc.errors.length === 0;
  if (doc.errors.length > 0 && !isMap(doc.contents)) return { frontMatter: fm, problems };
  if (doc.contents !== null && !isMap(doc.contents)) {
    const r = rangeOf(doc.contents as YamlNode, block.yamlStart) ?? { start: block.yamlStart, end: block.yamlEnd };
    problems.push({ ...r, message: 'Front matter should be a list of "key: value" lines (title, evidence, units)' });
    return { frontMatter: fm, problems };
  }
  const title = doc.get('title', true) as YamlNode | undefined;
  if (title !== undefined) {
    const s = scalarString(title);
    if (s !== undefined) fm.title = s.trim();
    else if (strictTypes) problems.push({ ...rangeOf(title, block.yamlStart)!, message: 'title should be text' });
  }
  const evidence = doc.get('evidence', true) as YamlNode | undefined;
  if (evidence !== undefined) {
    const s = scalarString(evidence);
    if ((s === undefined || s.trim() === '') && strictTypes) {
      problems.push({
        ...(rangeOf(evidence, block.yamlStart) ?? block),
        message: 'evidence should be a short text such as RA3',
      });
    } else if (s !== undefined && s.trim() !== '') fm.evidence = s.trim();
  }
  const units = doc.get('units', true) as YamlNode | undefined;
  if (units !== undefined && units !== null) {
    if (isSeq(units)) {
      for (const item of units.items) {
        const s = scalarString(item);
        const r = rangeOf(item as YamlNode, block.yamlStart);
        if (s === undefined || !r) {
          if (r && strictTypes)
            problems.push({ ...r, message: 'each entry of units should be a unit code such as LMCA5' });
          continue;
        }
        fm.units.push({ text: s.trim(), start: r.start, end: r.end });
      }
    } else if (isScalar(units) && typeof units.value === 'string') {
      const r = rangeOf(units, block.yamlStart)!;
      const raw = text.slice(r.start, r.end);
      fm.units.push(...splitUnitList(raw, r.start));
    } else if (strictTypes) {
      problems.push({
        ...(rangeOf(units, block.yamlStart) ?? block),
        message: 'units should be a list such as [LMCA5, LMCB2]',
      });
    }
  }
  return { frontMatter: fm, problems };
}

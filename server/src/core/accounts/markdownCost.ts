/**
 * The cap that keeps a body away from the CommonMark parser when it would keep it busy. micromark is linear on
 * ordinary text but not on deep nesting: `- - - … x` on one line, lists indented hundreds of levels, or
 * thousands of items with nested lists take time that grows with the square of their size (seconds at a few
 * thousand, minutes beyond), backtick runs of hundreds of different lengths are each retried to the end of
 * their paragraph, and above a megabyte even plain block quotes take seconds. `markdownCost` spots such a
 * body with one cheap pass over its line prefixes and says why; parseAccount then leaves the body unread.
 * Pure, never throws.
 */

/** Containers (block quotes and list items) one line may open or continue for the body to be parsed. */
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
function prefix(text: string, line: Line): { depth: number; lists: number } {
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
    return { depth: depth + (indent >> 1), lists };
  }
}

/** Why a body is too costly for the CommonMark parser, or undefined when it is fine to parse. */
export function markdownCost(body: string): string | undefined {
  if (body.length > MAX_PARSED_LENGTH)
    return `${body.length} characters, over ${MAX_PARSED_LENGTH} for the full Markdown parser`;
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

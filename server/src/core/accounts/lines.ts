/**
 * Offsets to line/column and back. Lines end at \n, \r\n or a lone \r, as LSP says; columns are UTF-16
 * code units, which is what JavaScript string offsets already are.
 */

/** Offsets at which each line starts. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  if (text.indexOf('\r') < 0) {
    // The usual case, done with the engine's own search rather than a loop over every character.
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (ch === 10 /* \n */) {
      starts.push(i + 1);
    }
  }
  return starts;
}

export interface Position {
  /** 0-based line. */
  line: number;
  /** 0-based UTF-16 column. */
  character: number;
}

export function positionAt(starts: readonly number[], offset: number): Position {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - starts[lo] };
}

/** Clamps positions past the end of a line or of the text, as editors may send them. */
export function offsetAt(starts: readonly number[], textLength: number, pos: Position): number {
  if (pos.line < 0) return 0;
  if (pos.line >= starts.length) return textLength;
  const lineEnd = pos.line + 1 < starts.length ? starts[pos.line + 1] : textLength;
  return Math.min(Math.max(starts[pos.line] + Math.max(pos.character, 0), starts[pos.line]), lineEnd);
}

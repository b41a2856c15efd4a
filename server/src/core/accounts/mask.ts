/**
 * What does not count, blanked out: the text an account's citations are scanned in, with code, comments and
 * the like replaced by spaces so that every offset stays that of the account's text.
 */
import type { Region } from './account';

/**
 * Replaces the ignored regions at or after `from` by spaces, keeping line breaks, so that offsets into the text
 * stay valid. The text before `from` is left as it is. Built as a list of pieces joined once: a flat copy,
 * where concatenating and a pattern per region cost a tenth of parsing an account.
 */
export function maskRegions(text: string, regions: readonly Region[], from: number): string {
  const parts: string[] = [];
  let at = 0;
  let breaks: LineBreakFinder | undefined; // made at the first region to mask: most accounts have none
  for (const r of regions) {
    const start = Math.max(r.start, at, from);
    const end = Math.min(r.end, text.length);
    if (end <= start) continue;
    parts.push(text.slice(at, start));
    blankOut(text, start, end, (breaks ??= new LineBreakFinder(text)), parts);
    at = end;
  }
  if (parts.length === 0) return text;
  parts.push(text.slice(at));
  return parts.join('');
}

/**
 * The next line break at or after an offset, for offsets that only grow: each search of the text starts where
 * the last one ended, so masking many regions on one long line stays linear.
 */
class LineBreakFinder {
  private lf = -2;
  private cr: number;

  constructor(private readonly text: string) {
    this.cr = text.indexOf('\r') < 0 ? -1 : -2;
  }

  /** Offset of the first \r or \n at or after `at`, or the text's length. */
  next(at: number): number {
    if (this.lf !== -1 && this.lf < at) this.lf = this.text.indexOf('\n', at);
    if (this.cr !== -1 && this.cr < at) this.cr = this.text.indexOf('\r', at);
    let found = this.text.length;
    if (this.lf >= 0) found = this.lf;
    if (this.cr >= 0 && this.cr < found) found = this.cr;
    return found;
  }
}

/** Pushes spaces for [start, end) of the text, with its line breaks kept where they are. */
function blankOut(text: string, start: number, end: number, breaks: LineBreakFinder, parts: string[]): void {
  for (let at = start; at < end;) {
    const brk = Math.min(breaks.next(at), end);
    if (brk > at) parts.push(' '.repeat(brk - at));
    if (brk === end) return;
    parts.push(text[brk]);
    at = brk + 1;
  }
}

/**
 * Where a suggested citation goes: at the end of the sentence the cursor is in, inside the sentence's full
 * stop (SQA asks for codes inline, where the claim occurs). A sentence that already ends with a bracketed
 * citation gets the new code added to that list: "(LMCA5/P5, LMCA5/P6)." rather than two brackets.
 */
import type { Account, Paragraph } from '../../accounts/account';
import type { CoreTextEdit } from '../codeActions';

const TERMINATOR = /[.!?]/;

/** Offset of the terminator ending the sentence at `offset`, or the end of the paragraph's text. */
function sentenceEnd(text: string, paragraph: Paragraph, offset: number): number {
  let at = Math.min(Math.max(offset, paragraph.start), paragraph.end);
  // A cursor just after a full stop belongs to the sentence it ends.
  if (at > paragraph.start && TERMINATOR.test(text[at - 1]) && (at === paragraph.end || /\s/.test(text[at] ?? '')))
    at--;
  for (let i = at; i < paragraph.end; i++) {
    if (!TERMINATOR.test(text[i])) continue;
    const next = text[i + 1];
    if (i + 1 >= paragraph.end || next === undefined || /[\s"'\u2019\u201d)]/.test(next)) return i;
  }
  let end = paragraph.end;
  while (end > paragraph.start && /\s/.test(text[end - 1])) end--;
  return end;
}

/** The edit that cites `code` at the end of the sentence containing `offset`. */
export function citationInsertion(
  text: string,
  account: Account,
  paragraph: Paragraph,
  offset: number,
  code: string,
): CoreTextEdit {
  let end = sentenceEnd(text, paragraph, offset);
  while (end > paragraph.start && /[ \t]/.test(text[end - 1])) end--;
  if (text[end - 1] === ')') {
    const close = end - 1;
    // The bracket holds a citation that ends right before it: continue that list.
    const last = account.citations.find(
      (c) =>
        c.end <= close &&
        c.end > paragraph.start &&
        /^\s*$/.test(text.slice(c.end, close)) &&
        text.lastIndexOf('(', c.start) >= paragraph.start &&
        text.lastIndexOf(')', close - 1) < c.start,
    );
    if (last) return { start: close, end: close, newText: `, ${code}` };
  }
  return { start: end, end, newText: ` (${code})` };
}

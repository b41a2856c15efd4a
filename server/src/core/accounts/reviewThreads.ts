/**
 * Review threads kept in the account itself, as HTML comments (so they travel with the files, show in git
 * diffs and never count as evidence). One thread is one comment block on its own lines, directly under the
 * line it is about:
 *
 *     I rang the family before the review meeting. LMCA5/P6
 *     <!-- review #k3f9 open
 *     J Smith, 2026-12-06 17:50 UTC:
 *       Can you say what the family said, and what you changed?
 *     Sam Carer, 2026-12-07 09:12 UTC:
 *       I have added a paragraph about it.
 *     -->
 *
 * A thread is anchored to the nearest line above it that is not part of another thread, so edits anywhere
 * around it move it with its line and several threads can stack under one line. No line numbers are stored.
 * `parseThreadComment(serialiseThread(t)) == t` and, for a thread written by this module,
 * `serialiseThread(parseThreadComment(text)) == text`: the format round-trips exactly.
 *
 * Pure; never throws.
 */
import { lineStarts, positionAt } from './lines';

export type ThreadStatus = 'open' | 'resolved';

export interface ReviewMessage {
  author: string;
  /** UTC, to the minute, ISO form: 2026-12-06T17:50Z. */
  at: string;
  /** Free text, may span lines. */
  body: string;
}

export interface ReviewThread {
  /** Short id, unique within the account: letters, digits, `-` and `_`. */
  id: string;
  status: ThreadStatus;
  messages: ReviewMessage[];
}

/** A thread found in an account's text, with where its comment is and the line it is about. */
export interface LocatedThread extends ReviewThread {
  /** Offsets of the comment `<!-- review … -->` itself. */
  start: number;
  end: number;
  /** 0-based line the thread is about. */
  anchorLine: number;
}

const HEAD = /^<!-- review #([A-Za-z0-9_-]+) (open|resolved)$/;
const MESSAGE_HEAD = /^(\S[^\n]*), (\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}) UTC:$/;
const ID = /^[A-Za-z0-9_-]+$/;
const AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z$/;

/**
 * Escapes what could end the comment early (`-->`) reversibly: `\` becomes `\\` and `-->` becomes `--\>`.
 * Line breaks are not escaped; the serialiser indents continuation lines instead.
 */
export function escapeCommentText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/-->/g, '--\\>');
}

export function unescapeCommentText(s: string): string {
  return s.replace(/\\([\\>])/g, '$1');
}

/** A message author as the format can hold it: one line, no spaces at either end, never empty. */
export function cleanAuthor(author: string): string {
  return author.replace(/[\r\n\t]+/g, ' ').trim() || 'Reviewer';
}

/** The minute of a date, as a thread stores it (2026-12-06T17:50Z). */
export function threadTime(date: Date): string {
  return date.toISOString().slice(0, 16) + 'Z';
}

/** Whether a value can be written and read back unchanged (what the property tests generate). */
export function isWritableThread(t: ReviewThread): boolean {
  return (
    ID.test(t.id) &&
    (t.status === 'open' || t.status === 'resolved') &&
    t.messages.length > 0 &&
    t.messages.every((m) => AT.test(m.at) && m.author === cleanAuthor(m.author) && !/\r/.test(m.body))
  );
}

/** The comment text of a thread, lines joined by `eol`. Message bodies are indented by two spaces. */
export function serialiseThread(t: ReviewThread, eol = '\n'): string {
  const lines = [`<!-- review #${t.id} ${t.status}`];
  for (const m of t.messages) {
    lines.push(`${escapeCommentText(cleanAuthor(m.author))}, ${m.at.slice(0, 10)} ${m.at.slice(11, 16)} UTC:`);
    // An empty line is written empty rather than as two spaces, which editors trim from line ends.
    for (const line of m.body.split('\n')) lines.push(line === '' ? '' : '  ' + escapeCommentText(line));
  }
  lines.push('-->');
  return lines.join(eol);
}

/** Reads one comment as a thread, or undefined when it is not a review thread comment. */
export function parseThreadComment(comment: string): ReviewThread | undefined {
  const lines = comment.split(/\r?\n/);
  const head = HEAD.exec(lines[0] ?? '');
  if (!head || lines.length < 2 || lines[lines.length - 1] !== '-->') return undefined;
  const messages: ReviewMessage[] = [];
  let body: string[] | undefined;
  for (const line of lines.slice(1, -1)) {
    const m = /^\S/.test(line) ? MESSAGE_HEAD.exec(line) : null;
    if (m) {
      body = [];
      messages.push({ author: unescapeCommentText(m[1]), at: `${m[2]}T${m[3]}Z`, body: '' });
      continue;
    }
    // Text before the first author line is kept as a message of no one, rather than lost.
    if (!body) {
      body = [];
      messages.push({ author: 'Unknown', at: '1970-01-01T00:00Z', body: '' });
    }
    body.push(unescapeCommentText(line.replace(/^ {1,2}/, '')));
    messages[messages.length - 1].body = body.join('\n');
  }
  if (messages.length === 0) return undefined;
  return { id: head[1], status: head[2] as ThreadStatus, messages };
}

/**
 * The threads of an account, from the comment regions its parser found (so a thread-shaped text inside a
 * code block is not a thread). A comment counts only when it starts a line.
 */
export function findThreads(text: string, comments: ReadonlyArray<{ start: number; end: number }>): LocatedThread[] {
  // Most accounts have no thread: they pay for one look at each comment's first characters.
  if (!comments.some((c) => text.startsWith('<!-- review #', c.start))) return [];
  const starts = lineStarts(text);
  const found: LocatedThread[] = [];
  for (const c of comments) {
    if (!text.startsWith('<!-- review #', c.start)) continue;
    const line = positionAt(starts, c.start).line;
    if (starts[line] !== c.start) continue;
    const thread = parseThreadComment(text.slice(c.start, c.end));
    if (!thread) continue;
    found.push({ ...thread, start: c.start, end: c.end, anchorLine: line });
  }
  // The anchor is the nearest line above that no thread occupies (threads stack under one line).
  for (let i = 0; i < found.length; i++) {
    let above = positionAt(starts, found[i].start).line - 1;
    for (let j = i - 1; j >= 0 && above >= 0 && positionAt(starts, found[j].end).line === above; j--)
      above = positionAt(starts, found[j].start).line - 1;
    found[i].anchorLine = Math.max(above, 0);
  }
  return found;
}

/** A replacement of [start, end) of the text. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

function eolOf(text: string): string {
  return /\r\n/.test(text) ? '\r\n' : '\n';
}

/**
 * Lines where a thread cannot go, because its comment would not be a comment there: the front matter and
 * fenced code. Found by a plain line scan so the client can ask without the full account parser.
 */
export function linesClosedToThreads(text: string): Set<number> {
  const lines = text.split(/\r?\n/);
  const closed = new Set<number>();
  let i = 0;
  if (/^\uFEFF?---\s*$/.test(lines[0] ?? '')) {
    closed.add(0);
    for (i = 1; i < lines.length; i++) {
      closed.add(i);
      if (/^(---|\.\.\.)\s*$/.test(lines[i])) break;
    }
    i++;
  }
  let fence: RegExp | undefined;
  for (; i < lines.length; i++) {
    const line = lines[i];
    if (fence) {
      closed.add(i);
      if (fence.test(line)) fence = undefined;
      continue;
    }
    const open = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (open) {
      closed.add(i);
      fence = new RegExp(`^ {0,3}${open[1][0] === '`' ? '`' : '~'}{${open[1].length},}\\s*$`);
    }
  }
  return closed;
}

/**
 * The edit that starts a thread about `line`: the comment goes under that line, after any threads already
 * there. Undefined when the line is in the front matter, fenced code or a thread's comment, or past the end.
 */
export function insertThreadEdit(
  text: string,
  threads: readonly LocatedThread[],
  line: number,
  thread: ReviewThread,
): TextEdit | undefined {
  const starts = lineStarts(text);
  if (line < 0 || line >= starts.length || linesClosedToThreads(text).has(line)) return undefined;
  // A line of a thread's own comment is no line of the account: comment on the line the thread is about.
  if (threads.some((t) => starts[line] >= t.start && starts[line] < t.end)) return undefined;
  const eol = eolOf(text);
  let after = lineEndOf(text, starts, line);
  for (const t of threads) if (t.anchorLine === line && t.end > after) after = t.end;
  return { start: after, end: after, newText: eol + serialiseThread(thread, eol) };
}

function lineEndOf(text: string, starts: readonly number[], line: number): number {
  const next = line + 1 < starts.length ? starts[line + 1] - 1 : text.length;
  return next > 0 && text[next - 1] === '\r' && next <= text.length && text[next] === '\n' ? next - 1 : next;
}

/** The edit that rewrites a thread found in the text (a reply added, resolved or reopened). */
export function replaceThreadEdit(text: string, located: LocatedThread, thread: ReviewThread): TextEdit {
  return { start: located.start, end: located.end, newText: serialiseThread(thread, eolOf(text)) };
}

/** The edit that deletes a thread, with the line break before it. */
export function deleteThreadEdit(text: string, located: LocatedThread): TextEdit {
  const before = text.slice(0, located.start).endsWith('\r\n')
    ? 2
    : text.slice(0, located.start).endsWith('\n')
      ? 1
      : 0;
  return { start: located.start - before, end: located.end, newText: '' };
}

export function applyEdit(text: string, edit: TextEdit): string {
  return text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
}

/**
 * A new id not used by any of the threads, from a random source in [0, 1): "r" and four letters or digits. The
 * "r" keeps it from reading as a colour (`#e209`), which editors would decorate.
 */
export function newThreadId(threads: readonly ReviewThread[], random: () => number): string {
  const used = new Set(threads.map((t) => t.id));
  for (;;) {
    const id =
      'r' +
      Math.floor(random() * 36 ** 4)
        .toString(36)
        .padStart(4, '0');
    if (!used.has(id)) return id;
  }
}

/**
 * The threads of a text without the account parser, for the editor's comments view: a comment block starting
 * a line (outside the front matter and fenced code) runs to the end of the first `-->`, as CommonMark's HTML
 * block of a comment does. Gives what `findThreads` gives over parseAccount's comment regions for threads
 * this module writes.
 */
export function scanThreads(text: string): LocatedThread[] {
  if (!text.includes('<!-- review #')) return [];
  const closed = linesClosedToThreads(text);
  const comments: Array<{ start: number; end: number }> = [];
  let line = 0;
  for (let at = 0; at <= text.length; line++) {
    const next = text.indexOf('\n', at);
    const lineEnd = next < 0 ? text.length : next;
    if (!closed.has(line) && text.startsWith('<!--', at)) {
      const close = text.indexOf('-->', at + 4);
      const end = close < 0 ? text.length : close + 3;
      comments.push({ start: at, end });
      // Skip to the line after the comment's end.
      const after = text.indexOf('\n', end);
      line += countBreaks(text, at, after < 0 ? text.length : after);
      if (after < 0) break;
      at = after + 1;
      continue;
    }
    if (next < 0) break;
    at = lineEnd + 1;
  }
  return findThreads(text, comments);
}

function countBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

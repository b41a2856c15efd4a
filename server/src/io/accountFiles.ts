/**
 * The one place that decides which files are accounts and which are skipped, for the CLI and the language
 * server alike: the include/exclude globs of a portfolio folder, and the skip rules (larger than
 * maxFileSize, binary, not UTF-8, unreadable), each with one message text. Everything is read through a
 * FileSystem (deps.ts), so the server's tests can run it over an in-memory disk.
 */
import { createHash } from 'node:crypto';
import picomatch from 'picomatch';
import type { Settings } from '../core';
import type { FileSystem } from './deps';
import { isInside, relativeInside } from './uris';

/** Why a file is not read as an account: the text said to the user (CLI stderr, the server's output). */
export const SKIP_REASON = {
  tooBig: (size: number, maxFileSize: number) =>
    `larger than reflectiveAccounts.maxFileSize (${size} > ${maxFileSize} bytes)`,
  binary: 'binary file (contains NUL bytes)',
  notUtf8: 'not valid UTF-8 text',
  unreadable: (e: unknown) => `could not be read: ${(e as Error)?.message ?? String(e)}`,
} as const;

/** A matcher for portfolio-relative paths written with forward slashes ("sub/ra1.md"), from the globs. */
export function accountMatcher(settings: Pick<Settings, 'include' | 'exclude'>): (relPath: string) => boolean {
  const include = picomatch(settings.include.length ? settings.include : ['**/*.md'], { dot: false, nocase: true });
  const exclude = settings.exclude.length ? picomatch(settings.exclude, { dot: true }) : () => false;
  return (p) => include(p) && !exclude(p);
}

/**
 * Each settings object's globs, compiled once, with the answer for each relative path met: a glob match cost
 * more than everything else the server does when a document is opened. Bounded: cleared when full.
 */
const matchers = new WeakMap<Settings, { matches: (rel: string) => boolean; known: Map<string, boolean> }>();
const MATCHES_KEPT = 50000;

/** True when `file` lies inside `folderPath` and the folder's include/exclude globs count it as an account. */
export function isAccountFile(folderPath: string, settings: Settings, file: string): boolean {
  const rel = relativeInside(folderPath, file);
  if (!isInside(rel)) return false;
  let m = matchers.get(settings);
  if (!m) matchers.set(settings, (m = { matches: accountMatcher(settings), known: new Map() }));
  let answer = m.known.get(rel);
  if (answer === undefined) {
    if (m.known.size >= MATCHES_KEPT) m.known.clear();
    m.known.set(rel, (answer = m.matches(rel.replace(/\\/g, '/'))));
  }
  return answer;
}

/** Every account file of a portfolio folder (native paths, sorted); .git and node_modules are never entered. */
export async function listAccounts(fs: FileSystem, root: string, settings: Settings): Promise<string[]> {
  return (await fs.listFiles(root, true)).filter((f) => isAccountFile(root, settings, f));
}

export type AccountRead = { text: string } | { skipped: string };

/**
 * The text of an account file, `{ skipped }` with the reason to tell the user, or undefined when nothing is
 * there. The size is asked first so that a file over maxFileSize is refused without reading it.
 */
export async function readAccount(fs: FileSystem, file: string, maxFileSize: number): Promise<AccountRead | undefined> {
  const stat = await fs.stat(file);
  if (!stat || stat.isDirectory) return undefined;
  if (stat.size > maxFileSize) return { skipped: SKIP_REASON.tooBig(stat.size, maxFileSize) };
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(file);
  } catch (e) {
    return { skipped: SKIP_REASON.unreadable(e) };
  }
  const decoded = decodeAccountBuffer(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), maxFileSize);
  return 'reason' in decoded ? { skipped: decoded.reason } : { text: decoded.text };
}

/**
 * Decodes a file as an account, or says why it is skipped: larger than maxFileSize, binary (NUL bytes) or
 * not valid UTF-8. A UTF-8 byte order mark is removed so that columns start at 1 on the first line.
 */
export function decodeAccount(bytes: Uint8Array, maxFileSize: number): { text: string } | { reason: string } {
  if (bytes.length > maxFileSize) return { reason: SKIP_REASON.tooBig(bytes.length, maxFileSize) };
  const probe = bytes.subarray(0, Math.min(bytes.length, 8000));
  if (probe.includes(0)) return { reason: SKIP_REASON.binary };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { reason: SKIP_REASON.notUtf8 };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text };
}

/**
 * decodeAccount's answer for `bytes`, reached faster in the usual case. Node's UTF-8 decoding puts U+FFFD
 * where bytes are not valid UTF-8, and keeps NUL as U+0000: text with neither came from valid UTF-8 with no
 * NUL byte, and then all that is left to do is what the fatal decoder does with byte order marks (it drops
 * one, decodeAccount one more). Anything else goes to decodeAccount itself. Checked against it in
 * test/unit/files.test.ts.
 */
export function decodeAccountBuffer(
  bytes: Buffer,
  maxFileSize: number,
  length = bytes.length,
): { text: string } | { reason: string } {
  if (length > maxFileSize) return { reason: SKIP_REASON.tooBig(length, maxFileSize) };
  // The first `length` bytes, decoded without a Buffer made for them (making one cost as much as decoding).
  const text = bytes.toString('utf8', 0, length);
  if (text.includes('\0') || text.includes('\uFFFD')) return decodeAccount(bytes.subarray(0, length), maxFileSize);
  if (text.charCodeAt(0) !== 0xfeff) return { text };
  return { text: text.slice(text.charCodeAt(1) === 0xfeff ? 2 : 1) };
}

/**
 * A digest of a text (SHA-1, by Node's native code): enough to notice that a closed account's file changed
 * when no watcher said so, even to a text of the same length. Native because it runs over every account read
 * while indexing, where a loop over the characters in JavaScript cost a fifth of the server's CPU.
 */
export function textDigest(text: string): string {
  return createHash('sha1').update(text).digest('base64');
}

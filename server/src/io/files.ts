/**
 * Reading accounts and user standards from disk, shared by the CLI and the language server. The only place
 * that decides which files are accounts (include/exclude globs) and which are skipped (too big, binary,
 * not UTF-8), so both front ends agree.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import type { Settings } from '../core/settings';

export interface SkippedFile {
  path: string;
  reason: string;
}

export interface AccountFile {
  path: string;
  text: string;
}

/** A matcher for portfolio-relative paths ("sub/ra1.md") built from include/exclude globs. */
export function accountMatcher(settings: Pick<Settings, 'include' | 'exclude'>): (relPath: string) => boolean {
  const matches = posixMatcher(settings);
  return (rel) => matches(rel.split(path.sep).join('/'));
}

/** The same, for paths already written with forward slashes. */
function posixMatcher(settings: Pick<Settings, 'include' | 'exclude'>): (posixPath: string) => boolean {
  const include = picomatch(settings.include.length ? settings.include : ['**/*.md'], { dot: false, nocase: true });
  const exclude = settings.exclude.length ? picomatch(settings.exclude, { dot: true }) : () => false;
  return (p) => include(p) && !exclude(p);
}

/** Directories never worth descending into, whatever the globs say. */
const ALWAYS_SKIPPED_DIRS = new Set(['.git', 'node_modules']);

/**
 * Every account path under `root` (an absolute, normalised path), sorted, without reading contents. Paths are
 * built by appending names, not with path.join and path.relative per file: for a thousand files those were a
 * tenth of a CLI run's listing and reading.
 */
export function listAccountPaths(root: string, settings: Pick<Settings, 'include' | 'exclude'>): string[] {
  const matches = posixMatcher(settings);
  const out: string[] = [];
  const walk = (dir: string, rel: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    const prefix = dir.endsWith(path.sep) ? dir : dir + path.sep;
    for (const e of entries) {
      const relName = rel + e.name;
      if (e.isDirectory()) {
        if (!ALWAYS_SKIPPED_DIRS.has(e.name)) walk(prefix + e.name, relName + '/');
      } else if (e.isFile() && matches(relName)) {
        out.push(prefix + e.name);
      }
    }
  };
  walk(root, '');
  return out.sort();
}

/**
 * Decodes a file as an account, or says why it is skipped: larger than maxFileSize, binary (NUL bytes) or
 * not valid UTF-8. A UTF-8 byte order mark is removed so that columns start at 1 on the first line.
 */
export function decodeAccount(bytes: Uint8Array, maxFileSize: number): { text: string } | { reason: string } {
  if (bytes.length > maxFileSize) return { reason: tooBig(bytes.length, maxFileSize) };
  const probe = bytes.subarray(0, Math.min(bytes.length, 8000));
  if (probe.includes(0)) return { reason: 'binary file (contains NUL bytes)' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { reason: 'not valid UTF-8 text' };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text };
}

function tooBig(size: number, maxFileSize: number): string {
  return `larger than reflectiveAccounts.maxFileSize (${size} > ${maxFileSize} bytes)`;
}

/**
 * decodeAccount's answer for `bytes`, reached faster in the usual case. Node's UTF-8 decoding puts U+FFFD
 * where bytes are not valid UTF-8, and keeps NUL as U+0000: text with neither came from valid UTF-8 with no
 * NUL byte, and then all that is left to do is what the fatal decoder does with byte order marks (it drops
 * one, decodeAccount one more). Anything else goes to decodeAccount itself. Checked against it in
 * test/unit/files.test.ts.
 */
export function decodeAccountBuffer(bytes: Buffer, maxFileSize: number, length = bytes.length): { text: string } | { reason: string } {
  if (length > maxFileSize) return { reason: tooBig(length, maxFileSize) };
  // The first `length` bytes, decoded without a Buffer made for them (making one cost as much as decoding).
  const text = bytes.toString('utf8', 0, length);
  if (text.includes('\0') || text.includes('\uFFFD')) return decodeAccount(bytes.subarray(0, length), maxFileSize);
  if (text.charCodeAt(0) !== 0xfeff) return { text };
  return { text: text.slice(text.charCodeAt(1) === 0xfeff ? 2 : 1) };
}

/** Where the CLI reads files into: most accounts fit; a bigger file gets a buffer of its own. */
const SHARED_SIZE = 64 * 1024;
let shared: Buffer | undefined;

/**
 * Reads a file whole with as few system calls as can be: open, read to the end, close. Its size is asked
 * (fstat) only when it does not fit the shared buffer, so that a file over maxFileSize is refused without
 * reading it all. Returns the bytes (the first `length` of a buffer, the shared one valid until the next call)
 * or the reason.
 */
function readBounded(file: string, maxFileSize: number): { bytes: Buffer; length: number } | string {
  const fd = fs.openSync(file, 'r');
  try {
    let buf = (shared ??= Buffer.allocUnsafe(SHARED_SIZE));
    let len = 0;
    for (;;) {
      if (len === buf.length) {
        const size = fs.fstatSync(fd).size;
        if (size > maxFileSize) return tooBig(size, maxFileSize);
        // Room for all of it and one byte more, to see the end (or that it grew meanwhile).
        const bigger = Buffer.allocUnsafe(Math.max(size + 1, len * 2));
        buf.copy(bigger, 0, 0, len);
        buf = bigger;
      }
      const n = fs.readSync(fd, buf, len, buf.length - len, null);
      if (n === 0) break;
      len += n;
    }
    return { bytes: buf, length: len };
  } finally {
    fs.closeSync(fd);
  }
}

export function readAccountFile(file: string, maxFileSize: number): AccountFile | SkippedFile {
  let read: { bytes: Buffer; length: number } | string;
  try {
    read = readBounded(file, maxFileSize);
  } catch (e) {
    return { path: file, reason: `could not be read: ${(e as Error).message}` };
  }
  if (typeof read === 'string') return { path: file, reason: read };
  const decoded = decodeAccountBuffer(read.bytes, maxFileSize, read.length);
  return 'text' in decoded ? { path: file, text: decoded.text } : { path: file, reason: decoded.reason };
}

export function isSkipped(f: AccountFile | SkippedFile): f is SkippedFile {
  return 'reason' in f;
}

/** JSON files of user standards: `.standards/*.json` in the folder plus every configured path (file or folder). */
export function listStandardsFiles(root: string | undefined, standardsPaths: readonly string[]): string[] {
  const out = new Set<string>();
  const addDir = (dir: string): void => {
    try {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        if (e.isFile() && e.name.toLowerCase().endsWith('.json')) out.add(path.join(dir, e.name));
      }
    } catch {
      // a missing folder simply has no standards
    }
  };
  if (root) addDir(path.join(root, '.standards'));
  for (const p of standardsPaths) {
    const full = root && !path.isAbsolute(p) ? path.join(root, p) : p;
    try {
      if (fs.statSync(full).isDirectory()) addDir(full);
      else out.add(full);
    } catch {
      out.add(full); // reported as unreadable by the loader, so the user learns the path is wrong
    }
  }
  return [...out].sort();
}

/**
 * URIs, paths and account files for the language server: one spelling per file URI, which files of a folder
 * are accounts (the include/exclude globs of files.ts, compiled once per settings object), and reading an
 * account through the server's FileSystem with the same skip rules as the CLI (too big, binary, not UTF-8).
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Settings } from '../core/settings';
import type { FileSystem } from './deps';
import { accountMatcher, decodeAccount } from './files';

/**
 * A file URI spelled the way VS Code spells it (vscode-uri: every character but letters, digits, `-._~` and
 * `/` percent-encoded, drive letters lower case), so that URIs the server makes for files it read from disk
 * compare equal to the ones the VS Code client holds, even for names like "Jane's portfolio (2024)".
 */
export function pathToUri(p: string): string {
  // The usual name has nothing to encode: the general spelling loops over every character.
  return PLAIN_POSIX_PATH.test(p) ? 'file://' + p : encodedFileUri(p);
}

/** The spelling of pathToUri for any path, character by character. */
export function encodedFileUri(p: string): string {
  let posix = path.sep === '\\' ? p.replace(/\\/g, '/') : p;
  if (/^[A-Za-z]:/.test(posix)) posix = '/' + posix[0].toLowerCase() + posix.slice(1);
  else if (!posix.startsWith('/')) posix = '/' + posix;
  let encoded = '';
  for (const ch of posix) {
    encoded += /[A-Za-z0-9\-._~/]/.test(ch) ? ch
      : encodeURIComponent(ch).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
  }
  return 'file://' + encoded;
}

/** An absolute POSIX path of characters a file URI leaves as they are. */
const PLAIN_POSIX_PATH = /^\/[A-Za-z0-9\-._~/]*$/;
/** A file URI already in that spelling (no host, no percent sign, nothing to decode): normalising it changes nothing. */
const PLAIN_FILE_URI = /^file:\/\/\/[A-Za-z0-9\-._~/]*$/;

/** One spelling per file, so that a URI from any client and one made from a path name the same account. */
export function normalizeUri(uri: string): string {
  // Asked on every message about a document: parsing it as a URL each time was a few percent of the server's work.
  if (isPlainFileUri(uri)) return uri;
  const file = uriToPath(uri);
  return file === undefined ? uri : pathToUri(file);
}

/** A file URI whose path is its own text after `file://` (on POSIX), with nothing to decode or resolve. */
function isPlainFileUri(uri: string): boolean {
  return path.sep === '/' && PLAIN_FILE_URI.test(uri) && !hasDotSegment(uri) && !uri.includes('//', 8);
}

/** A `.` or `..` segment, which URL parsing would resolve. */
function hasDotSegment(uri: string): boolean {
  return uri.includes('/./') || uri.includes('/../') || uri.endsWith('/.') || uri.endsWith('/..');
}

export function uriToPath(uri: string): string | undefined {
  if (isPlainFileUri(uri)) return uri.slice('file://'.length);
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}


/**
 * The folder settings' globs, compiled once, with the answer for each relative path met: a glob match cost
 * more than everything else the server does when a document is opened. Bounded: cleared when full.
 */
const matchers = new WeakMap<Settings, { matches: (rel: string) => boolean; known: Map<string, boolean> }>();
const MATCHES_KEPT = 50000;

/** An empty, `.` or `..` segment (either separator): something path.relative would resolve. */
const NOT_PLAIN_REST = /(^|[\\/])\.{0,2}([\\/]|$)/;

/**
 * path.relative, without its work for the usual case (asked for every document and every folder): a file
 * below the folder whose remaining path has nothing to resolve is the remaining path itself.
 */
function relativeInside(folderPath: string, file: string): string {
  const prefix = folderPath.endsWith(path.sep) ? folderPath : folderPath + path.sep;
  if (file.startsWith(prefix) && path.isAbsolute(folderPath)) {
    const rest = file.slice(prefix.length);
    if (rest && !NOT_PLAIN_REST.test(rest) && (path.sep === '/' || !rest.includes('/'))) return rest;
  }
  return path.relative(folderPath, file);
}

/** True when `file` lies inside `folderPath` and the folder's include/exclude globs count it as an account. */
export function isAccountFile(folderPath: string, settings: Settings, file: string): boolean {
  const rel = relativeInside(folderPath, file);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return false;
  let m = matchers.get(settings);
  if (!m) matchers.set(settings, (m = { matches: accountMatcher(settings), known: new Map() }));
  let answer = m.known.get(rel);
  if (answer === undefined) {
    if (m.known.size >= MATCHES_KEPT) m.known.clear();
    m.known.set(rel, (answer = m.matches(rel)));
  }
  return answer;
}

/** The text of an account file, `{ skipped }` with the reason to tell the user, or undefined when it is gone. */
export async function readAccountText(fs: FileSystem, file: string, maxFileSize: number): Promise<{ text: string } | { skipped: string } | undefined> {
  const stat = await fs.stat(file);
  if (!stat || stat.isDirectory) return undefined;
  if (stat.size > maxFileSize) return { skipped: `larger than reflectiveAccounts.maxFileSize (${stat.size} > ${maxFileSize} bytes)` };
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(file);
  } catch (e) {
    return { skipped: `could not be read: ${(e as Error).message}` };
  }
  const decoded = decodeAccount(bytes, maxFileSize);
  return 'reason' in decoded ? { skipped: decoded.reason } : { text: decoded.text };
}

/**
 * A 32-bit digest of a text (FNV-1a over its UTF-16 code units): enough to notice that a closed account's
 * file changed when no watcher said so, even to a text of the same length. Not for anything adversarial.
 */
export function textDigest(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

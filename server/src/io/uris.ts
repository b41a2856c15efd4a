/**
 * Account ids are file URIs everywhere (server and CLI); a path is made from one only to read the file, and a
 * name to show people only when printing (displayPath, relative to the portfolio folder).
 *
 * One spelling per file: VS Code's (vscode-uri), so that URIs made for files read from disk compare equal to
 * the ones the VS Code client holds, even for names like "Jane's portfolio (2024)".
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { URI } from 'vscode-uri';

/** The file URI of a native path, spelled as vscode-uri spells it. */
export function pathToUri(p: string): string {
  // The usual name has nothing to encode: asked for every file of a folder, URI.file was a visible cost.
  return PLAIN_POSIX_PATH.test(p) ? 'file://' + p : encodedFileUri(p);
}

/**
 * The spelling of pathToUri for any path: vscode-uri's. On POSIX a path may start with several slashes
 * (`//x` is `/x`), which URI.file would take for a network share's host: they are made one.
 */
export function encodedFileUri(p: string): string {
  return URI.file(path.sep === '/' ? p.replace(/^\/+/, '/') : p).toString();
}

/** An absolute POSIX path of characters a file URI leaves as they are (and not starting with two slashes). */
const PLAIN_POSIX_PATH = /^\/(?!\/)[A-Za-z0-9\-._~/]*$/;
/** A file URI already in that spelling (no host, no percent sign, nothing to decode): normalising it changes nothing. */
const PLAIN_FILE_URI = /^file:\/\/\/[A-Za-z0-9\-._~/]*$/;

/** One spelling per file, so that a URI from any client and one made from a path name the same account. */
export function normalizeUri(uri: string): string {
  // Asked on every message about a document: parsing it as a URL each time was a few percent of the server's work.
  if (isPlainFileUri(uri)) return uri;
  const file = uriToPath(uri);
  return file === undefined ? uri : pathToUri(file);
}

/**
 * The native path of a file URI (dot segments resolved, as URL parsing does), or undefined for other schemes
 * and for file URIs naming another host, which are not on this machine's disk.
 */
export function uriToPath(uri: string): string | undefined {
  if (isPlainFileUri(uri)) return uri.slice('file://'.length);
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

/** A file URI whose path is its own text after `file://` (on POSIX), with nothing to decode or resolve. */
function isPlainFileUri(uri: string): boolean {
  return path.sep === '/' && PLAIN_FILE_URI.test(uri) && !hasDotSegment(uri) && !uri.includes('//', 7);
}

/** A `.` or `..` segment, which URL parsing would resolve. */
function hasDotSegment(uri: string): boolean {
  return uri.includes('/./') || uri.includes('/../') || uri.endsWith('/.') || uri.endsWith('/..');
}

/**
 * How an account is named to people: its path relative to the portfolio folder, with forward slashes, the
 * same wherever the command is run. A file outside the folder (or not a file URI) keeps its full path or URI.
 */
export function displayPath(uri: string, folderPath: string): string {
  const file = uriToPath(uri);
  if (file === undefined) return uri;
  const rel = relativeInside(folderPath, file);
  if (!isInside(rel)) return file;
  return path.sep === '/' ? rel : rel.split(path.sep).join('/');
}

/** An empty, `.` or `..` segment (either separator): something path.relative would resolve. */
const NOT_PLAIN_REST = /(^|[\\/])\.{0,2}([\\/]|$)/;

/**
 * path.relative, without its work for the usual case (asked for every document and every file): a file
 * below the folder whose remaining path has nothing to resolve is the remaining path itself.
 */
export function relativeInside(folderPath: string, file: string): string {
  const prefix = folderPath.endsWith(path.sep) ? folderPath : folderPath + path.sep;
  if (file.startsWith(prefix) && path.isAbsolute(folderPath)) {
    const rest = file.slice(prefix.length);
    if (rest && !NOT_PLAIN_REST.test(rest) && (path.sep === '/' || !rest.includes('/'))) return rest;
  }
  return path.relative(folderPath, file);
}

/** Whether a relative path (from relativeInside) names something strictly inside the folder. */
export function isInside(rel: string): boolean {
  return rel !== '' && rel !== '..' && !rel.startsWith('..' + path.sep) && !path.isAbsolute(rel);
}

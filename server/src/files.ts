/**
 * Reading accounts and user standards from disk, shared by the CLI and the language server. The only place
 * that decides which files are accounts (include/exclude globs) and which are skipped (too big, binary,
 * not UTF-8), so both front ends agree.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import type { Settings } from './core/settings';

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
  const include = picomatch(settings.include.length ? settings.include : ['**/*.md'], { dot: false, nocase: true });
  const exclude = settings.exclude.length ? picomatch(settings.exclude, { dot: true }) : () => false;
  return (rel) => {
    const p = rel.split(path.sep).join('/');
    return include(p) && !exclude(p);
  };
}

/** Directories never worth descending into, whatever the globs say. */
const ALWAYS_SKIPPED_DIRS = new Set(['.git', 'node_modules']);

/** Every account path under `root`, sorted, without reading contents. */
export function listAccountPaths(root: string, settings: Pick<Settings, 'include' | 'exclude'>): string[] {
  const matches = accountMatcher(settings);
  const out: string[] = [];
  const walk = (dir: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!ALWAYS_SKIPPED_DIRS.has(e.name)) walk(full);
      } else if (e.isFile() && matches(path.relative(root, full))) {
        out.push(full);
      }
    }
  };
  walk(root);
  return out.sort();
}

/**
 * Decodes a file as an account, or says why it is skipped: larger than maxFileSize, binary (NUL bytes) or
 * not valid UTF-8. A UTF-8 byte order mark is removed so that columns start at 1 on the first line.
 */
export function decodeAccount(bytes: Uint8Array, maxFileSize: number): { text: string } | { reason: string } {
  if (bytes.length > maxFileSize) {
    return { reason: `larger than reflectiveAccounts.maxFileSize (${bytes.length} > ${maxFileSize} bytes)` };
  }
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

export function readAccountFile(file: string, maxFileSize: number): AccountFile | SkippedFile {
  let bytes: Uint8Array;
  try {
    const stat = fs.statSync(file);
    if (stat.size > maxFileSize) {
      return { path: file, reason: `larger than reflectiveAccounts.maxFileSize (${stat.size} > ${maxFileSize} bytes)` };
    }
    bytes = fs.readFileSync(file);
  } catch (e) {
    return { path: file, reason: `could not be read: ${(e as Error).message}` };
  }
  const decoded = decodeAccount(bytes, maxFileSize);
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

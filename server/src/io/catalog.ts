/**
 * The catalogue of one portfolio, for the CLI and the language server alike: the bundled units plus the
 * user's `.standards/*.json` and `reflectiveAccounts.standardsPaths`, read through a FileSystem and validated.
 * A bad user file is reported (file, JSON path, message) and skipped; the bundled units always load.
 */
import * as path from 'node:path';
import { bundledUnits } from './bundled';
import {
  buildCatalog,
  validateUnitJson,
  type Catalog,
  type CatalogProblem,
  type Settings,
  type UnitSource,
} from '../core';
import type { FileSystem } from './deps';
import { SKIP_REASON } from './accountFiles';

export interface FolderCatalog {
  catalog: Catalog;
  /** Problems with user files and settings, for the server's output and the CLI's stderr. */
  problems: CatalogProblem[];
  /** The user standards files read, so watchers know which changes matter. */
  files: string[];
}

/** One catalogue of the bundled units alone, shared by every portfolio that adds nothing, with its caches. */
let bundledOnly: Catalog | undefined;

/**
 * Where a `standardsPaths` entry points: an absolute path as it is, a relative one inside the portfolio
 * folder (for the CLI's --standards too, so a portfolio's settings mean the same wherever it is checked).
 * Undefined for a relative path with no folder to be relative to (a single file opened on its own).
 */
export function resolveStandardsPath(root: string | undefined, p: string): string | undefined {
  if (path.isAbsolute(p)) return path.resolve(p);
  return root === undefined ? undefined : path.resolve(root, p);
}

/** JSON files of user standards: `.standards/*.json` in the folder plus every configured path (file or folder). */
export async function listStandardsFiles(
  fs: FileSystem,
  root: string | undefined,
  standardsPaths: readonly string[],
): Promise<string[]> {
  const out = new Set<string>();
  const isJson = (f: string) => f.toLowerCase().endsWith('.json');
  if (root) for (const f of await fs.listFiles(path.join(root, '.standards'), false)) if (isJson(f)) out.add(f);
  for (const p of standardsPaths) {
    const full = resolveStandardsPath(root, p);
    if (full === undefined) continue;
    const stat = await fs.stat(full);
    if (stat?.isDirectory)
      for (const f of await fs.listFiles(full, false)) {
        if (isJson(f)) out.add(f);
      }
    else out.add(full); // a missing file is reported by the reader, so the user learns the path is wrong
  }
  return [...out].sort();
}

async function readUserUnits(
  fs: FileSystem,
  files: readonly string[],
): Promise<{ sources: UnitSource[]; problems: CatalogProblem[] }> {
  const sources: UnitSource[] = [];
  const problems: CatalogProblem[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = new TextDecoder('utf-8').decode(await fs.readFile(file));
    } catch (e) {
      problems.push({ origin: file, message: SKIP_REASON.unreadable(e) });
      continue;
    }
    const { unit, problems: unitProblems } = validateUnitJson(text);
    for (const p of unitProblems) problems.push({ origin: file, message: `${p.path || '/'}: ${p.message}` });
    if (unit) sources.push({ origin: file, data: unit });
  }
  return { sources, problems };
}

/** The bundled units alone, shared (with their search indexes and unit documents) by every portfolio. */
export function bundledCatalog(): FolderCatalog {
  bundledOnly ??= buildCatalog(bundledUnits());
  return { catalog: bundledOnly, problems: [], files: [] };
}

/**
 * The catalogue of the portfolio rooted at `root` (undefined: a file on its own). `trusted: false` (an
 * untrusted workspace) loads no user standards at all: a folder must not be able to feed the server files
 * it has not been trusted with.
 */
export async function loadCatalog(
  fs: FileSystem,
  root: string | undefined,
  settings: Pick<Settings, 'standardsPaths' | 'unitAliases'>,
  trusted: boolean,
): Promise<FolderCatalog> {
  const files = trusted ? await listStandardsFiles(fs, root, settings.standardsPaths) : [];
  const user = await readUserUnits(fs, files);
  if (user.sources.length === 0 && Object.keys(settings.unitAliases).length === 0) {
    return { ...bundledCatalog(), problems: user.problems, files };
  }
  const catalog = buildCatalog([...bundledUnits(), ...user.sources], settings.unitAliases);
  return { catalog, problems: [...user.problems, ...catalog.problems], files };
}

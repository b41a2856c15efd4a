/**
 * The catalogue of one portfolio for the language server: bundled units plus the user's `.standards/*.json`
 * and `reflectiveAccounts.standardsPaths`, read through the server's FileSystem (so tests can fake it) and
 * validated like the CLI does. A bad user file is reported and skipped; the bundled units always load.
 */
import * as path from 'node:path';
import { bundledUnits } from './bundled';
import { createPortfolio } from '../core/coverage/portfolio';
import { buildCatalog, type Catalog, type CatalogProblem, type UnitSource } from '../core/standards/standards';
import type { Settings } from '../core/settings';
import { validateUnitJson } from '../core/standards/validateUnit';
import type { FileSystem } from './deps';
import type { Folder } from '../lsp/workspaceTypes';

export interface FolderCatalog {
  catalog: Catalog;
  problems: CatalogProblem[];
  /** The user standards files read, so watchers know which changes matter. */
  files: string[];
}

/** One catalogue of the bundled units alone, shared by every portfolio that adds nothing, with its caches. */
let bundledOnly: Catalog | undefined;

async function standardsFiles(fs: FileSystem, root: string | undefined, standardsPaths: readonly string[]): Promise<string[]> {
  const out = new Set<string>();
  const isJson = (f: string) => f.toLowerCase().endsWith('.json');
  if (root) for (const f of await fs.listFiles(path.join(root, '.standards'), false)) if (isJson(f)) out.add(f);
  for (const p of standardsPaths) {
    if (!root && !path.isAbsolute(p)) continue; // relative to nothing: a single file opened without a folder
    const full = root && !path.isAbsolute(p) ? path.join(root, p) : p;
    const stat = await fs.stat(full);
    if (stat?.isDirectory) for (const f of await fs.listFiles(full, false)) { if (isJson(f)) out.add(f); }
    else out.add(full); // a missing file is reported by the reader, so the user learns the path is wrong
  }
  return [...out].sort();
}

async function readUserUnits(fs: FileSystem, files: readonly string[]): Promise<{ sources: UnitSource[]; problems: CatalogProblem[] }> {
  const sources: UnitSource[] = [];
  const problems: CatalogProblem[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = new TextDecoder('utf-8').decode(await fs.readFile(file));
    } catch (e) {
      problems.push({ origin: file, message: `could not be read: ${(e as Error).message}` });
      continue;
    }
    acceptUserUnit(file, text, sources, problems);
  }
  return { sources, problems };
}

/** Validates one user unit file's text: a source when it is a valid unit, problems (JSON path, message) otherwise. */
export function acceptUserUnit(file: string, text: string, sources: UnitSource[], problems: CatalogProblem[]): void {
  const { unit, problems: unitProblems } = validateUnitJson(text);
  for (const p of unitProblems) problems.push({ origin: file, message: `${p.path || '/'}: ${p.message}` });
  if (unit) sources.push({ origin: file, data: unit });
}

/** The bundled units alone, shared (with their search indexes and unit documents) by every portfolio. */
export function bundledCatalog(): FolderCatalog {
  bundledOnly ??= buildCatalog(bundledUnits());
  return { catalog: bundledOnly, problems: [], files: [] };
}

/**
 * `trusted: false` (an untrusted workspace) loads no user standards at all: a folder must not be able to
 * feed the server files it has not been trusted with.
 */
export async function loadFolderCatalog(fs: FileSystem, root: string | undefined, settings: Settings, trusted: boolean): Promise<FolderCatalog> {
  const files = trusted ? await standardsFiles(fs, root, settings.standardsPaths) : [];
  const user = await readUserUnits(fs, files);
  if (user.sources.length === 0 && Object.keys(settings.unitAliases).length === 0) {
    return { ...bundledCatalog(), problems: user.problems, files };
  }
  const catalog = buildCatalog([...bundledUnits(), ...user.sources], settings.unitAliases);
  return { catalog, problems: [...user.problems, ...catalog.problems], files };
}

/** A portfolio folder (or a single file's portfolio) with its catalogue and nothing indexed yet. */
export function newFolder(uri: string, name: string, folderPath: string | undefined, settings: Settings, catalog: FolderCatalog): Folder {
  return {
    uri, name, path: folderPath, settings, catalog: catalog.catalog, standardsFiles: catalog.files,
    portfolio: createPortfolio(uri), ready: Promise.resolve(), indexRun: 0, indexing: 0,
  };
}

/** Whether a changed file is one of the folder's unit files (read, in .standards/, or in a standards path). */
export function isStandardsFileOf(folder: Folder, file: string): boolean {
  if (!folder.path || !file.toLowerCase().endsWith('.json')) return false;
  const dir = path.dirname(file);
  return folder.standardsFiles.includes(file) || dir === path.join(folder.path, '.standards') ||
    folder.settings.standardsPaths.some((p) => path.resolve(folder.path!, p) === dir);
}

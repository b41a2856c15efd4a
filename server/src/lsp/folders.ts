/**
 * The portfolios the server knows: one per workspace folder, and a single-file portfolio for each document
 * outside every folder ("loose"), with the settings and catalogue such documents use. Answers which
 * portfolio owns a file.
 */
import * as path from 'node:path';
import { createPortfolio, readSettings, type Settings } from '../core';
import { isAccountFile } from '../io/accountFiles';
import { bundledCatalog, resolveStandardsPath, type FolderCatalog } from '../io/catalog';
import { uriToPath } from '../io/uris';
import type { Folder } from './types';

/** A portfolio folder (or a single file's portfolio) with its catalogue and nothing indexed yet. */
export function newFolder(
  uri: string,
  name: string,
  folderPath: string | undefined,
  settings: Settings,
  catalog: FolderCatalog,
): Folder {
  return {
    uri,
    name,
    path: folderPath,
    settings,
    catalog: catalog.catalog,
    standardsFiles: catalog.files,
    portfolio: createPortfolio(uri),
    ready: Promise.resolve(),
    indexRun: 0,
    indexing: 0,
  };
}

/** Whether `file` is an account of a workspace folder by its include/exclude globs. */
export function isAccountOf(folder: Folder, file: string): boolean {
  return !!folder.path && isAccountFile(folder.path, folder.settings, file);
}

/** Whether a changed file is one of the folder's unit files (read, in .standards/, or in a standards path). */
export function isStandardsFileOf(folder: Folder, file: string): boolean {
  if (!folder.path || !file.toLowerCase().endsWith('.json')) return false;
  const dir = path.dirname(file);
  return (
    folder.standardsFiles.includes(file) ||
    dir === path.join(folder.path, '.standards') ||
    folder.settings.standardsPaths.some((p) => resolveStandardsPath(folder.path, p) === dir)
  );
}

export function createFolders() {
  /** Workspace folders by normalised URI. */
  const folders = new Map<string, Folder>();
  /** Single-file portfolios by the document's normalised URI. */
  const loose = new Map<string, Folder>();
  // Documents outside every folder use the settings without a scope and no workspace standards.
  let looseSettings: Settings = readSettings({});
  let looseCatalog: FolderCatalog = bundledCatalog();

  function all(): Folder[] {
    return [...folders.values(), ...loose.values()];
  }

  return {
    get looseSettings(): Settings {
      return looseSettings;
    },
    set looseSettings(s: Settings) {
      looseSettings = s;
    },
    get looseCatalog(): FolderCatalog {
      return looseCatalog;
    },
    set looseCatalog(c: FolderCatalog) {
      looseCatalog = c;
    },

    add(folder: Folder): void {
      folders.set(folder.uri, folder);
    },
    /** False when no workspace folder has that URI. */
    remove(key: string): boolean {
      return folders.delete(key);
    },
    workspaceFolder: (key: string): Folder | undefined => folders.get(key),
    workspaceFolders: (): Folder[] => [...folders.values()],
    /** Workspace folders when there are any, else the single-file portfolios: what "every portfolio" means to a report. */
    reported: (): Folder[] => (folders.size ? [...folders.values()] : [...loose.values()]),
    all,
    /** The portfolio that has the account, if any does. */
    holding: (key: string): Folder | undefined => all().find((f) => f.portfolio.accounts.has(key)),
    /** Forgets a single-file portfolio (its document closed or moved into a folder). */
    dropLoose(key: string): void {
      loose.delete(key);
    },

    /** The portfolio a document belongs to: the deepest folder that counts it as an account, else its own. */
    homeOf(key: string): Folder {
      const file = uriToPath(key);
      let best: Folder | undefined;
      if (file) {
        for (const f of folders.values()) {
          if (isAccountOf(f, file) && (!best || f.path!.length > best.path!.length)) best = f;
        }
      }
      if (best) return best;
      let single = loose.get(key);
      if (!single) {
        single = newFolder(key, path.basename(file ?? key), undefined, looseSettings, looseCatalog);
        loose.set(key, single);
      }
      return single;
    },
  };
}

export type Folders = ReturnType<typeof createFolders>;

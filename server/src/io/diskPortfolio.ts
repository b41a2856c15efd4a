/**
 * A portfolio read from a folder on disk, for the CLI (the server keeps its own index current instead).
 */
import * as path from 'node:path';
import { parseAccount } from '../core/accounts/account';
import { createPortfolio, updateAccount, type Portfolio } from '../core/coverage/portfolio';
import type { Settings } from '../core/settings';
import type { Catalog } from '../core/standards/standards';
import { isSkipped, listAccountPaths, readAccountFile, type SkippedFile } from './files';

export interface DiskPortfolio {
  portfolio: Portfolio;
  skipped: SkippedFile[];
}

/** Paths shown to people: relative to the working directory, with forward slashes. */
export function displayPath(file: string, cwd = process.cwd()): string {
  const rel = path.relative(cwd, file);
  return (rel.startsWith('..') || path.isAbsolute(rel) ? file : rel).split(path.sep).join('/');
}

/**
 * displayPath for the files of one folder (absolute and normalised, as listAccountPaths gives them), without
 * path.relative per file: when the folder is the working directory or inside it, a file's relative path is the
 * folder's followed by the rest of the file's. Otherwise (the working directory inside the folder, or
 * elsewhere) each file goes through displayPath.
 */
export function displayPathsUnder(folder: string, cwd = process.cwd()): (file: string) => string {
  const base = path.relative(cwd, folder);
  if (base.startsWith('..') || path.isAbsolute(base)) return (file) => displayPath(file, cwd);
  const skip = folder.endsWith(path.sep) ? folder.length : folder.length + 1;
  return (file) => {
    const rel = base === '' ? file.slice(skip) : base + path.sep + file.slice(skip);
    const shown = rel.startsWith('..') ? file : rel; // a file named "..x.md" in the working directory, as displayPath does
    return path.sep === '/' ? shown : shown.split(path.sep).join('/');
  };
}

export function loadPortfolio(folder: string, settings: Settings, catalog: Catalog): DiskPortfolio {
  const portfolio = createPortfolio(folder);
  const skipped: SkippedFile[] = [];
  const idOf = displayPathsUnder(folder);
  for (const file of listAccountPaths(folder, settings)) {
    const read = readAccountFile(file, settings.maxFileSize);
    if (isSkipped(read)) {
      skipped.push(read);
      continue;
    }
    updateAccount(portfolio, parseAccount(idOf(file), read.text, catalog.resolve));
  }
  return { portfolio, skipped };
}

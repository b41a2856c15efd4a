/**
 * A portfolio read from a folder on disk, for the CLI (the server keeps its own index current instead).
 */
import * as path from 'node:path';
import { parseAccount } from './core/account';
import { createPortfolio, updateAccount, type Portfolio } from './core/portfolio';
import type { Settings } from './core/settings';
import type { Catalog } from './core/standards';
import { isSkipped, listAccountPaths, readAccountFile, type SkippedFile } from './files';

export interface DiskPortfolio {
  portfolio: Portfolio;
  /** Account id (as used in the portfolio) to its text, for positions and excerpts. */
  texts: Map<string, string>;
  skipped: SkippedFile[];
}

/** Paths shown to people: relative to the working directory, with forward slashes. */
export function displayPath(file: string, cwd = process.cwd()): string {
  const rel = path.relative(cwd, file);
  return (rel.startsWith('..') || path.isAbsolute(rel) ? file : rel).split(path.sep).join('/');
}

export function loadPortfolio(folder: string, settings: Settings, catalog: Catalog): DiskPortfolio {
  const portfolio = createPortfolio(folder);
  const texts = new Map<string, string>();
  const skipped: SkippedFile[] = [];
  for (const file of listAccountPaths(folder, settings)) {
    const read = readAccountFile(file, settings.maxFileSize);
    if (isSkipped(read)) {
      skipped.push(read);
      continue;
    }
    const id = displayPath(file);
    texts.set(id, read.text);
    updateAccount(portfolio, parseAccount(id, read.text, catalog.resolve));
  }
  return { portfolio, texts, skipped };
}

/**
 * Builds the catalogue for a folder: bundled units, then user units from `.standards/` and
 * `reflectiveAccounts.standardsPaths`, each validated. A bad user file is reported (file, JSON path,
 * message) and skipped; the bundled units always load.
 */
import * as fs from 'node:fs';
import { bundledUnits } from './bundled';
import { buildCatalog, type Catalog, type CatalogProblem, type UnitSource } from '../core/standards/standards';
import { listStandardsFiles } from './files';
import { acceptUserUnit } from './workspaceStandards';

export interface LoadedCatalog {
  catalog: Catalog;
  /** Problems with user files and settings, for the output channel and CLI stderr. */
  problems: CatalogProblem[];
}

export function readUserUnits(files: readonly string[]): { sources: UnitSource[]; problems: CatalogProblem[] } {
  const sources: UnitSource[] = [];
  const problems: CatalogProblem[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      problems.push({ origin: file, message: `could not be read: ${(e as Error).message}` });
      continue;
    }
    acceptUserUnit(file, text, sources, problems);
  }
  return { sources, problems };
}

export function loadCatalog(root: string | undefined, opts: { standardsPaths: string[]; unitAliases: Record<string, string>; loadWorkspaceStandards?: boolean }): LoadedCatalog {
  const files = opts.loadWorkspaceStandards === false ? [] : listStandardsFiles(root, opts.standardsPaths);
  const user = readUserUnits(files);
  const catalog = buildCatalog([...bundledUnits(), ...user.sources], opts.unitAliases);
  return { catalog, problems: [...user.problems, ...catalog.problems] };
}

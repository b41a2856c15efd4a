/**
 * Builds the catalogue for a folder: bundled units, then user units from `.standards/` and
 * `reflectiveAccounts.standardsPaths`, each validated. A bad user file is reported (file, JSON path,
 * message) and skipped; the bundled units always load.
 */
import * as fs from 'node:fs';
import { bundledUnits } from './bundled';
import { buildCatalog, type Catalog, type CatalogProblem, type UnitSource } from './core/standards';
import { validateUnitJson } from './core/validateUnit';
import { listStandardsFiles } from './files';

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
    const { unit, problems: unitProblems } = validateUnitJson(text);
    for (const p of unitProblems) problems.push({ origin: file, message: `${p.path || '/'}: ${p.message}` });
    if (unit) sources.push({ origin: file, data: unit });
  }
  return { sources, problems };
}

export function loadCatalog(root: string | undefined, opts: { standardsPaths: string[]; unitAliases: Record<string, string>; loadWorkspaceStandards?: boolean }): LoadedCatalog {
  const files = opts.loadWorkspaceStandards === false ? [] : listStandardsFiles(root, opts.standardsPaths);
  const user = readUserUnits(files);
  const catalog = buildCatalog([...bundledUnits(), ...user.sources], opts.unitAliases);
  return { catalog, problems: [...user.problems, ...catalog.problems] };
}

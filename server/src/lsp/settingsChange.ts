/** What a change of a portfolio folder's settings calls for, worked out from the settings alone. */
import type { Settings } from '../core';

/**
 * - `none`: the same settings again (VS Code sends them on many occasions): nothing to redo, no refresh;
 * - `reindex`: which files are accounts changed (include, exclude, size limit): read the folder again;
 * - `reload`: the catalogue changed (standards paths, unit aliases), or how citations are read (bare criteria):
 *   reload it and re-parse the accounts;
 * - `recheck`: anything else (minimum evidence, severities…): only diagnostics and coverage change.
 */
export type SettingsChange = 'none' | 'reindex' | 'reload' | 'recheck';

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export function sameSettings(a: Settings, b: Settings): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

export function settingsChange(before: Settings, after: Settings): SettingsChange {
  if (sameSettings(before, after)) return 'none';
  if (
    !sameList(before.include, after.include) ||
    !sameList(before.exclude, after.exclude) ||
    before.maxFileSize !== after.maxFileSize
  ) {
    return 'reindex';
  }
  if (
    !sameList(before.standardsPaths, after.standardsPaths) ||
    JSON.stringify(before.unitAliases) !== JSON.stringify(after.unitAliases) ||
    before.bareCriteria !== after.bareCriteria
  ) {
    return 'reload';
  }
  return 'recheck';
}

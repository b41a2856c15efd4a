/**
 * What the client knows about the loaded standards, built from the server's CriteriaRequest answer: a unit
 * resolver for scanCitations and criterion texts. Pure (no vscode), so the preview plugin and Insert
 * Criterion… share it and tests can build one from plain data.
 */
import { unitKey, type UnitResolver } from '../../server/src/core';
import type { CriteriaResult } from '../../server/src/protocol';

export interface LookupCriterion {
  id: string;
  text: string;
  section: string;
}

export interface LookupUnit {
  code: string;
  title: string;
  codeConfirmed: boolean;
  criteria: readonly LookupCriterion[];
  /** Highest number of each kind, for "P1–P29" in messages. */
  counts: { P: number; K: number };
}

export interface CitationLookup {
  /** False until the server has answered once; callers then leave text alone rather than mark it unknown. */
  loaded: boolean;
  resolve: UnitResolver;
  unit(code: string): LookupUnit | undefined;
  criterion(code: string, id: string): LookupCriterion | undefined;
  units: readonly LookupUnit[];
}

export const EMPTY_LOOKUP: CitationLookup = {
  loaded: false,
  resolve: () => undefined,
  unit: () => undefined,
  criterion: () => undefined,
  units: [],
};

/**
 * Builds the lookup. `unitAliases` is the `reflectiveAccounts.unitAliases` setting, applied here as well in case
 * the server's answer does not list aliases. "SCD" + code is accepted for LMC units, as the catalogue does.
 */
export function buildCitationLookup(
  result: CriteriaResult | null | undefined,
  unitAliases: Record<string, string> = {},
): CitationLookup {
  const units = new Map<string, LookupUnit & { byId: Map<string, LookupCriterion> }>();
  const keys = new Map<string, string>();
  for (const raw of Array.isArray(result?.units) ? result!.units : []) {
    if (!raw || typeof raw.code !== 'string') continue;
    const code = raw.code.toUpperCase();
    const criteria = (Array.isArray(raw.criteria) ? raw.criteria : []).filter((c) => c && typeof c.id === 'string');
    const counts = { P: 0, K: 0 };
    for (const c of criteria) {
      const m = /^([PK])(\d+)$/i.exec(c.id);
      if (m) {
        const kind = m[1].toUpperCase() as 'P' | 'K';
        counts[kind] = Math.max(counts[kind], Number(m[2]));
      }
    }
    units.set(code, {
      code,
      title: String(raw.title ?? ''),
      codeConfirmed: raw.codeConfirmed !== false,
      criteria,
      counts,
      byId: new Map(criteria.map((c) => [c.id.toUpperCase(), c])),
    });
    const spellings = [code, ...(Array.isArray(raw.aliases) ? raw.aliases : [])];
    if (/^LMC/.test(code)) spellings.push('SCD' + code);
    for (const s of spellings) if (typeof s === 'string' && !keys.has(unitKey(s))) keys.set(unitKey(s), code);
  }
  for (const [alias, target] of Object.entries(unitAliases ?? {})) {
    const code = typeof target === 'string' ? keys.get(unitKey(target)) : undefined;
    if (code && !keys.has(unitKey(alias))) keys.set(unitKey(alias), code);
  }
  const sorted = [...units.values()].sort((a, b) => a.code.localeCompare(b.code));
  return {
    loaded: result != null,
    resolve: (text) => keys.get(unitKey(text)),
    unit: (code) => units.get(code.toUpperCase()),
    criterion: (code, id) => units.get(code.toUpperCase())?.byId.get(id.toUpperCase()),
    units: sorted,
  };
}

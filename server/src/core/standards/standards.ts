/**
 * The catalogue of loaded units: bundled ones first, then the user's. Lookups by code, alias or spelling
 * variant, and by criterion. Pure: the glue reads the files and hands the parsed JSON in.
 */
import { unitKey, type UnitResolver } from '../citations/codes';
import type { CriterionData, CriterionKind, UnitData } from './unit';

export interface Unit extends UnitData {
  /** Where the unit came from: "bundled" or the file it was read from. */
  origin: string;
  counts: Record<CriterionKind, number>;
  byId: ReadonlyMap<string, CriterionData>;
}

export interface CatalogProblem {
  origin: string;
  message: string;
}

export interface Catalog {
  /** Sorted by code. */
  units: readonly Unit[];
  resolve: UnitResolver;
  unit(code: string): Unit | undefined;
  criterion(code: string, kind: CriterionKind, n: number): CriterionData | undefined;
  /** Every spelling accepted for a unit (keys as produced by unitKey) mapped to its code. */
  keys: ReadonlyMap<string, string>;
  problems: readonly CatalogProblem[];
}

export interface UnitSource {
  origin: string;
  data: UnitData;
}

function toUnit(source: UnitSource): Unit {
  const counts: Record<CriterionKind, number> = { P: 0, K: 0 };
  const byId = new Map<string, CriterionData>();
  for (const c of source.data.criteria) {
    counts[c.kind]++;
    byId.set(c.id, c);
  }
  return { ...source.data, code: source.data.code.toUpperCase(), origin: source.origin, counts, byId };
}

/** The spellings a unit answers to: its code, its aliases, and "SCD" + code for LMC units. */
export function spellingsOf(unit: UnitData): string[] {
  const out = [unit.code, ...unit.aliases];
  if (/^LMC/i.test(unit.code)) out.push('SCD' + unit.code);
  return out;
}

/**
 * Builds the catalogue. A later unit whose code or alias is already taken is left out with a problem naming
 * its file, so one bad user file never hides a bundled unit. `unitAliases` maps a centre's own codes to units.
 */
export function buildCatalog(sources: readonly UnitSource[], unitAliases: Record<string, string> = {}): Catalog {
  const problems: CatalogProblem[] = [];
  const keys = new Map<string, string>();
  const units = new Map<string, Unit>();
  for (const source of sources) {
    const unit = toUnit(source);
    const clash = spellingsOf(unit).map((s) => ({ s, owner: keys.get(unitKey(s)) })).find((x) => x.owner);
    if (clash) {
      const owner = units.get(clash.owner!);
      problems.push({
        origin: source.origin,
        message: `unit ${unit.code} was not loaded: "${clash.s}" is already used by ${clash.owner}` +
          (owner ? ` (${owner.origin})` : ''),
      });
      continue;
    }
    units.set(unit.code, unit);
    for (const s of spellingsOf(unit)) keys.set(unitKey(s), unit.code);
  }
  for (const [alias, target] of Object.entries(unitAliases ?? {})) {
    const code = typeof target === 'string' ? keys.get(unitKey(target)) : undefined;
    if (!code) {
      problems.push({ origin: 'reflectiveAccounts.unitAliases', message: `alias ${alias} points to unknown unit ${String(target)}` });
    } else if (keys.has(unitKey(alias)) && keys.get(unitKey(alias)) !== code) {
      problems.push({ origin: 'reflectiveAccounts.unitAliases', message: `alias ${alias} is already a code of ${keys.get(unitKey(alias))}` });
    } else {
      keys.set(unitKey(alias), code);
    }
  }
  // Plain code-unit order: localeCompare would start the ICU collator, 12–15 ms of every start-up.
  const sorted = [...units.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  // Every citation asks for its unit: the few spellings in use are remembered (bounded against odd input).
  const resolved = new Map<string, string | null>();
  const resolve = (text: string): string | undefined => {
    let code = resolved.get(text);
    if (code === undefined) {
      code = keys.get(unitKey(text)) ?? null;
      if (resolved.size < 10000) resolved.set(text, code);
    }
    return code ?? undefined;
  };
  return {
    units: sorted,
    keys,
    problems,
    resolve,
    unit: (code) => units.get(code) ?? units.get(code.toUpperCase()) ?? units.get(keys.get(unitKey(code)) ?? ''),
    criterion: (code, kind, n) => units.get(code)?.byId.get(`${kind}${n}`),
  };
}

/** "P1–P29": the valid numbers of one kind, for messages. */
export function describeBounds(unit: Unit, kind: CriterionKind): string {
  const n = unit.counts[kind];
  return n === 0 ? 'none' : `${kind}1–${kind}${n}`;
}

export function kindName(kind: CriterionKind, plural = false): string {
  if (kind === 'P') return plural ? 'performance criteria' : 'performance criterion';
  return plural ? 'knowledge points' : 'knowledge point';
}

/** Edit distance, for "Did you mean …?" on unknown units. */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const keep = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = keep;
    }
  }
  return prev[b.length];
}

/** The number at the end of a code ("LMCA6" -> 6), to prefer LMCA5 over LMCA4 for LMCA6. */
function trailingNumber(s: string): number {
  const m = /(\d+)$/.exec(s);
  return m ? Number(m[1]) : Number.NaN;
}

function compareRanks(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/**
 * The known unit closest to an unknown spelling, when it is close enough to be a likely typo. Ties go to
 * units the portfolio already uses, then to the nearest trailing number, then to the lower code.
 */
export function suggestUnit(catalog: Catalog, unknown: string, inUse: ReadonlySet<string> = new Set()): string | undefined {
  const key = unitKey(unknown);
  const n = trailingNumber(key);
  const rank = (code: string, k: string) => [
    editDistance(key, k),
    inUse.has(code) ? 0 : 1,
    Number.isNaN(n) || Number.isNaN(trailingNumber(k)) ? 0 : Math.abs(n - trailingNumber(k)),
  ];
  let best: { code: string; r: number[] } | undefined;
  for (const [k, code] of catalog.keys) {
    const r = rank(code, k);
    const order = best ? compareRanks(r, best.r) : -1;
    if (order < 0 || (order === 0 && code < best!.code)) best = { code, r };
  }
  if (!best) return undefined;
  const limit = Math.max(1, Math.floor(key.length / 3));
  return best.r[0] <= limit ? best.code : undefined;
}

/**
 * Every setting in one typed object with its default. `readSettings` accepts whatever an editor sends
 * (null, missing keys, wrong types) and falls back to the default for anything unusable.
 */
import type { BareCriteriaMode } from './citations/unitContext';

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';

export interface Settings {
  include: string[];
  exclude: string[];
  minimumEvidence: number;
  unitAliases: Record<string, string>;
  standardsPaths: string[];
  maxFileSize: number;
  uncoveredSeverity: SeveritySetting;
  overClaimedSeverity: SeveritySetting;
  /** A paragraph is over-claimed when it cites at least this many criteria … */
  overClaimedMinCriteria: number;
  /** … with fewer than this many words of its own per criterion. */
  overClaimedWordsPerCriterion: number;
  /** Whether a criterion written without its unit (`P21`) counts for the unit its context names (`context`) or never (`off`). */
  bareCriteria: BareCriteriaMode;
  /** Writing checks (core/features/writing): severity or off. */
  writingHypothetical: SeveritySetting;
  writingIdentifiablePerson: SeveritySetting;
  /** A centre's target length for an account, in words (either end optional). */
  wordCountTarget: WordCountTarget | undefined;
}

export interface WordCountTarget {
  min?: number;
  max?: number;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  include: ['**/*.md'],
  exclude: ['**/node_modules/**', '**/.git/**'],
  minimumEvidence: 1,
  unitAliases: {},
  standardsPaths: [],
  maxFileSize: 2_000_000,
  uncoveredSeverity: 'information',
  overClaimedSeverity: 'hint',
  overClaimedMinCriteria: 5,
  overClaimedWordsPerCriterion: 12,
  bareCriteria: 'context',
  writingHypothetical: 'hint',
  writingIdentifiablePerson: 'warning',
  wordCountTarget: undefined,
});

const SEVERITIES: readonly SeveritySetting[] = ['error', 'warning', 'information', 'hint', 'off'];

function stringList(v: unknown, fallback: string[]): string[] {
  if (!Array.isArray(v)) return fallback;
  const out = v.filter((x): x is string => typeof x === 'string' && x.trim() !== '');
  return out;
}

function positiveInt(v: unknown, fallback: number, min = 1): number {
  return typeof v === 'number' && Number.isFinite(v) && v >= min ? Math.floor(v) : fallback;
}

function severity(v: unknown, fallback: SeveritySetting): SeveritySetting {
  return typeof v === 'string' && (SEVERITIES as string[]).includes(v) ? (v as SeveritySetting) : fallback;
}

function stringMap(v: unknown): Record<string, string> {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return {};
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(v)) if (typeof val === 'string') out[k] = val;
  return out;
}

/** `{"min": 500, "max": 1500}`; either end may be left out; nothing usable (or min above max) is no target. */
function wordCountTarget(v: unknown): WordCountTarget | undefined {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const r = v as Record<string, unknown>;
  const min = positiveInt(r.min, 0, 0) || undefined;
  const max = positiveInt(r.max, 0, 1) || undefined;
  if (min === undefined && max === undefined) return undefined;
  if (min !== undefined && max !== undefined && min > max) return undefined;
  return { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };
}

/** Reads the `reflectiveAccounts` section (flat or nested `overClaimed`/`diagnostics` keys). */
export function readSettings(raw: unknown): Settings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const d = DEFAULT_SETTINGS;
  const over = (r.overClaimed && typeof r.overClaimed === 'object' ? r.overClaimed : {}) as Record<string, unknown>;
  const diag = (r.diagnostics && typeof r.diagnostics === 'object' ? r.diagnostics : {}) as Record<string, unknown>;
  return {
    include: stringList(r.include, [...d.include]),
    exclude: stringList(r.exclude, [...d.exclude]),
    minimumEvidence: positiveInt(r.minimumEvidence, d.minimumEvidence),
    unitAliases: stringMap(r.unitAliases),
    standardsPaths: stringList(r.standardsPaths, []),
    maxFileSize: positiveInt(r.maxFileSize, d.maxFileSize),
    uncoveredSeverity: severity(diag.uncovered ?? r.uncoveredSeverity, d.uncoveredSeverity),
    overClaimedSeverity: severity(over.severity ?? r.overClaimedSeverity, d.overClaimedSeverity),
    overClaimedMinCriteria: positiveInt(over.minCriteria ?? r.overClaimedMinCriteria, d.overClaimedMinCriteria),
    overClaimedWordsPerCriterion: positiveInt(
      over.wordsPerCriterion ?? r.overClaimedWordsPerCriterion,
      d.overClaimedWordsPerCriterion,
    ),
    bareCriteria: r.bareCriteria === 'off' ? 'off' : d.bareCriteria,
    ...writingSettings(r),
  };
}

function writingSettings(
  r: Record<string, unknown>,
): Pick<Settings, 'writingHypothetical' | 'writingIdentifiablePerson' | 'wordCountTarget'> {
  const writing = (r.writing && typeof r.writing === 'object' ? r.writing : {}) as Record<string, unknown>;
  const wordCount = (r.wordCount && typeof r.wordCount === 'object' ? r.wordCount : {}) as Record<string, unknown>;
  return {
    writingHypothetical: severity(
      writing.hypothetical ?? r['writing.hypothetical'],
      DEFAULT_SETTINGS.writingHypothetical,
    ),
    writingIdentifiablePerson: severity(
      writing.identifiablePerson ?? r['writing.identifiablePerson'],
      DEFAULT_SETTINGS.writingIdentifiablePerson,
    ),
    wordCountTarget: wordCountTarget(wordCount.target ?? r['wordCount.target']),
  };
}

/**
 * Errata: documented repairs to imported standards that the source text alone cannot justify
 * (a word lost at a PDF page edge, say). Each repair is a literal find/replace on one criterion, and
 * it refuses to apply when the text no longer looks as expected, so that a changed source is noticed
 * instead of being silently "repaired" twice or in the wrong place. Pure, no I/O.
 */

import type { UnitData } from './unit';

export interface Erratum {
  /** Short code (or alias) of the unit, e.g. "LMCB5". */
  unit: string;
  /** Criterion id, e.g. "K45". */
  id: string;
  /** Exact text to replace, as the importer produces it. */
  find: string;
  /** Exact text to put in its place. */
  replace: string;
  /** Why the source is wrong and what justifies the repair (kept for reviewers). */
  why: string;
}

export interface ErrataResult {
  unit: UnitData;
  /** The errata for this unit that were applied, in the order given. */
  applied: Erratum[];
  /** One message per erratum for this unit that could not be applied. */
  problems: string[];
}

/**
 * Applies the errata that concern `unit` (matched by code or alias, case-insensitive) and returns a
 * new unit; the input is not modified. An erratum applies where `find` ends the criterion's text, or
 * else where it occurs exactly once. It is refused (with a problem) when the criterion is missing,
 * when `find` is absent or ambiguous, or when the text already reads as the repair would make it.
 */
export function applyErrata(unit: UnitData, errata: readonly Erratum[]): ErrataResult {
  const names = new Set([unit.code, ...unit.aliases].map((name) => name.toUpperCase()));
  const criteria = unit.criteria.map((criterion) => ({ ...criterion }));
  const applied: Erratum[] = [];
  const problems: string[] = [];

  for (const erratum of errata) {
    if (!names.has(String(erratum.unit ?? '').toUpperCase())) continue;
    const label = `${unit.code}/${erratum.id}`;
    const criterion = criteria.find((c) => c.id === erratum.id);
    if (!criterion) {
      problems.push(`${label}: no such criterion, erratum not applied`);
      continue;
    }
    if (!erratum.find) {
      problems.push(`${label}: erratum has an empty "find"`);
      continue;
    }
    const outcome = repairText(criterion.text, erratum.find, erratum.replace);
    if (typeof outcome === 'string') {
      criterion.text = outcome;
      applied.push(erratum);
    } else {
      problems.push(`${label}: ${outcome.reason}; erratum "${erratum.find}" → "${erratum.replace}" not applied`);
    }
  }
  return { unit: { ...unit, aliases: [...unit.aliases], criteria }, applied, problems };
}

function repairText(text: string, find: string, replace: string): string | { reason: string } {
  // A source that has been corrected upstream must not get the repair a second time
  // ("performance of others" would otherwise become "performance of others others").
  if (replace.includes(find) && (text.endsWith(replace) || countOccurrences(text, replace) === 1)) {
    return { reason: 'the text already contains the repaired wording (source fixed upstream?)' };
  }
  if (text.endsWith(find)) return text.slice(0, text.length - find.length) + replace;
  const occurrences = countOccurrences(text, find);
  if (occurrences === 1) {
    const at = text.indexOf(find);
    return text.slice(0, at) + replace + text.slice(at + find.length);
  }
  return { reason: occurrences === 0 ? 'text to find not present (source changed?)' : `text to find occurs ${occurrences} times` };
}

function countOccurrences(text: string, part: string): number {
  let count = 0;
  for (let at = text.indexOf(part); at !== -1; at = text.indexOf(part, at + part.length)) count++;
  return count;
}

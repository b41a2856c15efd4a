/**
 * Fuzzy search over the text of criteria (fuse.js), for completion after `LMCA5/superv`. Indexes are built
 * lazily, one per unit, the first time that unit is searched, and cached per catalogue: a catalogue of tens
 * of thousands of criteria costs nothing until someone types words after one of its units, and a rebuilt
 * catalogue (user standards reloaded) gets fresh indexes because the cache is keyed on the catalogue object.
 */
import Fuse from 'fuse.js';
import type { Catalog } from './standards';
import type { CriterionData } from './unit';

export interface CriterionMatch {
  criterion: CriterionData;
  /** 0 is a perfect match, 1 no match at all (fuse.js scores). */
  score: number;
}

/** Matches scoring worse than this are noise (a few scattered letters of a long sentence). */
const MAX_SCORE = 0.6;

const indexes = new WeakMap<Catalog, Map<string, Fuse<CriterionData>>>();

function indexFor(catalog: Catalog, unitCode: string): Fuse<CriterionData> | undefined {
  const unit = catalog.unit(unitCode);
  if (!unit) return undefined;
  let perUnit = indexes.get(catalog);
  if (!perUnit) indexes.set(catalog, (perUnit = new Map()));
  let fuse = perUnit.get(unit.code);
  if (!fuse) {
    fuse = new Fuse(unit.criteria, {
      keys: [{ name: 'text', weight: 3 }, { name: 'section', weight: 1 }],
      includeScore: true,
      // Criteria are long sentences: a word matters wherever it sits, so position must not count.
      ignoreLocation: true,
      threshold: 0.35,
      minMatchCharLength: 2,
    });
    perUnit.set(unit.code, fuse);
  }
  return fuse;
}

/** Units of a catalogue whose fuzzy index has been built so far (lazy indexing is observable in tests). */
export function indexedUnits(catalog: Catalog): string[] {
  return [...(indexes.get(catalog)?.keys() ?? [])];
}

/** Criteria of one unit ranked by how well their text (and section heading) matches the words typed. */
export function searchCriteria(catalog: Catalog, unitCode: string, query: string, limit = 50): CriterionMatch[] {
  const words = query.trim();
  if (words === '') return [];
  const fuse = indexFor(catalog, unitCode);
  if (!fuse) return [];
  return fuse.search(words, { limit })
    .map((r) => ({ criterion: r.item, score: r.score ?? 1 }))
    .filter((m) => m.score <= MAX_SCORE);
}

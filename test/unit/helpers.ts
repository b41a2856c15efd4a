/** Shared helpers for the unit tier: a small synthetic catalogue, cursor markers, caret expectations. */
import { buildCatalog, type Catalog } from '../../server/src/core/standards/standards';
import type { CriterionData, UnitData } from '../../server/src/core/standards/unit';

export function syntheticUnit(code: string, p: number, k: number, extra: Partial<UnitData> = {}): UnitData {
  const criteria: CriterionData[] = [];
  for (let n = 1; n <= p; n++)
    criteria.push({
      id: `P${n}`,
      kind: 'P',
      number: n,
      text: `${code} performance ${n}`,
      section: n <= p / 2 ? 'First part' : 'Second part',
    });
  for (let n = 1; n <= k; n++)
    criteria.push({ id: `K${n}`, kind: 'K', number: n, text: `${code} knowledge ${n}`, section: 'Knowledge' });
  return {
    code,
    aliases: [],
    title: `${code} title`,
    titleDerived: false,
    codeConfirmed: true,
    overview: '',
    criteria,
    glossary: [],
    ...extra,
  };
}

/** Two units shaped like LMCA5 and LMCB2 (same counts and aliases), texts made up. */
export function testCatalog(unitAliases: Record<string, string> = {}): Catalog {
  return buildCatalog(
    [
      { origin: 'test', data: syntheticUnit('LMCA5', 29, 100, { aliases: ['SCDLMCA5', 'H7LP 04'] }) },
      { origin: 'test', data: syntheticUnit('LMCB2', 45, 107, { aliases: ['SCDLMCB2', 'H7LR 04'] }) },
    ],
    unitAliases,
  );
}

/** Splits "text with $0 cursor" into the text and the cursor offset. */
export function cursor(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('$0');
  if (offset < 0) throw new Error('no $0 in fixture');
  return { text: marked.slice(0, offset) + marked.slice(offset + 2), offset };
}

/** A small deterministic PRNG (mulberry32), so a failure in a generated test can be replayed from its seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

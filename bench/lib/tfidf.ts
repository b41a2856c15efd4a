/**
 * The baseline the suggestions are measured against: plain TF-IDF with cosine similarity over each criterion's
 * text and section heading, lower-cased words as written (no stemming, no stop-word list, no glossary).
 */
import type { Catalog } from '../../server/src/core/standards/standards';

const words = (text: string): string[] => text.toLowerCase().match(/\p{L}[\p{L}'’-]*\p{L}|\p{L}/gu) ?? [];

function vector(terms: string[], idf: Map<string, number>): Map<string, number> {
  const tf = new Map<string, number>();
  for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
  const out = new Map<string, number>();
  let norm = 0;
  for (const [t, n] of tf) {
    const w = (1 + Math.log(n)) * (idf.get(t) ?? 0);
    if (w > 0) {
      out.set(t, w);
      norm += w * w;
    }
  }
  norm = Math.sqrt(norm) || 1;
  for (const [t, w] of out) out.set(t, w / norm);
  return out;
}

export interface TfIdfRanker {
  rank(passage: string, units: readonly string[], exclude: ReadonlySet<string>, top: number): string[];
}

export function tfIdfRanker(catalog: Catalog): TfIdfRanker {
  const docs = catalog.units.flatMap((u) =>
    u.criteria.map((c) => ({ code: `${u.code}/${c.id}`, unit: u.code, terms: words(`${c.text} ${c.section}`) })),
  );
  const df = new Map<string, number>();
  for (const d of docs) for (const t of new Set(d.terms)) df.set(t, (df.get(t) ?? 0) + 1);
  const idf = new Map([...df].map(([t, n]) => [t, Math.log(docs.length / n)]));
  const vectors = docs.map((d) => ({ ...d, v: vector(d.terms, idf) }));
  return {
    rank(passage, units, exclude, top) {
      const q = vector(words(passage), idf);
      const scope = new Set(units);
      return vectors
        .filter((d) => scope.has(d.unit) && !exclude.has(d.code))
        .map((d) => {
          let s = 0;
          for (const [t, w] of q) s += w * (d.v.get(t) ?? 0);
          return { code: d.code, s };
        })
        .filter((r) => r.s > 0)
        .sort((a, b) => b.s - a.s || a.code.localeCompare(b.code))
        .slice(0, top)
        .map((r) => r.code);
    },
  };
}

/**
 * A BM25 index (minisearch) over every criterion of a catalogue, for ranking criteria by how well a passage
 * evidences them. A criterion is indexed as three fields: its own text, the heading of its section, and the
 * glossary definitions of the terms its text uses ("key people", "assess the performance"): the standard's
 * own words for what the criterion means, which candidates often use instead of the criterion's.
 *
 * Terms are Porter stems of the words that are not stop words (english.ts), so "supervised", "supervision"
 * and "supervising" meet. Built once per catalogue, the first time a suggestion is asked for, and kept in a
 * WeakMap keyed on the catalogue so that reloaded standards get a fresh index.
 */
import MiniSearch from 'minisearch';
import { tokensOf, tokensOfMany, type Token } from '../../nlp/english';
import type { Catalog, Unit } from '../../standards/standards';
import type { CriterionData } from '../../standards/unit';

export interface IndexedCriterion {
  /** Canonical citation: "LMCA5/P6". */
  id: string;
  unit: string;
  criterion: CriterionData;
}

export interface CriterionIndex {
  search: MiniSearch<IndexedDocument>;
  byId: Map<string, IndexedCriterion>;
  /** In how many criteria (any field) each term occurs, and how many criteria there are. */
  documentFrequency: Map<string, number>;
  size: number;
}

/** A criterion as indexed: each field is its terms (stems) joined by spaces. */
interface IndexedDocument {
  id: string;
  unit: string;
  text: string;
  section: string;
  glossary: string;
}

/**
 * Field weights. The criterion's text says what must be evidenced; the section heading and glossary only
 * widen its vocabulary, so they count for less (tuned on bench/suggest.ts's labelled set).
 */
export const FIELD_BOOST = { text: 3, section: 0.3, glossary: 0.3 } as const;

/** Word-like tokens worth matching on: not punctuation, numbers or stop words. */
export function isContentToken(t: Token): boolean {
  return !t.stopWord && t.pos !== 'PUNCT' && t.pos !== 'NUM' && t.pos !== 'SYM' && /\p{L}{2}/u.test(t.normal);
}

/** The terms of a text as the index sees them: stems of its content words, in order, repeats kept. */
export function termsOf(text: string): string[] {
  return tokensOf(text)
    .filter(isContentToken)
    .map((t) => t.stem);
}

/**
 * The terms of a criterion's three fields, each as stems joined by spaces (minisearch then only splits them).
 * Analysed once per distinct text: section headings and glossary definitions are shared by many criteria.
 */
function documentsOf(unit: Unit, termsOnce: (text: string) => string[]): IndexedDocument[] {
  const glossary = unit.glossary
    .filter((g) => g.term)
    .map((g) => ({ term: ` ${termsOnce(g.term).join(' ')} `, terms: termsOnce(g.text) }));
  return unit.criteria.map((c) => {
    const text = termsOnce(c.text);
    const spaced = ` ${text.join(' ')} `;
    // The definitions of the glossary terms the criterion's text uses (compared as stems, in order).
    const defined = glossary.filter((g) => g.term.trim() !== '' && spaced.includes(g.term)).flatMap((g) => g.terms);
    return {
      id: `${unit.code}/${c.id}`,
      unit: unit.code,
      text: text.join(' '),
      section: termsOnce(c.section).join(' '),
      glossary: defined.join(' '),
    };
  });
}

/** The terms of every distinct text of the catalogue (criteria, sections, glossary), analysed in one go. */
function termsOfAll(catalog: Catalog): Map<string, string[]> {
  const texts = new Set<string>();
  for (const u of catalog.units) {
    for (const c of u.criteria) texts.add(c.text).add(c.section);
    for (const g of u.glossary) texts.add(g.term).add(g.text);
  }
  const list = [...texts];
  const tokens = tokensOfMany(list);
  return new Map(list.map((text, i) => [text, tokens[i].filter(isContentToken).map((t) => t.stem)]));
}

const indexes = new WeakMap<Catalog, CriterionIndex>();

export function criterionIndex(catalog: Catalog): CriterionIndex {
  let index = indexes.get(catalog);
  if (index) return index;
  const known = termsOfAll(catalog);
  const termsOnce = (text: string): string[] => {
    let terms = known.get(text);
    if (!terms) known.set(text, (terms = termsOf(text)));
    return terms;
  };
  const search = new MiniSearch<IndexedDocument>({
    fields: ['text', 'section', 'glossary'],
    storeFields: ['unit'],
    tokenize: (terms) => (terms ? terms.split(' ') : []),
    processTerm: (term) => term,
  });
  const byId = new Map<string, IndexedCriterion>();
  const documentFrequency = new Map<string, number>();
  for (const unit of catalog.units) {
    const documents = documentsOf(unit, termsOnce);
    unit.criteria.forEach((criterion, i) => {
      // minisearch throws on a repeated id; a user unit that numbers an item twice keeps its first.
      if (byId.has(documents[i].id)) return;
      byId.set(documents[i].id, { id: documents[i].id, unit: unit.code, criterion });
      search.add(documents[i]);
      const d = documents[i];
      for (const term of new Set(`${d.text} ${d.section} ${d.glossary}`.split(' ').filter(Boolean)))
        documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
    });
  }
  index = { search, byId, documentFrequency, size: byId.size };
  indexes.set(catalog, index);
  return index;
}

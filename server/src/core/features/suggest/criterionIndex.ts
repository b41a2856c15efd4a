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
import { tokensOf, type Token } from '../../nlp/english';
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
  return tokensOf(text).filter(isContentToken).map((t) => t.stem);
}

/** Glossary definitions whose term occurs in the criterion's text (compared as stems, in order). */
function glossaryFor(criterion: CriterionData, glossaryTerms: Array<{ stems: string[]; text: string }>): string {
  const stems = ` ${termsOf(criterion.text).join(' ')} `;
  return glossaryTerms.filter((g) => g.stems.length > 0 && stems.includes(` ${g.stems.join(' ')} `)).map((g) => g.text).join(' ');
}

function documentsOf(unit: Unit): IndexedDocument[] {
  const glossaryTerms = unit.glossary.filter((g) => g.term).map((g) => ({ stems: termsOf(g.term), text: g.text }));
  return unit.criteria.map((c) => ({
    id: `${unit.code}/${c.id}`,
    unit: unit.code,
    text: c.text,
    section: c.section,
    glossary: glossaryFor(c, glossaryTerms),
  }));
}

const indexes = new WeakMap<Catalog, CriterionIndex>();

export function criterionIndex(catalog: Catalog): CriterionIndex {
  let index = indexes.get(catalog);
  if (index) return index;
  const search = new MiniSearch<IndexedDocument>({
    fields: ['text', 'section', 'glossary'],
    storeFields: ['unit'],
    tokenize: (text) => termsOf(text),
    processTerm: (term) => term,
  });
  const byId = new Map<string, IndexedCriterion>();
  const documentFrequency = new Map<string, number>();
  for (const unit of catalog.units) {
    const documents = documentsOf(unit);
    unit.criteria.forEach((criterion, i) => {
      // minisearch throws on a repeated id; a user unit that numbers an item twice keeps its first.
      if (byId.has(documents[i].id)) return;
      byId.set(documents[i].id, { id: documents[i].id, unit: unit.code, criterion });
      search.add(documents[i]);
      const d = documents[i];
      for (const term of new Set(termsOf(`${d.text} ${d.section} ${d.glossary}`))) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
    });
  }
  index = { search, byId, documentFrequency, size: byId.size };
  indexes.set(catalog, index);
  return index;
}

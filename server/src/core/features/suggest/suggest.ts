/**
 * Criterion suggestions: for a paragraph of an account, the criteria of the units in scope ranked by how well
 * the paragraph evidences them (BM25 over criterion text, section and glossary: criterionIndex.ts), with the
 * shared words that explain each. Criteria not yet covered in the portfolio are boosted; criteria the
 * paragraph already cites are never suggested.
 *
 * Computed only on request (a code action, the panel, the CLI), one paragraph at a time: never per keystroke.
 */
import type { Account, Paragraph, Region } from '../../accounts/account';
import { expandItem } from '../../citations/codes';
import type { Coverage } from '../../coverage/coverage';
import { tokensOf } from '../../nlp/english';
import type { Catalog } from '../../standards/standards';
import { criterionIndex, FIELD_BOOST, isContentToken } from './criterionIndex';

export interface Suggestion {
  /** Canonical citation, "LMCA5/P6". */
  code: string;
  unit: string;
  /** "P6" */
  id: string;
  text: string;
  section: string;
  score: number;
  /** Words of the passage that the criterion (its text, section or glossary) shares, as written in the passage. */
  why: string[];
  /** Whether the criterion is already covered in the portfolio (uncovered ones were boosted). */
  covered: boolean;
}

export interface RankOptions {
  /** Units whose criteria may be suggested. */
  units: readonly string[];
  /** Canonical codes never to suggest (what the passage already cites). */
  exclude?: ReadonlySet<string>;
  /** Canonical codes of criteria already covered; the others get UNCOVERED_BOOST. */
  covered?: ReadonlySet<string>;
  top?: number;
}

/** How much a criterion not yet covered gains: enough to win a near tie, not to lift a poor match. */
export const UNCOVERED_BOOST = 1.25;
/**
 * Terms in more than this share of all criteria ("work", "individuals", "support", "practice") say nothing
 * about which criterion a passage meets: they are left out of the query (tuned on bench/suggest.ts's set,
 * where it lifted recall@5 by about four points).
 */
export const MAX_DOCUMENT_SHARE = 0.2;
const MAX_WHY = 6;
const MAX_PASSAGE_LENGTH = 20_000;

/** Criteria ranked for a passage of prose (citations already removed from it). */
export function rankCriteria(catalog: Catalog, passage: string, options: RankOptions): Suggestion[] {
  const top = Math.max(1, options.top ?? 5);
  const units = new Set(options.units);
  if (units.size === 0) return [];
  // Each stem of the passage, and the word it was first written as, to explain a match in the writer's words.
  const surface = new Map<string, string>();
  const frequency = new Map<string, number>();
  // A passage longer than any paragraph a person writes is ranked on its start, so a request stays quick.
  for (const t of tokensOf(passage.slice(0, MAX_PASSAGE_LENGTH))) {
    if (!isContentToken(t)) continue;
    if (!surface.has(t.stem)) surface.set(t.stem, t.text);
    frequency.set(t.stem, (frequency.get(t.stem) ?? 0) + 1);
  }
  if (surface.size === 0) return [];
  const index = criterionIndex(catalog);
  const terms = [...surface.keys()].filter(
    (t) => (index.documentFrequency.get(t) ?? 0) <= index.size * MAX_DOCUMENT_SHARE,
  );
  if (terms.length === 0) return [];
  const results = index.search.search(terms.join(' '), {
    tokenize: (query) => query.split(' '),
    processTerm: (term) => term,
    boost: { ...FIELD_BOOST },
    // A word the passage repeats is more what it is about: weigh each query term by 1 + ln(its count).
    boostTerm: (term) => 1 + Math.log(frequency.get(term) ?? 1),
    combineWith: 'OR',
    filter: (r) => units.has(r.unit as string) && !options.exclude?.has(r.id as string),
  });
  const ranked = results
    .map((r) => {
      const covered = options.covered?.has(r.id as string) ?? false;
      return { r, covered, score: covered ? r.score : r.score * UNCOVERED_BOOST };
    })
    .sort((a, b) => b.score - a.score || String(a.r.id).localeCompare(String(b.r.id)));
  return ranked.slice(0, top).map(({ r, covered, score }) => {
    const entry = index.byId.get(r.id as string)!;
    return {
      code: entry.id,
      unit: entry.unit,
      id: entry.criterion.id,
      text: entry.criterion.text,
      section: entry.criterion.section,
      score: Math.round(score * 1000) / 1000,
      why: r.terms.slice(0, MAX_WHY).map((stem) => surface.get(stem) ?? stem),
      covered,
    };
  });
}

/** Units a paragraph of this account may evidence: its `units:` list, else the portfolio's, else every unit. */
export function unitsInScope(catalog: Catalog, account: Account, coverage: Coverage | undefined): string[] {
  const declared = (account.frontMatter?.units ?? [])
    .map((e) => catalog.resolve(e.text))
    .filter((c): c is string => !!c);
  if (declared.length) return [...new Set(declared)];
  const portfolio = coverage?.units.map((u) => u.code) ?? [];
  return portfolio.length ? portfolio : catalog.units.map((u) => u.code);
}

/** Canonical codes of every criterion cited inside a region of the account. */
export function citedIn(account: Account, region: Region): Set<string> {
  const out = new Set<string>();
  for (const c of account.citations) {
    if (!c.unitCode || c.start < region.start || c.end > region.end) continue;
    for (const item of c.items) {
      if (item.kind !== item.toKind) continue;
      for (const n of expandItem(item)) out.add(`${c.unitCode}/${item.kind}${n}`);
    }
  }
  return out;
}

/**
 * The region's text with citations and ignored regions (inline code, comments) blanked out, offsets kept:
 * each of their characters but a line feed becomes a space. Finds what overlaps the region by binary search
 * (both lists are in text order) and builds the text from pieces: the writing checks ask for every paragraph
 * of an account at each change, and walking every citation for every paragraph, one character at a time, made
 * a 200 KB account cost 5 ms a keystroke.
 */
export function proseOf(text: string, account: Account, region: Region): string {
  const blanks = [...overlapping(account.citations, region), ...overlapping(account.ignored, region)].sort(
    (a, b) => a.start - b.start,
  );
  let out = '';
  let at = region.start;
  for (const r of blanks) {
    const start = Math.max(r.start, at);
    const end = Math.min(r.end, region.end);
    if (end <= start) continue;
    out += text.slice(at, start) + text.slice(start, end).replace(/[^\n]/g, ' ');
    at = end;
  }
  return out + text.slice(at, region.end);
}

/** The regions of a list in text order that overlap `region`. */
function overlapping<T extends Region>(sorted: readonly T[], region: Region): T[] {
  // The first that starts at or after the region's start, then back over any that start before it and reach in.
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid].start < region.start) lo = mid + 1;
    else hi = mid;
  }
  while (lo > 0 && sorted[lo - 1].end > region.start) lo--;
  const out: T[] = [];
  for (let i = lo; i < sorted.length && sorted[i].start < region.end; i++) {
    if (sorted[i].end > region.start) out.push(sorted[i]);
  }
  return out;
}

/** Canonical codes of criteria the portfolio already covers. */
export function coveredCodes(coverage: Coverage | undefined): Set<string> {
  const out = new Set<string>();
  for (const u of coverage?.units ?? [])
    for (const c of u.criteria) if (c.state === 'covered') out.add(`${u.code}/${c.id}`);
  return out;
}

/** The paragraph containing an offset (its end included, so a cursor after the last word counts). */
export function paragraphAt(account: Account, offset: number): Paragraph | undefined {
  return account.paragraphs.find((p) => offset >= p.start && offset <= p.end);
}

export interface ParagraphSuggestions {
  paragraph: Paragraph;
  suggestions: Suggestion[];
}

/** Suggestions for one paragraph of an account, as the editor and the panel ask for them. */
export function suggestForParagraph(
  catalog: Catalog,
  account: Account,
  text: string,
  paragraph: Paragraph,
  coverage: Coverage | undefined,
  top = 5,
): Suggestion[] {
  return rankCriteria(catalog, proseOf(text, account, paragraph), {
    units: unitsInScope(catalog, account, coverage),
    exclude: citedIn(account, paragraph),
    covered: coveredCodes(coverage),
    top,
  });
}

/** Suggestions for every paragraph of an account with something to match (the CLI). */
export function suggestForAccount(
  catalog: Catalog,
  account: Account,
  text: string,
  coverage: Coverage | undefined,
  top = 5,
): ParagraphSuggestions[] {
  const units = unitsInScope(catalog, account, coverage);
  const covered = coveredCodes(coverage);
  return account.paragraphs
    .map((paragraph) => ({
      paragraph,
      suggestions: rankCriteria(catalog, proseOf(text, account, paragraph), {
        units,
        exclude: citedIn(account, paragraph),
        covered,
        top,
      }),
    }))
    .filter((p) => p.suggestions.length > 0);
}

/**
 * The labelled set for criterion suggestions and its measure. Every paragraph of a known account that cites
 * criteria becomes one case: the citations are blanked out of its text, the ranker is asked for five
 * criteria of the units in scope, and recall@5 is the share of the cited criteria found among them.
 *
 * The accounts: the bundled examples, the test fixtures, and test/fixtures/suggest/ (accounts written for
 * this set, one per bundled unit and more, by someone who knew the criteria but not the ranker's vocabulary).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAccount } from '../../server/src/core/accounts/account';
import { citedIn, proseOf, rankCriteria, unitsInScope } from '../../server/src/core/features/suggest/suggest';
import type { Catalog } from '../../server/src/core/standards/standards';
import { tfIdfRanker } from './tfidf';

const root = path.resolve(__dirname, '..', '..');

/** Folders of labelled accounts; each is one portfolio (its units are the scope of accounts without `units:`). */
export const LABELLED_FOLDERS = [
  'examples',
  'test/e2e/fixtures/portfolio',
  'test/fixtures/caseload/alice',
  'test/fixtures/caseload/bob',
  'test/fixtures/suggest',
];

export interface LabelledCase {
  file: string;
  line: number;
  passage: string;
  units: string[];
  cited: string[];
}

export function labelledCases(catalog: Catalog): LabelledCase[] {
  const cases: LabelledCase[] = [];
  for (const folder of LABELLED_FOLDERS) {
    const dir = path.join(root, folder);
    if (!fs.existsSync(dir)) continue;
    const files = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.md'))
      .sort();
    const parsed = files.map((f) => {
      const text = fs.readFileSync(path.join(dir, f), 'utf8');
      return { file: `${folder}/${f}`, text, account: parseAccount(`file:///${folder}/${f}`, text, catalog.resolve) };
    });
    // The portfolio's units: every unit cited or listed anywhere in the folder.
    const portfolioUnits = [
      ...new Set(
        parsed.flatMap(({ account }) => [
          ...account.citations.flatMap((c) => (c.unitCode ? [c.unitCode] : [])),
          ...(account.frontMatter?.units ?? []).flatMap((e) => catalog.resolve(e.text) ?? []),
        ]),
      ),
    ];
    const fakeCoverage = { units: portfolioUnits.map((code) => ({ code })) } as unknown as Parameters<
      typeof unitsInScope
    >[2];
    for (const { file, text, account } of parsed) {
      for (const p of account.paragraphs) {
        const cited = [...citedIn(account, p)].filter((code) => {
          const [unit, id] = code.split('/');
          return catalog.unit(unit)?.byId.has(id);
        });
        if (cited.length === 0) continue;
        const line =
          account.lineStarts.findIndex((s, i) => s <= p.start && (account.lineStarts[i + 1] ?? Infinity) > p.start) + 1;
        cases.push({
          file,
          line,
          passage: proseOf(text, account, p),
          units: unitsInScope(catalog, account, fakeCoverage),
          cited,
        });
      }
    }
  }
  return cases;
}

export interface RecallReport {
  cases: number;
  /** Cited criteria in all cases. */
  criteria: number;
  /** Share of cited criteria ranked in the top 5 of their own paragraph (micro average). */
  recall: number;
  /** Share of paragraphs with at least one cited criterion in their top 5. */
  hitRate: number;
}

/** Ranks criteria for a case, never returning those in `exclude`. */
export type Ranker = (c: LabelledCase, top: number, exclude: ReadonlySet<string>) => string[];

/** Every citation of each paragraph removed at once: the ranker must find all of them from the prose alone. */
export function measure(cases: readonly LabelledCase[], rank: Ranker, top = 5): RecallReport {
  let found = 0;
  let criteria = 0;
  let hits = 0;
  for (const c of cases) {
    const ranked = new Set(rank(c, top, new Set()));
    const n = c.cited.filter((code) => ranked.has(code)).length;
    found += n;
    criteria += c.cited.length;
    if (n > 0) hits++;
  }
  return {
    cases: cases.length,
    criteria,
    recall: criteria ? found / criteria : 0,
    hitRate: cases.length ? hits / cases.length : 0,
  };
}

/**
 * One citation removed at a time, the paragraph's other citations kept (and so never suggested), which is how
 * a candidate meets the code action: recall@5 is the share of cited criteria found in the top 5.
 */
export function measureLeaveOneOut(cases: readonly LabelledCase[], rank: Ranker, top = 5): number {
  let found = 0;
  let criteria = 0;
  for (const c of cases) {
    for (const code of c.cited) {
      criteria++;
      if (rank(c, top, new Set(c.cited.filter((other) => other !== code))).includes(code)) found++;
    }
  }
  return criteria ? found / criteria : 0;
}

/** Our ranker, without the portfolio boost (every criterion counts as uncovered: the boost is then uniform). */
export function oursRanker(catalog: Catalog): Ranker {
  return (c, top, exclude) => rankCriteria(catalog, c.passage, { units: c.units, top, exclude }).map((s) => s.code);
}

export function baselineRanker(catalog: Catalog): Ranker {
  const tfidf = tfIdfRanker(catalog);
  return (c, top, exclude) => tfidf.rank(c.passage, c.units, exclude, top);
}

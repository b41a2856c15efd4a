/**
 * `npm run bench:suggest`: how good and how fast criterion suggestions are.
 *
 * Quality: the labelled set of bench/lib/suggestEval.ts (paragraphs whose citations are known, citations
 * blanked out), recall@5 of our ranker (BM25 over criterion text, section and glossary, with stems and stop
 * words) beside a plain TF-IDF cosine ranking. Speed: milliseconds to rank the criteria of the five seed
 * units for a 200-word paragraph, once the model and index are loaded (the first request also pays for
 * those: printed separately).
 */
import { performance } from 'node:perf_hooks';
import { buildCatalog } from '../server/src/core/standards/standards';
import { bundledUnits } from '../server/src/io/bundled';
import { tokensOf } from '../server/src/core/nlp/english';
import { criterionIndex } from '../server/src/core/features/suggest/criterionIndex';
import { rankCriteria } from '../server/src/core/features/suggest/suggest';
import { baselineRanker, labelledCases, measure, measureLeaveOneOut, oursRanker } from './lib/suggestEval';
import { latency } from './lib/stats';
import { parseAccount } from '../server/src/core/accounts/account';
import { computeWritingDiagnostics } from '../server/src/core/features/writing/writingChecks';

const catalog = buildCatalog(bundledUnits());
const units = catalog.units.map((u) => u.code);

let t = performance.now();
tokensOf('Load the model.');
const modelMs = performance.now() - t;
t = performance.now();
criterionIndex(catalog);
const indexMs = performance.now() - t;

const cases = labelledCases(catalog);
const ours = measure(cases, oursRanker(catalog));
const baseline = measure(cases, baselineRanker(catalog));
const oursLoo = measureLeaveOneOut(cases, oursRanker(catalog));
const baselineLoo = measureLeaveOneOut(cases, baselineRanker(catalog));

// 200-word paragraphs cut from the labelled prose, so the vocabulary is a candidate's.
const words = cases
  .map((c) => c.passage)
  .join(' ')
  .split(/\s+/)
  .filter(Boolean);
const paragraphs: string[] = [];
for (let i = 0; i + 200 <= words.length; i += 37) paragraphs.push(words.slice(i, i + 200).join(' '));
for (const p of paragraphs.slice(0, 5)) rankCriteria(catalog, p, { units }); // warm up the JIT
const samples: number[] = [];
for (let round = 0; round < 5; round++) {
  for (const p of paragraphs) {
    const start = performance.now();
    rankCriteria(catalog, p, { units, top: 5 });
    samples.push(performance.now() - start);
  }
}
const l = latency(samples);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

console.log(
  `Labelled set: ${ours.cases} paragraphs citing ${ours.criteria} criteria (${[...new Set(cases.map((c) => c.file))].length} accounts)`,
);
console.log('');
console.log('                                   ours (BM25)   TF-IDF');
console.log(
  `recall@5, all citations removed    ${pct(ours.recall).padStart(11)}   ${pct(baseline.recall).padStart(6)}`,
);
console.log(`recall@5, one citation at a time   ${pct(oursLoo).padStart(11)}   ${pct(baselineLoo).padStart(6)}`);
console.log(
  `paragraphs with a hit in the top 5 ${pct(ours.hitRate).padStart(11)}   ${pct(baseline.hitRate).padStart(6)}`,
);
console.log('');
console.log(
  `ranking a 200-word paragraph against ${units.length} units (${catalog.units.reduce((n, u) => n + u.criteria.length, 0)} criteria), ` +
    `${l.n} runs: p50 ${l.p50.toFixed(2)} ms, p95 ${l.p95.toFixed(2)} ms, max ${l.max.toFixed(2)} ms (target: under 20 ms)`,
);
console.log(
  `first use only: loading the English model ${modelMs.toFixed(0)} ms, building the criterion index ${indexMs.toFixed(0)} ms`,
);

// Writing checks as typing meets them: a whole ~1,000-word account the first time, then after a word changed in
// one paragraph (the other paragraphs are answered from the per-paragraph memo).
const body = Array.from(
  { length: 10 },
  (_, i) => `Paragraph ${i}: ${words.slice(i * 100, i * 100 + 100).join(' ')}`,
).join('\n\n');
const settings = { hypothetical: 'hint', identifiablePerson: 'warning' } as const;
t = performance.now();
computeWritingDiagnostics(parseAccount('file:///a.md', body, catalog.resolve), body, settings);
const firstMs = performance.now() - t;
const edits: number[] = [];
for (let i = 0; i < 50; i++) {
  const changed = body.replace('Paragraph 3:', `Paragraph 3 (${i}):`);
  const account = parseAccount('file:///a.md', changed, catalog.resolve);
  const start = performance.now();
  computeWritingDiagnostics(account, changed, settings);
  edits.push(performance.now() - start);
}
const e = latency(edits);
console.log(
  `writing checks of a ${body.split(/\s+/).length}-word account: ${firstMs.toFixed(1)} ms the first time, ` +
    `then p50 ${e.p50.toFixed(2)} ms after a change to one paragraph`,
);
process.exitCode = l.p50 < 20 ? 0 : 1;

/**
 * `npm run fuzz`: the property tier's properties (test/property/*.props.ts) run long. The inputs are shared
 * out by each property's `fuzzShare`; at the end a table gives inputs, time and result per property, and the
 * totals. Exit code 1 when any property fails; its counterexample and a command to replay it are printed.
 *
 *   npm run fuzz                          1,000,000 inputs in total, a fresh seed
 *   npm run fuzz -- --total 50000         a shorter run
 *   npm run fuzz -- --seed 42 --only scan the properties whose name contains "scan", seed 42
 */
import fc from 'fast-check';
import { parseArgs } from 'node:util';
import { accountProps } from '../test/property/account.props';
import { coverageProps } from '../test/property/coverage.props';
import { featureProps } from '../test/property/features.props';
import { frontMatterProps } from '../test/property/frontMatter.props';
import { grammarProps } from '../test/property/grammar.props';
import { importerProps } from '../test/property/importer.props';
import type { Prop } from '../test/property/props';
import { webviewProps } from '../test/property/webview.props';
import { writingProps } from '../test/property/writing.props';

const GROUPS: Array<[string, Prop[]]> = [
  ['grammar', grammarProps],
  ['account', accountProps],
  ['front matter', frontMatterProps],
  ['importer', importerProps],
  ['coverage', coverageProps],
  ['features', featureProps],
  ['webview', webviewProps],
  ['writing', writingProps],
];

const { values } = parseArgs({
  options: { total: { type: 'string' }, seed: { type: 'string' }, only: { type: 'string' } },
});
const total = Number(values.total ?? 1_000_000);
const seed = values.seed !== undefined ? Number(values.seed) : Date.now() ^ (Math.random() * 0x7fffffff);
if (!Number.isFinite(total) || total < 1 || !Number.isFinite(seed)) {
  console.error('usage: npm run fuzz -- [--total N] [--seed S] [--only TEXT]');
  process.exit(2);
}

const chosen = GROUPS.flatMap(([group, props]) => props.map((prop) => ({ group, prop }))).filter(
  ({ prop }) => !values.only || prop.name.includes(values.only),
);
const shares = chosen.reduce((sum, { prop }) => sum + prop.fuzzShare, 0);

console.log(`fuzz: ${chosen.length} properties, ${total.toLocaleString('en')} inputs, seed ${seed}`);
const rows: Array<{ group: string; name: string; runs: number; skipped: number; ms: number; ok: boolean }> = [];
const started = performance.now();
let failures = 0;
/** A property's own seed: the run's seed and its name, so `--only` replays one property exactly. */
const seedOf = (name: string) => [...name].reduce((h, ch) => (Math.imul(h, 31) + ch.charCodeAt(0)) | 0, seed | 0);

for (const { group, prop } of chosen) {
  const numRuns = Math.max(1, Math.ceil((total * prop.fuzzShare) / shares));
  const t0 = performance.now();
  const details = fc.check(prop.property(), { numRuns, seed: seedOf(prop.name), maxSkipsPerRun: 1000 });
  const ms = performance.now() - t0;
  rows.push({ group, name: prop.name, runs: details.numRuns, skipped: details.numSkips, ms, ok: !details.failed });
  const mark = details.failed ? 'FAIL' : 'ok  ';
  console.log(
    `${mark} ${String(details.numRuns).padStart(9)} inputs ${(ms / 1000).toFixed(1).padStart(7)} s  [${group}] ${prop.name}`,
  );
  if (details.failed) {
    failures++;
    console.log(`     counterexample: ${fc.stringify(details.counterexample)}`);
    console.log(`     error: ${String(details.errorInstance).split('\n').slice(0, 8).join('\n            ')}`);
    console.log(
      `     replay: FC_SEED=${details.seed} FC_PATH=${details.counterexamplePath} npx mocha --no-config -r tsx/cjs --extension ts ` +
        `'test/property/*.test.ts' -g ${JSON.stringify(prop.name.slice(0, 40))}`,
    );
  }
}
const inputs = rows.reduce((sum, r) => sum + r.runs, 0);
const seconds = (performance.now() - started) / 1000;
console.log('');
for (const [group] of GROUPS) {
  const g = rows.filter((r) => r.group === group);
  if (g.length)
    console.log(
      `  ${group.padEnd(13)} ${String(g.reduce((s, r) => s + r.runs, 0)).padStart(9)} inputs  ${(g.reduce((s, r) => s + r.ms, 0) / 1000).toFixed(1).padStart(7)} s`,
    );
}
console.log(
  `fuzz: ${inputs.toLocaleString('en')} inputs in ${seconds.toFixed(1)} s (${Math.round(inputs / seconds)}/s), ` +
    `${rows.reduce((s, r) => s + r.skipped, 0)} generated inputs skipped by preconditions, ${failures} failing propert${failures === 1 ? 'y' : 'ies'}, seed ${seed}`,
);
process.exitCode = failures ? 1 : 0;

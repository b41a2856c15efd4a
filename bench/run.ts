/**
 * `npm run bench [-- --quick] [-- --profile]`: generates the corpora, measures our language server and CLI
 * side by side with VS Code's Markdown language server and rg, prints the table, writes bench/results/, and
 * exits 1 when a target is missed (or a sanity check shows a server answering nothing).
 *
 *   --quick     portfolios up to 1,000 accounts, one repetition, 200 requests: a couple of minutes
 *   --profile   runs our server under node --cpu-prof; profiles land in bench/results/prof/
 *   --seed N    another deterministic corpus
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureCorpora, DEFAULT_SEED } from './generate';
import { buildForBench } from './lib/build';
import { markdownClient, markdownServerSpec, MARKDOWN_INIT_OPTIONS, MARKDOWN_SETTINGS, type MarkdownClient } from './lib/mdpeer';
import { median } from './lib/stats';
import { atLeast, atMost, infoRow, mbps, mbytes, ms, renderMarkdown, renderText, targetRow, type Row } from './lib/table';
import {
  cliThroughput, editLatency, editorLatency, readWorkspace, rgThroughput, rgVersion, start, timeToAllDiagnostics,
  type DiagnosticsRun, type ServerSetup, type Throughput,
} from './scenarios';

const root = path.resolve(__dirname, '..');
const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const profile = argv.includes('--profile');
const seedAt = argv.indexOf('--seed');
const seed = seedAt >= 0 ? Number(argv[seedAt + 1]) : DEFAULT_SEED;

const config = quick
  ? { sizes: [10, 100, 1000], reps: 1, requests: 200, edits: 15, cliRuns: 5 }
  : { sizes: [10, 100, 1000, 5000], reps: 3, requests: 600, edits: 40, cliRuns: 7 };
const resultsDir = path.join(root, 'bench', 'results');
const progress = (m: string) => process.stderr.write(`[bench] ${m}\n`);

const ours: ServerSetup = {
  spec: {
    name: 'reflective-accounts',
    script: '', // set once built
    args: ['--stdio'],
    execArgv: [...(profile ? ['--cpu-prof', `--cpu-prof-dir=${path.join(resultsDir, 'prof')}`] : [])],
  },
  settings: { reflectiveAccounts: {} },
};
let mdClient: MarkdownClient | undefined;
const peer: ServerSetup = {
  spec: markdownServerSpec(root),
  settings: MARKDOWN_SETTINGS,
  initializationOptions: MARKDOWN_INIT_OPTIONS,
  handlers: (r, open) => (mdClient = markdownClient(r, open)).handlers,
};

interface OursAtSize {
  runs: DiagnosticsRun[];
  edit?: Awaited<ReturnType<typeof editLatency>>;
  rss: number;
  bytes: number;
}

async function measureOurs(n: number, dir: string, withEdits: boolean): Promise<{ run: DiagnosticsRun; rss: number; edit?: OursAtSize['edit'] }> {
  const ws = readWorkspace(dir);
  const o = await start(ours, ws.root);
  try {
    const run = await timeToAllDiagnostics(o, ours, ws);
    const edit = withEdits ? await editLatency(o, ws.docs[0].uri, config.edits) : undefined;
    progress(`ours, ${n} accounts: all diagnostics in ${ms(run.ms)} (${run.rounds} round(s), ${run.diagnostics} diagnostics)` +
      (edit ? `, edit→diagnostics median ${ms(edit.median)}` : ''));
    return { run, rss: o.session.peakRss(), edit };
  } finally {
    await o.session.close();
  }
}

async function measurePeer(dir: string): Promise<{ run: DiagnosticsRun; rss: number; parseMs: number }> {
  const ws = readWorkspace(dir);
  const o = await start(peer, ws.root);
  try {
    const run = await timeToAllDiagnostics(o, peer, ws);
    progress(`markdown server, ${ws.docs.length} accounts: all diagnostics in ${ms(run.ms)} (${run.rounds} round(s), ${run.diagnostics} diagnostics)`);
    return { run, rss: o.session.peakRss(), parseMs: mdClient?.parseMs() ?? 0 };
  } finally {
    await o.session.close();
  }
}

/**
 * The CLI target: throughput net of process start-up (see Throughput), ours against rg's. Node starts in about
 * as long as rg takes for the whole corpus, so the whole-process ratio says more about the runtime than about
 * our code; it is shown on an information row. A run whose output is wrong fails the row, however fast.
 */
function cliRow(cli: Throughput, rg: Throughput): Row {
  const metric = 'CLI coverage throughput net of process start-up, 1,000 accounts';
  const row = targetRow(metric, mbps(cli.netMbPerS), `${mbps(rg.netMbPerS)} (rg)`, cli.netMbPerS / rg.netMbPerS, atLeast(0.2));
  const problem = cli.problem ? `CLI ${cli.problem}` : rg.problem ? `rg ${rg.problem}` : undefined;
  return problem ? { ...row, ours: `${row.ours} (${problem})`, pass: false } : row;
}

async function main(): Promise<number> {
  const load0 = os.loadavg();
  const t0 = Date.now();
  progress('building the server and the CLI into bench/results/build/');
  const built = await buildForBench(root, path.join(resultsDir, 'build'));
  ours.spec.script = built.server;
  progress(`generating corpora (seed ${seed})`);
  const corpora = ensureCorpora(root, path.join(root, 'bench', 'corpus'), config.sizes, seed);
  const largest = Math.max(...config.sizes);

  // 1. Time to all diagnostics (ours at every size; the Markdown server at 1,000, alternating), edits, RSS.
  const oursBy = new Map<number, OursAtSize>();
  const peerRuns: Array<{ run: DiagnosticsRun; rss: number; parseMs: number }> = [];
  for (const n of config.sizes) {
    const c = corpora.portfolios.get(n)!;
    const reps = n === 1000 ? config.reps : 1;
    const entry: OursAtSize = { runs: [], rss: 0, bytes: c.bytes };
    for (let r = 0; r < reps; r++) {
      const m = await measureOurs(n, c.dir, r === 0 && (n === 10 || n === 1000));
      entry.runs.push(m.run);
      entry.rss = Math.max(entry.rss, m.rss);
      entry.edit ??= m.edit;
      if (n === 1000) peerRuns.push(await measurePeer(c.dir));
    }
    oursBy.set(n, entry);
  }

  // 2. Completion and hover, seed catalogue (5 units) and 50,000 criteria (505 units).
  progress(`completion and hover, seed catalogue (${config.requests} requests each)`);
  const seedLat = await editorLatency(ours, readWorkspace(corpora.portfolios.get(100)!.dir), config.requests);
  progress(`completion p95 ${ms(seedLat.completion.p95)}, hover p95 ${ms(seedLat.hover.p95)}`);
  progress('completion and hover, 50,000 criteria');
  const largeLat = await editorLatency(ours, readWorkspace(corpora.large.dir), config.requests);
  progress(`completion p95 ${ms(largeLat.completion.p95)}, hover p95 ${ms(largeLat.hover.p95)}`);

  // 3. CLI and rg throughput on the 1,000-account corpus, whole process and net of start-up (empty folder).
  const ws1000 = readWorkspace(corpora.portfolios.get(1000)!.dir);
  progress('CLI coverage and rg throughput');
  const rg = rgThroughput(root, ws1000, config.cliRuns);
  const cli = cliThroughput(root, built.cli, ws1000, config.cliRuns);
  progress(`cli ${mbps(cli.netMbPerS)} net (median ${ms(cli.corpus.medianMs)}, empty folder ${ms(cli.empty.medianMs)}), ` +
    `rg ${mbps(rg.netMbPerS)} net (median ${ms(rg.corpus.medianMs)}, empty folder ${ms(rg.empty.medianMs)})`);

  // 4. The table.
  const o1000 = oursBy.get(1000)!;
  const oursDiag = median(o1000.runs.map((r) => r.ms));
  const peerDiag = median(peerRuns.map((r) => r.run.ms));
  const edit10 = oursBy.get(10)!.edit!;
  const edit1000 = o1000.edit!;
  const big = oursBy.get(largest)!;
  const budget = 3 * big.bytes + 60e6;
  const rows: Row[] = [
    targetRow('time to all diagnostics, 1,000 accounts (median)', ms(oursDiag), `${ms(peerDiag)} (Markdown LS)`, oursDiag / peerDiag, atMost(0.5)),
    cliRow(cli, rg),
    targetRow('completion p95, 50,000 criteria vs seed', ms(largeLat.completion.p95), `${ms(seedLat.completion.p95)} (seed)`,
      largeLat.completion.p95 / seedLat.completion.p95, atMost(3)),
    targetRow('edit → diagnostics median, 1,000 vs 10 accounts', ms(edit1000.median), `${ms(edit10.median)} (10)`,
      edit1000.median / edit10.median, atMost(1.5)),
    targetRow(`peak RSS, ${largest.toLocaleString('en')} accounts (${mbytes(big.bytes)})`, mbytes(big.rss), `${mbytes(budget)} (3×corpus+60 MB)`,
      big.rss / budget, atMost(1)),
  ];
  for (const n of config.sizes) {
    const e = oursBy.get(n)!;
    const run = e.runs[0];
    rows.push(infoRow(`time to all diagnostics, ${n.toLocaleString('en')} accounts`, `${ms(median(e.runs.map((r) => r.ms)))} (${run.diagnostics} diags)`,
      n === 1000 ? `${ms(peerDiag)} (${peerRuns[0].run.diagnostics} diags)` : ''));
  }
  rows.push(
    infoRow('  of which Markdown LS client-side parsing (markdown-it)', '', ms(median(peerRuns.map((r) => r.parseMs)))),
    infoRow('server CPU time until all diagnostics, 1,000 accounts', ms(median(o1000.runs.map((r) => r.cpuMs))),
      `${ms(median(peerRuns.map((r) => r.run.cpuMs)))} (+ client parsing)`),
    infoRow(`server CPU time until all diagnostics, ${largest.toLocaleString('en')} accounts`, ms(big.runs[0].cpuMs)),
    infoRow('peak RSS, 1,000 accounts', mbytes(o1000.rss), mbytes(Math.max(...peerRuns.map((r) => r.rss)))),
    infoRow('edit → diagnostics p95, 10 / 1,000 accounts', `${ms(edit10.lat.p95)} / ${ms(edit1000.lat.p95)}`),
  );
  for (const [label, lat] of [['seed', seedLat], ['50,000 criteria', largeLat]] as const) {
    rows.push(
      infoRow(`completion p50/p95/p99, ${label}`, [lat.completion.p50, lat.completion.p95, lat.completion.p99].map(ms).join(' / ')),
      ...Object.entries(lat.byKind).map(([k, v]) => infoRow(`  ${k} p95 (${lat.itemsByKind[k]}+ items)`, ms(v.p95))),
      infoRow(`hover p50/p95/p99, ${label}`, [lat.hover.p50, lat.hover.p95, lat.hover.p99].map(ms).join(' / ')),
      infoRow(`server ready (first diagnostics), ${label}`, ms(lat.readyMs)),
    );
  }
  const runsOf = (t: Throughput) => t.corpus.runsMs.map((x) => x.toFixed(0)).join(' ');
  rows.push(
    infoRow('CLI coverage whole process (start-up included), 1,000 accounts', `${mbps(cli.mbPerS)} (${ms(cli.corpus.medianMs)})`,
      `${mbps(rg.mbPerS)} (${ms(rg.corpus.medianMs)}) (rg)`),
    infoRow('CLI / rg start-up: same command on an empty folder (median)', ms(cli.empty.medianMs), ms(rg.empty.medianMs)),
    infoRow('CLI / rg runs on the corpus (ms)', runsOf(cli), runsOf(rg)),
  );

  // Sanity: a server that answers nothing would be fast for the wrong reason.
  const sane = [
    ['completion after LMCA5/ returns criteria', seedLat.itemsByKind['after-slash'] > 0 && largeLat.itemsByKind['after-slash'] > 0],
    [`fuzzy completion returns criteria${seedLat.empty.length ? ` (none for: ${seedLat.empty.join(' | ')})` : ''}`, seedLat.empty.length === 0],
    ['unit prefix completion returns units', seedLat.itemsByKind['unit-prefix'] > 0],
    ['hovers on citations have content', seedLat.hoversWithContent >= 90],
    ['diagnostics found in the 1,000 accounts', o1000.runs[0].diagnostics > 0],
  ] as const;
  for (const [what, ok] of sane) if (!ok) rows.push({ metric: `sanity: ${what}`, ours: 'no', peer: '', pass: false });

  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ` +
    `Node ${process.version}, ${rgVersion()}, load average ${load0[0].toFixed(1)} → ${os.loadavg()[0].toFixed(1)}`;
  const text = renderText(rows);
  process.stdout.write(`\n${text}\n\n${machine}; ${quick ? 'quick' : 'full'} run, seed ${seed}, ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
  fs.mkdirSync(resultsDir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const record = { machine, quick, seed, config, rows, seedLat, largeLat, cli, rg, peerRuns,
    ours: Object.fromEntries([...oursBy].map(([n, e]) => [n, e])) };
  fs.writeFileSync(path.join(resultsDir, `bench-${stamp}.json`), JSON.stringify(record, null, 2));
  fs.writeFileSync(path.join(resultsDir, 'latest.md'), `${renderMarkdown(rows)}\n\n${machine}; ${quick ? 'quick' : 'full'} run, seed ${seed}\n`);
  const failed = rows.filter((r) => r.pass === false);
  if (failed.length) process.stdout.write(`\n${failed.length} target(s) missed: ${failed.map((r) => r.metric).join('; ')}\n`);
  return failed.length ? 1 : 0;
}

main().then((code) => (process.exitCode = code), (e) => {
  process.stderr.write(`[bench] failed: ${(e as Error)?.stack ?? e}\n`);
  process.exitCode = 2;
});

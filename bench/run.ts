/**
 * `npm run bench [-- --quick] [-- --profile] [-- --seed N]`: generates the corpora, measures where users feel
 * it (a tutor's caseload opened in VS Code, typing in a long account, the CLI beside the tools a centre would
 * run instead), then the editor rows kept from the first bench; prints the table, writes bench/results/, and
 * exits 1 when a target is missed (or a sanity check shows a tool answering nothing).
 *
 *   --quick     one repetition, fewer keystrokes and runs, the slow CLI peers at 2,000 accounts only
 *   --profile   runs our server under node --cpu-prof; profiles land in bench/results/prof/
 *   --seed N    another deterministic corpus
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  caseloadMarkdownServer,
  caseloadOurs,
  type Caseload,
  type CaseloadRun,
  type PeerCaseloadRun,
} from './caseload';
import { caseloadTools, rgVersion, timeTools, type ToolTiming } from './cli';
import { ensureCorpora, DEFAULT_SEED, LONG_ACCOUNT_BYTES, type CaseloadInfo } from './generate';
import { buildForBench } from './lib/build';
import { SERVER_EXEC_ARGV } from '../server/src/serverLaunch';
import { markdownClient, markdownServerSpec, MARKDOWN_INIT_OPTIONS, MARKDOWN_SETTINGS } from './lib/mdpeer';
import { median } from './lib/stats';
import { atMost, fileSize, infoRow, mbytes, ms, renderMarkdown, renderText, targetRow, type Row } from './lib/table';
import { editorRows } from './editorRows';
import { typingInLongAccount, type TypingRun } from './typing';
import type { ServerSetup } from './scenarios';

const root = path.resolve(__dirname, '..');
const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const profile = argv.includes('--profile');
const seedAt = argv.indexOf('--seed');
const seed = seedAt >= 0 ? Number(argv[seedAt + 1]) : DEFAULT_SEED;

const config = quick
  ? { reps: 1, typingCycles: 3, cliRuns: 3, slowCliRuns: 1, slowCliAt5000: false, requests: 200, edits: 15 }
  : { reps: 3, typingCycles: 8, cliRuns: 7, slowCliRuns: 3, slowCliAt5000: true, requests: 600, edits: 40 };
const resultsDir = path.join(root, 'bench', 'results');
const progress = (m: string) => process.stderr.write(`[bench] ${m}\n`);

/** Our server started as VS Code starts it: `node <SERVER_EXEC_ARGV> dist/server.js --stdio`. */
const ours: ServerSetup = {
  spec: {
    name: 'reflective-accounts',
    script: '', // set once built
    args: ['--stdio'],
    execArgv: [
      ...SERVER_EXEC_ARGV,
      ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${path.join(resultsDir, 'prof')}`] : []),
    ],
  },
  settings: { reflectiveAccounts: {} },
};
const markdownServer: ServerSetup = {
  spec: markdownServerSpec(root),
  settings: MARKDOWN_SETTINGS,
  initializationOptions: MARKDOWN_INIT_OPTIONS,
  handlers: (r, open) => markdownClient(r, open).handlers,
};

/** RSS target of the caseload: twice the accounts' bytes (text kept and what is built from it) plus Node's own. */
const rssBudget = (corpusBytes: number) => 2 * corpusBytes + 60e6;
const asFolder = (c: { dir: string; accounts: number; bytes: number }): Caseload => ({
  folders: [c.dir],
  accounts: c.accounts,
  bytes: c.bytes,
});
const asWorkspaceFolders = (c: CaseloadInfo): Caseload => ({
  folders: c.candidates,
  accounts: c.accounts,
  bytes: c.bytes,
});
const medianOf = <T>(xs: T[], f: (x: T) => number) => median(xs.map(f));

async function measureCaseloads(corpora: ReturnType<typeof ensureCorpora>) {
  const c2000 = corpora.caseloads.get(2000)!;
  const c5000 = corpora.portfolios.get(5000)!;
  const at2000: CaseloadRun[] = [];
  const peer2000: PeerCaseloadRun[] = [];
  const at5000: CaseloadRun[] = [];
  // Alternating ours and the Markdown server, so that load on the machine weighs on both alike.
  for (let r = 0; r < config.reps; r++) {
    at2000.push(await caseloadOurs(ours, asFolder(c2000)));
    peer2000.push(await caseloadMarkdownServer(markdownServer, asFolder(c2000)));
    progress(
      `caseload 2,000: ours ${ms(at2000[r].panelMs)} to complete coverage, Markdown LS ${ms(peer2000[r].ms)} to every file's symbols`,
    );
  }
  for (let r = 0; r < config.reps; r++) {
    at5000.push(await caseloadOurs(ours, asFolder(c5000)));
    progress(`one folder of 5,000: ours ${ms(at5000[r].panelMs)} to complete coverage, RSS ${mbytes(at5000[r].rss)}`);
  }
  const multiRoot = await caseloadOurs(ours, asWorkspaceFolders(c2000));
  progress(`caseload 2,000 as 50 workspace folders: ${ms(multiRoot.panelMs)}, RSS ${mbytes(multiRoot.rss)}`);
  return { c2000, c5000, at2000, peer2000, at5000, multiRoot };
}

function caseloadRows(m: Awaited<ReturnType<typeof measureCaseloads>>): Row[] {
  const ours2000 = medianOf(m.at2000, (r) => r.panelMs);
  const peer2000 = medianOf(m.peer2000, (r) => r.ms);
  const rss2000 = medianOf(m.at2000, (r) => r.rss);
  const rss5000 = medianOf(m.at5000, (r) => r.rss);
  const budget = (b: number) => `${mbytes(rssBudget(b))} (2×${mbytes(b)}+60 MB)`;
  return [
    targetRow(
      'caseload of 2,000 (50 × 40), 3 open: coverage panel complete',
      ms(ours2000),
      `${ms(peer2000)} (Markdown LS: symbols of every file)`,
      ours2000 / peer2000,
      atMost(0.5),
    ),
    targetRow(
      'caseload of 2,000: server RSS once indexed',
      mbytes(rss2000),
      budget(m.c2000.bytes),
      rss2000 / rssBudget(m.c2000.bytes),
      atMost(1),
    ),
    targetRow(
      'one folder of 5,000: server RSS once indexed',
      mbytes(rss5000),
      budget(m.c5000.bytes),
      rss5000 / rssBudget(m.c5000.bytes),
      atMost(1),
    ),
    infoRow(
      '  caseload of 2,000: status bar figure',
      `${ms(medianOf(m.at2000, (r) => r.statusBarMs))} (${m.at2000[0].figure})`,
    ),
    infoRow(
      '  caseload of 2,000: RSS at the answer / peak RSS / server CPU',
      `${mbytes(medianOf(m.at2000, (r) => r.rssAtAnswer))} / ${mbytes(Math.max(...m.at2000.map((r) => r.peakRss)))} / ${ms(medianOf(m.at2000, (r) => r.cpuMs))}`,
      `– / ${mbytes(Math.max(...m.peer2000.map((r) => r.peakRss)))} / ${ms(medianOf(m.peer2000, (r) => r.cpuMs))} (+ client parsing)`,
    ),
    infoRow(
      '  one folder of 5,000: coverage panel complete / status bar',
      `${ms(medianOf(m.at5000, (r) => r.panelMs))} / ${ms(medianOf(m.at5000, (r) => r.statusBarMs))} (${m.at5000[0].figure})`,
    ),
    infoRow(
      '  one folder of 5,000: RSS at the answer / peak RSS / server CPU',
      `${mbytes(medianOf(m.at5000, (r) => r.rssAtAnswer))} / ${mbytes(Math.max(...m.at5000.map((r) => r.peakRss)))} / ${ms(medianOf(m.at5000, (r) => r.cpuMs))}`,
    ),
    infoRow(
      '  caseload of 2,000 as 50 workspace folders: panel complete / RSS once indexed / peak',
      `${ms(m.multiRoot.panelMs)} / ${mbytes(m.multiRoot.rss)} / ${mbytes(m.multiRoot.peakRss)}`,
    ),
  ];
}

async function measureTyping(corpora: ReturnType<typeof ensureCorpora>): Promise<Map<number, TypingRun>> {
  const out = new Map<number, TypingRun>();
  for (const bytes of LONG_ACCOUNT_BYTES) {
    const c = corpora.long.get(bytes)!;
    const run = await typingInLongAccount(ours, c.dir, c.file, config.typingCycles);
    progress(
      `typing in ${fileSize(run.bytes)}: keystroke → diagnostics p95 ${ms(run.keystrokes.p95)}, → panel p95 ${ms(run.panel.p95)}`,
    );
    out.set(bytes, run);
  }
  return out;
}

function typingRows(runs: Map<number, TypingRun>): Row[] {
  const small = runs.get(LONG_ACCOUNT_BYTES[0])!;
  const big = runs.get(LONG_ACCOUNT_BYTES[LONG_ACCOUNT_BYTES.length - 1])!;
  const rows = [
    targetRow(
      `typing in a ${fileSize(big.bytes)} account: keystroke → diagnostics p95`,
      ms(big.keystrokes.p95),
      `${ms(small.keystrokes.p95)} (${fileSize(small.bytes)})`,
      big.keystrokes.p95 / small.keystrokes.p95,
      atMost(3),
    ),
    targetRow(
      `typing in a ${fileSize(big.bytes)} account: keystroke → coverage panel p95`,
      ms(big.panel.p95),
      `${ms(small.panel.p95)} (${fileSize(small.bytes)})`,
      big.panel.p95 / small.panel.p95,
      atMost(3),
    ),
  ];
  for (const run of runs.values()) {
    rows.push(
      infoRow(
        `  ${fileSize(run.bytes)}: keystroke → diagnostics p50 / p95 / max (${run.keystrokes.n} keys)`,
        [run.keystrokes.p50, run.keystrokes.p95, run.keystrokes.max].map(ms).join(' / '),
      ),
    );
    rows.push(
      infoRow(
        `  ${fileSize(run.bytes)}: keystroke → panel p50 / p95 / max (${run.panel.n} keys)`,
        [run.panel.p50, run.panel.p95, run.panel.max].map(ms).join(' / '),
      ),
    );
    rows.push(
      infoRow(
        `  ${fileSize(run.bytes)}: coverageDidChange / panel requests for ${run.keysSent} keys`,
        `${run.notifications} / ${run.panelRequests}`,
      ),
    );
  }
  return rows;
}

function measureCli(cli: string, corpora: ReturnType<typeof ensureCorpora>): Map<number, Map<string, ToolTiming>> {
  const out = new Map<number, Map<string, ToolTiming>>();
  for (const [n, c] of corpora.caseloads) {
    const withPeers = n === 2000 || config.slowCliAt5000;
    const tools = caseloadTools(root, cli, c.dir, c.accounts, c.candidates).filter((t) => withPeers || !t.slow);
    const timings = timeTools(tools, config.cliRuns, config.slowCliRuns);
    progress(
      `CLI on ${n.toLocaleString('en')} accounts: ${[...timings.values()].map((t) => `${t.name} ${ms(t.medianMs)}`).join(', ')}`,
    );
    out.set(n, timings);
  }
  return out;
}

/** Every run of every tool, printed under the table: medians hide how much a shared machine varies. */
function cliRunNotes(byCaseload: Map<number, Map<string, ToolTiming>>): string {
  return [...byCaseload]
    .map(
      ([n, timings]) =>
        `CLI runs on ${n.toLocaleString('en')} accounts (ms): ` +
        [...timings.values()].map((t) => `${t.name} ${t.runsMs.map((x) => x.toFixed(0)).join(' ')}`).join('; '),
    )
    .join('\n');
}

function cliRows(byCaseload: Map<number, Map<string, ToolTiming>>): Row[] {
  const rows: Row[] = [];
  const spoilt = (t: ToolTiming | undefined) => (t?.problem ? ` (${t.problem})` : '');
  for (const [n, timings] of byCaseload) {
    const label = `${n.toLocaleString('en')} accounts`;
    const peers = ['markdownlint-cli2', 'remark-cli'].map((p) => timings.get(p)).filter((t): t is ToolTiming => !!t);
    const fastest = peers.sort((a, b) => a.medianMs - b.medianMs)[0];
    const rg = timings.get('rg')!;
    for (const command of ['check', 'coverage --each']) {
      const t = timings.get(command)!;
      const bad = !!t.problem || !!fastest?.problem;
      if (fastest) {
        const row = targetRow(
          `CLI ${command}, ${label}: vs the faster Node peer`,
          `${ms(t.medianMs)}${spoilt(t)}`,
          `${ms(fastest.medianMs)} (${fastest.name})${spoilt(fastest)}`,
          t.medianMs / fastest.medianMs,
          atMost(0.2),
        );
        rows.push(bad ? { ...row, pass: false } : row);
      }
      const vsRg = `CLI ${command}, ${label}: vs rg`;
      const rgRow =
        n === 5000
          ? targetRow(
              vsRg,
              ms(t.medianMs),
              `${ms(rg.medianMs)} (rg)${spoilt(rg)}`,
              t.medianMs / rg.medianMs,
              atMost(12),
            )
          : {
              ...infoRow(vsRg, ms(t.medianMs), `${ms(rg.medianMs)} (rg)${spoilt(rg)}`),
              ratio: t.medianMs / rg.medianMs,
            };
      rows.push(t.problem || rg.problem ? { ...rgRow, pass: false } : rgRow);
    }
  }
  return rows;
}

async function main(): Promise<number> {
  const load0 = os.loadavg();
  const t0 = Date.now();
  progress('building the server and the CLI into bench/results/build/');
  const built = await buildForBench(root, path.join(resultsDir, 'build'));
  ours.spec.script = built.server;
  progress(`generating corpora (seed ${seed})`);
  const corpora = ensureCorpora(root, path.join(root, 'bench', 'corpus'), [10, 100, 1000, 5000], seed);

  progress("1. a tutor's caseload, indexed from disk with 3 accounts open");
  const caseloads = await measureCaseloads(corpora);
  progress('2. typing in a long account');
  const typing = await measureTyping(corpora);
  progress('3. the CLI beside markdownlint-cli2, remark-cli and rg');
  const cli = measureCli(built.cli, corpora);
  progress('4. editor rows kept from the first bench (informational)');
  const editor = await editorRows(ours, markdownServer, corpora, config);

  const rows: Row[] = [...caseloadRows(caseloads), ...typingRows(typing), ...cliRows(cli), ...editor.rows];
  // Sanity: a tool that answers nothing would be fast for the wrong reason.
  const sane: Array<[string, boolean]> = [
    [
      'the Markdown LS gave symbols for every account',
      caseloads.peer2000.every((r) => r.files === caseloads.c2000.accounts),
    ],
    ['the status bar shows a figure', caseloads.at2000.every((r) => /^\d+\/\d+$/.test(r.figure))],
    [
      'every keystroke that changes the panel brought it fresh data',
      [...typing.values()].every((r) => r.panelMissed === 0 && r.panel.n > 0),
    ],
    ...editor.sanity,
  ];
  for (const [what, ok] of sane) if (!ok) rows.push({ metric: `sanity: ${what}`, ours: 'no', peer: '', pass: false });

  const machine =
    `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ` +
    `Node ${process.version}, ${rgVersion()}, load average ${load0[0].toFixed(1)} → ${os.loadavg()[0].toFixed(1)}`;
  const footer = `${cliRunNotes(cli)}\n\n${machine}; ${quick ? 'quick' : 'full'} run, seed ${seed}, ${((Date.now() - t0) / 1000).toFixed(0)} s`;
  process.stdout.write(`\n${renderText(rows)}\n\n${footer}\n`);
  fs.mkdirSync(resultsDir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const record = {
    machine,
    quick,
    seed,
    config,
    rows,
    caseloads,
    typing: Object.fromEntries(typing),
    cli: Object.fromEntries([...cli].map(([n, t]) => [n, Object.fromEntries(t)])),
    editor: editor.record,
  };
  fs.writeFileSync(path.join(resultsDir, `bench-${stamp}.json`), JSON.stringify(record, null, 2));
  fs.writeFileSync(path.join(resultsDir, 'latest.md'), `${renderMarkdown(rows)}\n\n${footer}\n`);
  const failed = rows.filter((r) => r.pass === false);
  if (failed.length)
    process.stdout.write(`\n${failed.length} target(s) missed: ${failed.map((r) => r.metric).join('; ')}\n`);
  return failed.length ? 1 : 0;
}

main().then(
  (code) => (process.exitCode = code),
  (e) => {
    process.stderr.write(`[bench] failed: ${(e as Error)?.stack ?? e}\n`);
    process.exitCode = 2;
  },
);

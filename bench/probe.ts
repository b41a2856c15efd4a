/**
 * `tsx bench/probe.ts [N] [--peer] [--timeline] [--heap] [--snapshot] [-- node flags…]`: one diagnostics
 * scenario on the N-account corpus (default 1,000), for profiling a single change without the whole suite.
 * Prints time, rounds, server CPU, peak RSS and what the server wrote (messages by method).
 *
 *   --peer       the Markdown language server instead of ours
 *   --timeline   the server's RSS every 100 ms
 *   --heap       V8's heap spaces once settled (preloads bench/lib/heapStats.cjs)
 *   --snapshot   a heap snapshot of the settled server, written to the current folder
 *   --smaps      the settled server's resident memory by kind (anonymous, file) and its largest mappings
 *   -- flags     extra Node flags for our server, e.g. -- --cpu-prof --cpu-prof-dir=/tmp/prof
 *
 * Builds into bench/results/build/ like run.ts; the corpus must exist (run `npm run bench -- --quick` once).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildForBench } from './lib/build';
import { markdownClient, markdownServerSpec, MARKDOWN_INIT_OPTIONS, MARKDOWN_SETTINGS } from './lib/mdpeer';
import { readWorkspace, start, timeToAllDiagnostics, type ServerSetup } from './scenarios';
import { SERVER_EXEC_ARGV } from '../server/src/serverLaunch';

const root = path.resolve(__dirname, '..');
const argv = process.argv.slice(2);
const dash = argv.indexOf('--');
const own = dash >= 0 ? argv.slice(0, dash) : argv;
const flag = (name: string) => own.includes(name);
const n = Number(own.find((a) => /^\d+$/.test(a)) ?? 1000);
const nodeFlags = [
  ...SERVER_EXEC_ARGV,
  ...(flag('--heap') ? ['-r', path.join(__dirname, 'lib', 'heapStats.cjs')] : []),
  ...(flag('--snapshot') ? ['--heapsnapshot-signal=SIGUSR2'] : []),
  ...(dash >= 0 ? argv.slice(dash + 1) : []),
];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const rssMb = (pid: number | undefined) =>
  Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1e3;

/** RssAnon/RssFile from /proc, then the ten mappings holding most resident memory (heap, binary, malloc). */
function residentByMapping(pid: number): string {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kinds = ['RssAnon', 'RssFile', 'RssShmem'].map(
    (k) => `${k} ${(Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1e3).toFixed(1)} MB`,
  );
  const maps: Array<{ name: string; rss: number }> = [];
  let name = '';
  for (const line of fs.readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const head = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (head) name = head[1] || '[anon]';
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss) maps.push({ name, rss: Number(rss[1]) });
  }
  const byName = new Map<string, number>();
  for (const m of maps) byName.set(m.name, (byName.get(m.name) ?? 0) + m.rss);
  const top = [...byName]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 10)
    .map(([k, v]) => `  ${(v / 1e3).toFixed(1).padStart(7)} MB  ${k}`);
  return `resident: ${kinds.join(', ')}\n${top.join('\n')}\n`;
}

async function main(): Promise<void> {
  const built = await buildForBench(root, path.join(root, 'bench', 'results', 'build'));
  const setup: ServerSetup = flag('--peer')
    ? {
        spec: markdownServerSpec(root),
        settings: MARKDOWN_SETTINGS,
        initializationOptions: MARKDOWN_INIT_OPTIONS,
        handlers: (r, open) => markdownClient(r, open).handlers,
      }
    : {
        spec: { name: 'ours', script: built.server, args: ['--stdio'], execArgv: nodeFlags },
        settings: { reflectiveAccounts: {} },
      };
  const ws = readWorkspace(path.join(root, 'bench', 'corpus', `p${n}`));
  const o = await start(setup, ws.root);
  const child = o.session.child;
  // What the server writes: bytes, and messages by method (answers counted as "response").
  let outBytes = 0;
  const methods = new Map<string, number>();
  child.stdout!.on('data', (d: Buffer) => {
    outBytes += d.length;
    for (const m of String(d).matchAll(/"method":"([^"]+)"|"result"/g))
      methods.set(m[1] ?? 'response', (methods.get(m[1] ?? 'response') ?? 0) + 1);
  });
  const samples: string[] = [];
  const t0 = Date.now();
  const sampler = setInterval(() => samples.push(`${Date.now() - t0}:${rssMb(child.pid).toFixed(0)}`), 100);
  try {
    const run = await timeToAllDiagnostics(o, setup, ws);
    clearInterval(sampler);
    const peak = o.session.peakRss();
    if (flag('--timeline')) process.stdout.write(`RSS timeline (ms:MB): ${samples.join(' ')}\n`);
    if (flag('--smaps')) process.stdout.write(residentByMapping(child.pid!));
    if (flag('--heap') || flag('--snapshot')) {
      child.kill('SIGUSR2');
      await sleep(flag('--snapshot') ? 25000 : 500); // a snapshot of a big heap takes long on a busy machine
      if (flag('--heap')) process.stdout.write(`${o.session.log.filter((l) => l.includes('HEAP')).join('')}`);
    }
    process.stdout.write(
      `${flag('--peer') ? 'markdown' : 'ours'} ${n}: ${run.ms.toFixed(0)} ms, ${run.rounds} round(s), ` +
        `cpu ${run.cpuMs.toFixed(0)} ms, ${run.diagnostics} diagnostics, peak RSS ${(peak / 1e6).toFixed(1)} MB ` +
        `(corpus ${(ws.bytes / 1e6).toFixed(1)} MB)\n` +
        `server wrote ${(outBytes / 1e6).toFixed(2)} MB: ${[...methods].map(([m, c]) => `${m} ×${c}`).join(', ')}\n`,
    );
  } finally {
    clearInterval(sampler);
    await o.session.close();
  }
}
main().catch((e) => {
  process.stderr.write(`${e?.stack ?? e}\n`);
  process.exitCode = 1;
});

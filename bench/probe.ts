/**
 * `tsx bench/probe.ts [N] [--peer] [-- node flags…]`: one diagnostics scenario on the N-account corpus (default
 * 1,000), for profiling a single change without the whole suite. Prints time, rounds, server CPU and peak RSS.
 * Builds into bench/results/build/ like run.ts; the corpus must exist (run `npm run bench -- --quick` once).
 */
import * as path from 'node:path';
import { SERVER_NODE_FLAGS } from '../server/src/launch';
import { buildForBench } from './lib/build';
import { markdownClient, markdownServerSpec, MARKDOWN_INIT_OPTIONS, MARKDOWN_SETTINGS } from './lib/mdpeer';
import { readWorkspace, start, timeToAllDiagnostics, type ServerSetup } from './scenarios';

const root = path.resolve(__dirname, '..');
const argv = process.argv.slice(2);
const dash = argv.indexOf('--');
const nodeFlags = dash >= 0 ? argv.slice(dash + 1) : [];
const own = dash >= 0 ? argv.slice(0, dash) : argv;
const n = Number(own.find((a) => /^\d+$/.test(a)) ?? 1000);
const peer = own.includes('--peer');

async function main(): Promise<void> {
  const built = await buildForBench(root, path.join(root, 'bench', 'results', 'build'));
  const setup: ServerSetup = peer
    ? { spec: markdownServerSpec(root), settings: MARKDOWN_SETTINGS, initializationOptions: MARKDOWN_INIT_OPTIONS,
      handlers: (r, open) => markdownClient(r, open).handlers }
    : { spec: { name: 'ours', script: built.server, args: ['--stdio'], execArgv: [...SERVER_NODE_FLAGS, ...nodeFlags] }, settings: { reflectiveAccounts: {} } };
  const ws = readWorkspace(path.join(root, 'bench', 'corpus', `p${n}`));
  const o = await start(setup, ws.root);
  // What the server writes: bytes, and messages by method (answers counted as "response").
  let outBytes = 0;
  const methods = new Map<string, number>();
  o.session.child.stdout!.on('data', (d: Buffer) => {
    outBytes += d.length;
    for (const m of String(d).matchAll(/"method":"([^"]+)"|"result"/g)) methods.set(m[1] ?? 'response', (methods.get(m[1] ?? 'response') ?? 0) + 1);
  });
  const samples: string[] = [];
  const t0 = Date.now();
  const sampler = setInterval(() => {
    try {
      const rss = Number(/VmRSS:\s+(\d+)/.exec(require('node:fs').readFileSync(`/proc/${o.session.child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1e3;
      samples.push(`${Date.now() - t0}:${rss.toFixed(0)}`);
    } catch { /* gone */ }
  }, 100);
  try {
    const run = await timeToAllDiagnostics(o, setup, ws);
    clearInterval(sampler);
    if (own.includes('--heap')) {
      o.session.child.kill('SIGUSR2');
      await new Promise((r) => setTimeout(r, 500));
      process.stdout.write(o.session.log.filter((l) => l.includes('HEAP')).join('').split('; ').join('\n') + '\n');
    }
    if (own.includes('--log')) process.stdout.write(o.session.log.join('').split('\n').filter((l) => /Mark-Compact|Scavenge/.test(l)).slice(-6).join('\n') + '\n');
    if (own.includes('--timeline')) process.stdout.write(`RSS timeline (ms:MB): ${samples.join(' ')}\n`);
    const rss = o.session.peakRss();
    const rssNow = () => Number(/VmRSS:\s+(\d+)/.exec(require('node:fs').readFileSync(`/proc/${o.session.child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1e3;
    process.stdout.write(`RSS now ${rssNow().toFixed(1)} MB; `);
    await new Promise((r) => setTimeout(r, 3000));
    process.stdout.write(`3 s later ${rssNow().toFixed(1)} MB\n`);
    if (own.includes('--snapshot')) {
      // with `-- --heapsnapshot-signal=SIGUSR2`: a heap snapshot of the settled server, written to its cwd
      o.session.child.kill('SIGUSR2');
      await new Promise((r) => setTimeout(r, 8000));
    }
    process.stdout.write(`${peer ? 'markdown' : 'ours'} ${n}: ${run.ms.toFixed(0)} ms, ${run.rounds} round(s), ` +
      `cpu ${run.cpuMs.toFixed(0)} ms, ${run.diagnostics} diagnostics, peak RSS ${(rss / 1e6).toFixed(1)} MB ` +
      `(corpus ${(ws.bytes / 1e6).toFixed(1)} MB, budget ${((3 * ws.bytes + 60e6) / 1e6).toFixed(1)} MB)\n` +
      `server wrote ${(outBytes / 1e6).toFixed(2)} MB: ${[...methods].map(([m, c]) => `${m} ×${c}`).join(', ')}\n`);
  } finally {
    await o.session.close();
  }
}
main().catch((e) => { process.stderr.write(`${e?.stack ?? e}\n`); process.exitCode = 1; });

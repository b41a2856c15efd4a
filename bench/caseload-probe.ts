/**
 * The caseload scenario alone, for profiling: `npx tsx bench/caseload-probe.ts 2000|5000 [--md] [-- node flags]`.
 * Prints ours (and with --md the Markdown server) once; pass `-- --cpu-prof --cpu-prof-dir=DIR` or
 * `-- --heapsnapshot-signal=SIGUSR2` to look inside.
 */
import * as path from 'node:path';
import { caseloadMarkdownServer, caseloadOurs } from './caseload';
import { ensureCorpora } from './generate';
import { buildForBench } from './lib/build';
import { markdownServerSpec, MARKDOWN_INIT_OPTIONS, MARKDOWN_SETTINGS, markdownClient } from './lib/mdpeer';
import { SERVER_EXEC_ARGV } from '../server/src/serverLaunch';
import { mbytes, ms } from './lib/table';

async function main() {
  const root = path.resolve(__dirname, '..');
  const argv = process.argv.slice(2);
  const dash = argv.indexOf('--');
  const nodeFlags = dash >= 0 ? argv.slice(dash + 1) : [];
  const size = Number(argv[0] ?? 2000);
  const built = await buildForBench(root, path.join(root, 'bench', 'results', 'build'));
  const corpora = ensureCorpora(root, path.join(root, 'bench', 'corpus'), [10, 100, 1000, 5000], 7);
  const c = size === 2000 ? corpora.caseloads.get(2000)! : corpora.portfolios.get(size)!; // 10, 100, 1000, 5000 too
  const run = await caseloadOurs(
    {
      spec: {
        name: 'ours',
        script: process.env.SERVER_SCRIPT ?? built.server,
        args: ['--stdio'],
        execArgv: [...SERVER_EXEC_ARGV, ...nodeFlags],
      },
      settings: {
        reflectiveAccounts: process.env.NOWRITING
          ? { writing: { hypothetical: 'off', identifiablePerson: 'off' } }
          : {},
      },
    },
    { folders: [c.dir], accounts: c.accounts, bytes: c.bytes },
    async (s) => {
      if (!nodeFlags.some((f) => f.includes('heapStats') || f.includes('heapsnapshot-signal'))) return;
      s.child.kill('SIGUSR2');
      await new Promise((r) => setTimeout(r, nodeFlags.some((f) => f.includes('heapsnapshot')) ? 20000 : 500));
      console.log(s.log.filter((l) => l.includes('HEAP')).join(''));
    },
  );
  console.log(
    `ours ${size}: panel ${ms(run.panelMs)}, cpu ${ms(run.cpuMs)}, rss at answer ${mbytes(run.rssAtAnswer)}, settled ${mbytes(run.rss)}, peak ${mbytes(run.peakRss)}`,
  );
  if (argv.includes('--md')) {
    const r = await caseloadMarkdownServer(
      {
        spec: markdownServerSpec(root),
        settings: MARKDOWN_SETTINGS,
        initializationOptions: MARKDOWN_INIT_OPTIONS,
        handlers: (rt, open) => markdownClient(rt, open).handlers,
      },
      { folders: [c.dir], accounts: c.accounts, bytes: c.bytes },
    );
    console.log(`markdown LS: ${ms(r.ms)}, cpu ${ms(r.cpuMs)}, peak ${mbytes(r.peakRss)}`);
  }
}
void main();

/**
 * `tsx bench/profile-typing.ts [20000|200000|1000000] [-- node flags…]`: the typing scenario alone on one
 * long account, our server started with the given Node flags (e.g. -- --cpu-prof --cpu-prof-dir=/tmp/prof).
 * Builds into bench/results/build/ like run.ts; the corpus must exist (run `npm run bench -- --quick` once).
 */
import * as path from 'node:path';
import { buildForBench } from './lib/build';
import { ms } from './lib/table';
import { typingInLongAccount } from './typing';
import { SERVER_EXEC_ARGV } from '../server/src/serverLaunch';

const root = path.resolve(__dirname, '..');
const argv = process.argv.slice(2);
const dash = argv.indexOf('--');
const bytes = Number((dash >= 0 ? argv.slice(0, dash) : argv)[0] ?? 1_000_000);

async function main(): Promise<void> {
  const built = await buildForBench(root, path.join(root, 'bench', 'results', 'build'));
  const dir = path.join(root, 'bench', 'corpus', `long-${bytes / 1000}k`);
  const setup = {
    spec: {
      name: 'ours',
      script: built.server,
      args: ['--stdio'],
      execArgv: [...SERVER_EXEC_ARGV, ...(dash >= 0 ? argv.slice(dash + 1) : [])],
    },
    settings: { reflectiveAccounts: {} },
  };
  const run = await typingInLongAccount(setup, dir, path.join(dir, 'diploma.md'), 4);
  process.stdout.write(
    `${run.bytes} bytes, typed "${run.typed}": keystroke → diagnostics p50 ${ms(run.keystrokes.p50)} p95 ${ms(run.keystrokes.p95)}, ` +
      `→ panel p50 ${ms(run.panel.p50)} p95 ${ms(run.panel.p95)} (${run.panel.n} keys)\n`,
  );
}
main().catch((e) => {
  process.stderr.write(`${e?.stack ?? e}\n`);
  process.exitCode = 1;
});

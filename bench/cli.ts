/**
 * The CLI beside what a centre would run over a caseload instead: markdownlint-cli2 and remark-cli (with
 * remark-preset-lint-recommended), each started directly with this Node binary (no npx), and rg as the floor
 * of what reading the files costs. Whole process, start-up included, output piped to the harness; the tools
 * take turns round by round so that a change of load on the machine weighs on all of them alike.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { median } from './lib/stats';

export interface Tool {
  name: string;
  cmd: string;
  args: string[];
  cwd: string;
  /** Says what is wrong with a run's output (it failed, or looked at fewer files than it should), if anything. */
  check: (status: number | null, out: string) => string | undefined;
  /** Slow peers are run fewer times. */
  slow?: boolean;
}

export interface ToolTiming {
  name: string;
  medianMs: number;
  runsMs: number[];
  problem?: string;
}

function runOnce(tool: Tool): { ms: number; status: number | null; out: string } {
  const t = performance.now();
  const r = spawnSync(tool.cmd, tool.args, {
    cwd: tool.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 1 << 30,
    encoding: 'utf8',
  });
  return { ms: performance.now() - t, status: r.status, out: `${r.stdout}\n${r.stderr}` };
}

/**
 * `runs` rounds after one warm-up round (page cache, Node's compile cache); slow tools only in the first
 * `slowRuns` rounds, without a warm-up (a five-second run is not helped by one).
 */
export function timeTools(tools: readonly Tool[], runs: number, slowRuns: number): Map<string, ToolTiming> {
  const samples = new Map(tools.map((t) => [t.name, [] as number[]]));
  const problems = new Map<string, string>();
  for (let round = 0; round <= runs; round++) {
    for (const tool of tools) {
      if (tool.slow ? round > slowRuns || round === 0 : false) continue;
      const r = runOnce(tool);
      const problem = tool.check(r.status, r.out);
      if (problem && !problems.has(tool.name)) problems.set(tool.name, problem);
      if (round > 0) samples.get(tool.name)!.push(r.ms);
    }
  }
  return new Map(
    tools.map((t) => {
      const runsMs = samples.get(t.name)!;
      return [t.name, { name: t.name, medianMs: median(runsMs), runsMs, problem: problems.get(t.name) }];
    }),
  );
}

const ran = (status: number | null, ok: number[]) =>
  status !== null && ok.includes(status) ? undefined : `exited ${status}`;

/**
 * The five tools on a caseload folder of `accounts` accounts in `candidates` (absolute paths).
 * `check` exits 1 when it finds errors, as do the linters; that counts as a run when the output is whole.
 */
export function caseloadTools(
  root: string,
  cli: string,
  folder: string,
  accounts: number,
  candidates: string[],
): Tool[] {
  const node = process.execPath;
  const bin = (p: string) => path.join(root, 'node_modules', p);
  return [
    {
      name: 'check',
      cmd: node,
      args: [cli, 'check', folder],
      cwd: root,
      check: (s, out) =>
        ran(s, [0, 1]) ?? (out.includes(`${accounts} account(s)`) ? undefined : `did not report ${accounts} accounts`),
    },
    {
      name: 'coverage --each',
      cmd: node,
      args: [cli, 'coverage', folder, '--each'],
      cwd: root,
      check: (s, out) =>
        ran(s, [0]) ??
        (candidates.every((c) => out.includes(`\n${path.basename(c)} `)) ? undefined : 'left out a candidate'),
    },
    {
      name: 'markdownlint-cli2',
      cmd: node,
      args: [bin('markdownlint-cli2/markdownlint-cli2-bin.mjs'), '**/*.md'],
      cwd: folder,
      slow: true,
      check: (s, out) =>
        ran(s, [0, 1]) ??
        (out.includes(`Linting: ${accounts} file(s)`) || out.includes(`Linting: ${accounts} files`)
          ? undefined
          : 'linted another number of files'),
    },
    {
      name: 'remark-cli',
      cmd: node,
      cwd: root,
      slow: true,
      args: [
        bin('remark-cli/cli.js'),
        folder,
        '--use',
        'remark-preset-lint-recommended',
        '--quiet',
        '--no-stdout',
        '--no-color',
      ],
      // --quiet lists only files with warnings; every generated account has some (its `units: [...]` front matter).
      check: (s, out) =>
        ran(s, [0, 1]) ??
        (out.split('\n').filter((l) => l.endsWith('.md')).length === accounts
          ? undefined
          : 'reported another number of files'),
    },
    {
      name: 'rg',
      cmd: 'rg',
      args: ['--no-ignore', '-g', '*.md', '-c', '[A-Za-z0-9]+/[PpKk][0-9]+', folder],
      cwd: root,
      check: (s) => ran(s, [0]),
    },
  ];
}

export function rgVersion(): string {
  const r = spawnSync('rg', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.split('\n')[0] : 'rg not found';
}

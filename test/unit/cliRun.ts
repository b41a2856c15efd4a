/** Running the CLI in-process for the unit tier, and golden files: shared by every CLI test. */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../../server/src/cli/main';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `reflective-accounts ARGV` (server/src/cli/main.ts) and collects what it prints. With `cwd`, the run
 * happens from that folder (paths in argv are then relative to it), and the process's folder is put back after.
 */
export async function runCli(argv: string[], cwd?: string): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const before = process.cwd();
  if (cwd) process.chdir(cwd);
  try {
    const code = await main(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
    return { code, stdout, stderr };
  } finally {
    if (cwd) process.chdir(before);
  }
}

const goldenDir = path.join(__dirname, '..', 'fixtures', 'golden');

/** Compares with test/fixtures/golden/NAME; UPDATE_GOLDEN=1 rewrites the file instead. */
export function golden(name: string, actual: string): void {
  const file = path.join(goldenDir, name);
  if (process.env.UPDATE_GOLDEN) fs.writeFileSync(file, actual);
  assert.equal(
    actual,
    fs.readFileSync(file, 'utf8'),
    `${name} differs from its golden file (UPDATE_GOLDEN=1 to accept)`,
  );
}

#!/usr/bin/env node
// `npm run test:e2e`: the end-to-end suite in desktop VS Code through @vscode/test-electron, which downloads
// VS Code (cached outside the repository). Where VS Code cannot be downloaded, use `npm run test:e2e:offline`:
// the same suite in code-server.
// Usage: node test/e2e/run-electron.mjs [--grep RE]      Env: VSCODE_VERSION (default "stable"), RA_E2E_CACHE.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runTests, TestRunFailedError } from '@vscode/test-electron';
import { buildSuite } from './build.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const cacheDir =
  process.env.RA_E2E_CACHE || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'reflective-accounts-e2e');
const { values: opt } = parseArgs({ options: { grep: { type: 'string' } } });

const NETWORK = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|getaddrinfo|socket hang up|certificate/i;

let workspace;
let exitCode = 1;
try {
  // The extension under development is the repository itself: build its bundles first.
  execFileSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: 'inherit' });
  const extensionTestsPath = await buildSuite();
  workspace = mkdtempSync(join(tmpdir(), 'ra-e2e-electron-'));
  cpSync(join(repoRoot, 'test/e2e/fixtures/portfolio'), join(workspace, 'portfolio'), { recursive: true });
  exitCode = await runTests({
    version: process.env.VSCODE_VERSION || 'stable',
    cachePath: join(cacheDir, 'vscode-test'),
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath,
    extensionTestsEnv: opt.grep ? { RA_E2E_GREP: opt.grep } : {},
    launchArgs: [
      join(workspace, 'portfolio'),
      '--disable-extensions',
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
      '--disable-telemetry',
    ],
  });
} catch (e) {
  const message = e instanceof Error ? e.message : String(e);
  if (e instanceof TestRunFailedError) {
    console.error(`\ntest:e2e: the suite failed in VS Code (${message})`);
  } else if (NETWORK.test(message) || NETWORK.test(String(e?.code ?? ''))) {
    console.error(
      `\ntest:e2e: VS Code could not be downloaded (${message.split('\n')[0]}).\n` +
        'This machine has no access to VS Code downloads. Run the same suite offline in code-server instead:\n' +
        '  npm run test:e2e:offline\n',
    );
  } else {
    console.error(`\ntest:e2e: ${e instanceof Error ? e.stack : message}`);
  }
  exitCode = 1;
} finally {
  if (workspace) rmSync(workspace, { recursive: true, force: true });
}
process.exit(exitCode);

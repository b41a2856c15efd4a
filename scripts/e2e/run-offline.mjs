#!/usr/bin/env node
// Offline end-to-end run in a real VS Code (code-server + headless chromium), no VS Code download needed:
//   1. installs code-server and chromium if not cached (scripts/e2e/setup.sh),
//   2. packages the extension (`npm run package`) and bundles the suite (test/e2e/build.mjs),
//   3. starts code-server on 127.0.0.1:<free port> in its own session with the VSIX installed into fresh dirs,
//   4. runs the mocha suite inside the extension host through the workbench `payload`, printing its report,
//   5. runs the UI scenario (test/e2e/ui/scenario.mjs; screenshots in test-artifacts/e2e/),
//   6. stops every process of the session and exits 0 only if everything passed.
//
// Usage: node scripts/e2e/run-offline.mjs [--suite-only | --ui-only] [--grep RE] [--timeout S] [--keep]
//        [--vsix FILE] [--tests FILE] [--workspace DIR]      (defaults: npm run package, out/e2e/index.js, fixture)
// Env: RA_E2E_CACHE (install cache), RA_E2E_VERBOSE=1 (workbench chatter), RA_E2E_SKIP_SETUP=1.
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildSuite } from '../../test/e2e/build.mjs';
import { removeBrowserProfiles } from './lib/browser.mjs';
import { stopSession, startCodeServer } from './lib/codeServer.mjs';
import { artifactsDir, E2EError, killChildren, log, repoRoot, run } from './lib/env.mjs';
import { runExtensionTests } from './lib/extensionTests.mjs';
import { installedExtensionDir, packageExtension } from './lib/vsix.mjs';

const { values: opt } = parseArgs({
  options: {
    'suite-only': { type: 'boolean', default: false },
    'ui-only': { type: 'boolean', default: false },
    grep: { type: 'string' },
    timeout: { type: 'string', default: '300' },
    keep: { type: 'boolean', default: false },
    vsix: { type: 'string' },
    tests: { type: 'string' },
    workspace: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (opt.help) {
  console.log(
    'usage: node scripts/e2e/run-offline.mjs [--suite-only|--ui-only] [--grep RE] [--timeout S] [--keep] [--vsix F] [--tests F] [--workspace D]',
  );
  process.exit(0);
}

const started = Date.now();
const secs = (since) => `${((Date.now() - since) / 1000).toFixed(0)} s`;
let server;
let runDir;
/** Synchronous, for 'exit' and signal handlers: nothing of the run may outlive it. */
const cleanup = () => {
  killChildren();
  if (server) {
    stopSession(server.pid);
    server = undefined;
  }
  removeBrowserProfiles();
  if (runDir && !opt.keep) rmSync(runDir, { recursive: true, force: true });
};
process.on('exit', cleanup);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    log('%s: stopping', sig);
    cleanup();
    process.exit(128 + (sig === 'SIGINT' ? 2 : sig === 'SIGTERM' ? 15 : 1));
  });
}

async function main() {
  const results = [];
  if (!process.env.RA_E2E_SKIP_SETUP) {
    const t = Date.now();
    const { code } = await run('bash', [join(repoRoot, 'scripts/e2e/setup.sh')], { timeoutMs: 20 * 60_000 });
    if (code !== 0) throw new E2EError('installing code-server/chromium failed (see above)');
    log('setup ready in %s', secs(t));
  }
  const vsix = opt.vsix ? resolve(opt.vsix) : await packageExtension();
  log('VSIX %s', vsix);
  const testsPath = opt['ui-only'] ? undefined : opt.tests ? resolve(opt.tests) : await buildSuite();

  runDir = mkdtempSync(join(tmpdir(), 'ra-e2e-'));
  rmSync(artifactsDir, { recursive: true, force: true }); // no stale screenshots or logs of an earlier run
  mkdirSync(artifactsDir, { recursive: true });
  let t = Date.now();
  server = await startCodeServer({ runDir, vsix: [vsix] });
  log('code-server up in %s', secs(t));
  const devPath = installedExtensionDir(server.extensionDirs);

  if (!opt['ui-only']) {
    // Work on a copy: the suite edits (unsaved) and exports files into its workspace.
    const workspace = join(runDir, 'portfolio');
    cpSync(opt.workspace ? resolve(opt.workspace) : join(repoRoot, 'test/e2e/fixtures/portfolio'), workspace, {
      recursive: true,
    });
    t = Date.now();
    log('suite: %s in the extension host, extension %s', testsPath, basename(devPath));
    const extensionEnv = opt.grep ? { RA_E2E_GREP: opt.grep } : {};
    const outcome = await runExtensionTests({
      base: server.base,
      workspace,
      devPath,
      testsPath,
      extensionEnv,
      timeoutMs: Number(opt.timeout) * 1000,
      artifacts: artifactsDir,
    });
    if (outcome.reason) log('suite: %s', outcome.reason);
    results.push({
      name: 'extension-host suite',
      ok: outcome.code === 0,
      time: secs(t),
      passed: outcome.passed,
      failed: outcome.failed,
    });
  }

  if (!opt['suite-only']) {
    const { runScenario } = await import('../../test/e2e/ui/scenario.mjs');
    const folder = join(runDir, 'examples');
    cpSync(join(repoRoot, 'examples'), folder, { recursive: true });
    t = Date.now();
    const ui = await runScenario({ base: server.base, folder, shots: artifactsDir });
    results.push({ name: 'UI scenario', ok: ui.ok, time: secs(t), passed: ui.passed, failed: ui.failed });
  }
  return results;
}

let exitCode = 1;
let total = { passed: 0, failed: 1 };
try {
  const results = await main();
  for (const r of results) log('%s: %s (%s)', r.name, r.ok ? 'passed' : 'FAILED', r.time);
  exitCode = results.length > 0 && results.every((r) => r.ok) ? 0 : 1;
  total = results.reduce((a, r) => ({ passed: a.passed + r.passed, failed: a.failed + r.failed }), {
    passed: 0,
    failed: 0,
  });
  if (exitCode !== 0 && total.failed === 0) total.failed = 1;
} catch (e) {
  log('ERROR: %s', e instanceof E2EError ? e.message : (e?.stack ?? e));
} finally {
  if (server) {
    const stopping = Date.now();
    stopSession(server.pid);
    log('code-server stopped (%s)', secs(stopping));
    // Keep the server's and extension hosts' logs of a failed run for CI.
    if (exitCode !== 0) {
      for (const [from, to] of [
        [server.logFile, 'code-server.log'],
        [join(server.userDataDir, 'logs'), 'vscode-logs'],
      ]) {
        if (existsSync(from)) cpSync(from, join(artifactsDir, to), { recursive: true });
      }
      log('logs copied to %s', artifactsDir);
    }
    server = undefined;
  }
  if (runDir && !opt.keep) rmSync(runDir, { recursive: true, force: true });
  else if (runDir) log('kept %s', runDir);
}
log('offline e2e %s in %s', exitCode === 0 ? 'passed' : 'FAILED', secs(started));
// The closing line CI reads: suite tests and UI steps together.
console.log(`e2e: ${total.passed} passed, ${total.failed} failed`);
process.exit(exitCode);

// Run an extension test suite (a module exporting run(): Promise) inside code-server's Node extension host, the
// way @vscode/test-electron does with --extensionDevelopmentPath / --extensionTestsPath:
// the workbench URL carries ?payload=[["extensionDevelopmentPath",URI],["extensionTestsPath",URI],…] (honoured
// because code-server runs with --vscode-option enable-smoke-test-driver). The workbench reports every log line of
// the run through window.codeAutomationLog(type, args) — mocha's report included — and the result through
// window.codeAutomationExit(code) once run() settles; both are exposed here.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { launchBrowser, remoteUri, workbenchUrl } from './browser.mjs';
import { log } from './env.mjs';

/** Workbench chatter that is not part of the suite's report (shown with RA_E2E_VERBOSE=1). */
const NOISE = [
  /^\[/,
  /^Resolv/,
  /^Creating a socket/,
  /^Updating additional/,
  /^Ignoring fetching additional/,
  /^%c/,
  /^Creation of workbench contribution/,
  /^Started local extension host/,
  /^Extension host \(/,
  /^Activating extension/,
  /Missing property "(title|name)"/,
  /authentication provider '\w+' to register/,
  /^Using default/,
  /Long running operations during shutdown/,
];

/**
 * @returns {Promise<{ code: number, reason?: string, passed: number, failed: number }>} code 0 when the suite passed;
 *   passed/failed as the suite counted them (a suite that never reported counts as one failure).
 */
export async function runExtensionTests({
  base,
  workspace,
  devPath,
  testsPath,
  extensionEnv = {},
  timeoutMs = 10 * 60_000,
  artifacts,
}) {
  const payload = [
    ['extensionDevelopmentPath', remoteUri(base, devPath)],
    ['extensionTestsPath', remoteUri(base, testsPath)],
    ['extensionEnvironment', JSON.stringify(extensionEnv)],
  ];
  const { context, page, close } = await launchBrowser();
  let settle;
  const result = new Promise((r) => {
    settle = r;
  });
  const verbose = Boolean(process.env.RA_E2E_VERBOSE);
  let tally; // the suite's closing "e2e: N passed, N failed" line
  try {
    await context.exposeFunction('codeAutomationLog', (type, args) => {
      const line = format(...(Array.isArray(args) ? args : [args]));
      const counts = /^e2e: (\d+) passed, (\d+) failed/.exec(line);
      if (counts) tally = { passed: Number(counts[1]), failed: Number(counts[2]) };
      const noise = NOISE.some((re) => re.test(line)) || (type === 'error' && /^Canceled/.test(line));
      if (verbose || !noise) process.stdout.write(`${type === 'error' ? '[host error] ' : ''}${line}\n`);
    });
    await context.exposeFunction('codeAutomationExit', (code) => settle({ code: Number(code) }));
    page.on('pageerror', (e) => {
      if (verbose) log('page error: %s', e.message);
    });
    page.on('crash', () => settle({ code: 1, reason: 'the browser page crashed' }));
    page.on('close', () => settle({ code: 1, reason: 'the workbench page closed before the suite finished' }));

    log('opening the workbench on %s with the test payload', workspace);
    if (verbose) log('%s', workbenchUrl(base, workspace, payload));
    await page.goto(workbenchUrl(base, workspace, payload), { timeout: 60_000 });
    // The workbench must come up; if it does not, say so instead of waiting for the whole suite timeout.
    await page
      .locator('.monaco-workbench')
      .waitFor({ timeout: 90_000 })
      .catch(() => {
        settle({ code: 1, reason: 'the workbench did not render within 90 s' });
      });
    const timer = setTimeout(
      () => settle({ code: 1, reason: `the suite did not finish within ${timeoutMs / 1000} s` }),
      timeoutMs,
    );
    const outcome = await result;
    clearTimeout(timer);
    if (outcome.code !== 0 && artifacts) {
      mkdirSync(artifacts, { recursive: true });
      await page.screenshot({ path: join(artifacts, 'suite-failure.png'), timeout: 10_000 }).catch(() => {});
    }
    return { ...outcome, passed: tally?.passed ?? 0, failed: tally?.failed ?? (outcome.code === 0 ? 0 : 1) };
  } finally {
    await close();
  }
}

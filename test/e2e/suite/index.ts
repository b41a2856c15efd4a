/**
 * Entry point of the end-to-end suite inside the extension host (extensionTestsPath), for both runners:
 * @vscode/test-electron (test/e2e/run-electron.mjs) and code-server (scripts/e2e/run-offline.mjs).
 * Contract: export run(): Promise<void>; a rejection means failure (exit code 1).
 * Environment (extensionEnvironment / extensionTestsEnv): RA_E2E_GREP filters tests by title.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, slow: 5_000, reporter: 'spec' });
  if (process.env.RA_E2E_GREP) mocha.grep(process.env.RA_E2E_GREP);
  for (const file of readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .sort()) {
    mocha.addFile(join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const s = runner.stats ?? { passes: 0, failures, pending: 0 };
        // The plain closing line CI reads.
        console.log(`e2e: ${s.passes} passed, ${s.failures} failed, ${s.pending} skipped`);
        if (failures > 0) reject(new Error(`${failures} end-to-end test(s) failed`));
        else if (s.passes === 0) reject(new Error('no end-to-end test ran'));
        else resolve();
      });
    } catch (e) {
      reject(e);
    }
  });
}

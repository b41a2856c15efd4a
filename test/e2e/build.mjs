// Bundles the end-to-end suite for the extension host: out/e2e/index.js (exports run()) and one
// out/e2e/<name>.test.js per test file. `vscode` is provided by the host; mocha is loaded from node_modules.
import * as esbuild from 'esbuild';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const suiteDir = join(here, 'suite');
export const outDir = join(here, '..', '..', 'out', 'e2e');
export const testsEntry = join(outDir, 'index.js');

export async function buildSuite() {
  const entries = readdirSync(suiteDir)
    .filter((f) => f === 'index.ts' || f.endsWith('.test.ts'))
    .map((f) => join(suiteDir, f));
  await esbuild.build({
    entryPoints: entries,
    outdir: outDir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return testsEntry;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildSuite();
  console.log(`e2e suite bundled to ${outDir}`);
}

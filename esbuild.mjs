// Bundles every target in one run: `node esbuild.mjs [--watch] [--production]`.
// Type-checking is tsc's job (npm run typecheck); esbuild only bundles.
// bench/lib/build.ts builds its private copy of the server and the CLI with nodeTargets() from here, so the
// benchmark measures the layout shipped in dist/.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(fileURLToPath(import.meta.url));

const commonOptions = (production) => ({
  bundle: true,
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
  absWorkingDir: root,
});

/** The language server and the CLI into `outDir`. */
export function nodeTargets(outDir, production = false) {
  const node = { ...commonOptions(production), platform: 'node', format: 'cjs', target: 'node20' };
  return [
    { ...node, entryPoints: ['server/src/lsp/main.ts'], outfile: path.join(outDir, 'server.js') },
    { ...node, entryPoints: ['server/src/cli/main.ts'], outfile: path.join(outDir, 'cli.js'), banner: { js: '#!/usr/bin/env node' } },
  ];
}

async function main() {
  const watch = process.argv.includes('--watch');
  const production = process.argv.includes('--production');
  const common = commonOptions(production);
  /** @type {import('esbuild').BuildOptions[]} */
  const targets = [
    ...nodeTargets(path.join(root, 'dist'), production),
    { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', platform: 'node', format: 'cjs', target: 'node20',
      external: ['vscode'] },
    // The coverage panel's browser script; its imported CSS comes out beside it as dist/webview.css.
    { ...common, entryPoints: ['client/src/webview/panel.ts'], outfile: 'dist/webview.js', platform: 'browser', format: 'iife',
      target: 'chrome114' },
  ];
  const contexts = await Promise.all(targets.filter(existsEntry).map((t) => esbuild.context(t)));
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
    console.log('[esbuild] watching', contexts.length, 'targets');
  } else {
    await Promise.all(contexts.map((c) => c.rebuild()));
    await Promise.all(contexts.map((c) => c.dispose()));
  }
}

function existsEntry(t) {
  return t.entryPoints.every((p) => existsSync(path.join(root, p)));
}

// Builds only when run (`node esbuild.mjs`), not when the bench imports nodeTargets.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();

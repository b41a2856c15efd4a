// Bundles every target in one run: `node esbuild.mjs [--watch] [--production]`.
// Type-checking is tsc's job (npm run typecheck); esbuild only bundles.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const common = {
  bundle: true,
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};

/** @type {import('esbuild').BuildOptions[]} */
const targets = [
  { ...common, entryPoints: ['server/src/main.ts'], outfile: 'dist/server.js', platform: 'node', format: 'cjs', target: 'node20' },
  { ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs', target: 'node20',
    banner: { js: '#!/usr/bin/env node' } },
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', platform: 'node', format: 'cjs', target: 'node20',
    external: ['vscode'] },
  // The coverage panel's browser script; its imported CSS comes out beside it as dist/webview.css.
  { ...common, entryPoints: ['client/src/webview/panel.ts'], outfile: 'dist/webview.js', platform: 'browser', format: 'iife',
    target: 'chrome114' },
];

const contexts = await Promise.all(targets.filter((t) => existsEntry(t)).map((t) => esbuild.context(t)));
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('[esbuild] watching', contexts.length, 'targets');
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}

function existsEntry(t) {
  return t.entryPoints.every((p) => existsSync(p));
}

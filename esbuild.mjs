// Bundles every target in one run: `node esbuild.mjs [--watch] [--production]`.
// Type-checking is tsc's job (npm run typecheck); esbuild only bundles.
// bench/lib/build.ts builds its private copy of the server and the CLI with nodeTargets() from here, so the
// benchmark measures the layout shipped in dist/.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
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

/**
 * Libraries the CLI needs only on uncommon paths: YAML front matter beyond plain `key: value` lines, user unit
 * files (ajv), Markdown that the fast block scanner leaves to micromark. Each is bundled on its own into
 * cli-lib/ beside cli.js, and the CLI and server bundles get a stand-in that loads it the first time one of
 * its exports is used. A run that never needs them never compiles or initialises them: about a third of the
 * CLI's start-up otherwise, and 7 MB of the idle language server's 69 MB.
 */
const CLI_LAZY_LIBS = ['yaml', 'ajv', 'mdast-util-from-markdown'];

const fileOfLib = (lib) => `${lib.replace(/[^A-Za-z0-9.-]/g, '_')}.js`;

/** The names a built CommonJS bundle exports (it is loaded here, at build time, to find out). */
function exportsOf(file, lib) {
  const require = createRequire(import.meta.url);
  delete require.cache[file];
  const mod = require(file);
  const isFunction = typeof mod === 'function';
  // A stand-in is a plain object: it can replace a function export only when imports go through `default`.
  if (isFunction && !mod.__esModule) throw new Error(`${lib} exports a function without __esModule: cannot be loaded lazily`);
  const own = new Set(isFunction ? ['length', 'name', 'prototype', 'arguments', 'caller'] : []);
  return { names: Object.getOwnPropertyNames(mod).filter((n) => !own.has(n) && n !== '__esModule'), esModule: Boolean(mod.__esModule) };
}

/** The module that takes the library's place in cli.js: every export a getter that loads the library. */
function standIn(lib, { names, esModule }) {
  const props = names.map((n) => `  ${JSON.stringify(n)}: { enumerable: true, get: () => load()[${JSON.stringify(n)}] },`);
  return [
    `// Stand-in for "${lib}" (see CLI_LAZY_LIBS in esbuild.mjs): cli-lib/${fileOfLib(lib)} is loaded on first use.`,
    'let lib;',
    `const load = () => (lib ??= require(require("node:path").join(__dirname, "cli-lib", ${JSON.stringify(fileOfLib(lib))})));`,
    'module.exports = Object.defineProperties({}, {',
    ...(esModule ? ['  __esModule: { value: true },'] : []),
    ...props,
    '});',
  ].join('\n');
}

function lazyLibsPlugin(outDir, libOptions) {
  const filter = new RegExp(`^(?:${CLI_LAZY_LIBS.map((l) => l.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$`);
  const built = new Map(); // one build of each library per context, however often watch mode rebuilds the CLI
  return {
    name: 'cli-lazy-libs',
    setup(build) {
      build.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'cli-lazy-lib' }));
      build.onLoad({ filter: /.*/, namespace: 'cli-lazy-lib' }, async ({ path: lib }) => {
        if (!built.has(lib)) {
          const file = path.join(outDir, 'cli-lib', fileOfLib(lib));
          built.set(lib, esbuild.build({
            ...libOptions,
            stdin: { contents: `module.exports = require(${JSON.stringify(lib)});`, resolveDir: root, loader: 'js' },
            outfile: file,
          }).then(() => exportsOf(file, lib)));
        }
        return { contents: standIn(lib, await built.get(lib)), loader: 'js', resolveDir: root };
      });
    },
  };
}

/** The language server and the CLI (with its lazily loaded libraries) into `outDir`. */
export function nodeTargets(outDir, production = false) {
  const node = { ...commonOptions(production), platform: 'node', format: 'cjs', target: 'node20' };
  // One plugin for both bundles, so each library is built into cli-lib/ once.
  const lazyLibs = lazyLibsPlugin(outDir, node);
  return [
    { ...node, entryPoints: ['server/src/lsp/main.ts'], outfile: path.join(outDir, 'server.js'), plugins: [lazyLibs] },
    { ...node, entryPoints: ['server/src/cli/main.ts'], outfile: path.join(outDir, 'cli.js'),
      banner: { js: '#!/usr/bin/env node' }, plugins: [lazyLibs] },
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

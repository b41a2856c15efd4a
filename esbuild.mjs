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

/**
 * wink-nlp and its English model (3.5 MB, mostly JSON), used by criterion suggestions and writing checks only:
 * bundled once into nlp/ beside server.js and cli.js, and required the first time a text is analysed
 * (core/nlp/english.ts requires it inside a function). Inlined, the model would triple server.js and cli.js,
 * and every start of either would parse it.
 */
const NLP_LIBS = ['wink-nlp', 'wink-eng-lite-web-model'];

function nlpLibsPlugin(outDir, libOptions) {
  const built = new Map(); // one build of each library, however often watch mode rebuilds the bundles
  const fileOf = (lib) => `${lib.replace(/[^A-Za-z0-9.-]/g, '_')}.js`;
  return {
    name: 'nlp-libs',
    setup(build) {
      build.onResolve({ filter: new RegExp(`^(?:${NLP_LIBS.join('|')})$`) }, (args) => ({
        path: args.path,
        namespace: 'nlp-lib',
      }));
      build.onLoad({ filter: /.*/, namespace: 'nlp-lib' }, async ({ path: lib }) => {
        if (!built.has(lib)) {
          built.set(
            lib,
            esbuild.build({
              ...libOptions,
              stdin: { contents: `module.exports = require(${JSON.stringify(lib)});`, resolveDir: root, loader: 'js' },
              outfile: path.join(outDir, 'nlp', fileOf(lib)),
            }),
          );
        }
        await built.get(lib);
        return {
          contents: `module.exports = require(require("node:path").join(__dirname, "nlp", ${JSON.stringify(fileOf(lib))}));`,
          loader: 'js',
          resolveDir: root,
        };
      });
    },
  };
}

/** The language server and the CLI into `outDir`. */
export function nodeTargets(outDir, production = false) {
  const node = { ...commonOptions(production), platform: 'node', format: 'cjs', target: 'node20' };
  const nlpLibs = nlpLibsPlugin(outDir, node);
  return [
    { ...node, entryPoints: ['server/src/lsp/main.ts'], outfile: path.join(outDir, 'server.js'), plugins: [nlpLibs] },
    {
      ...node,
      entryPoints: ['server/src/cli/main.ts'],
      outfile: path.join(outDir, 'cli.js'),
      banner: { js: '#!/usr/bin/env node' },
      plugins: [nlpLibs],
    },
  ];
}

async function main() {
  const watch = process.argv.includes('--watch');
  const production = process.argv.includes('--production');
  const common = commonOptions(production);
  /** @type {import('esbuild').BuildOptions[]} */
  const targets = [
    ...nodeTargets(path.join(root, 'dist'), production),
    {
      ...common,
      entryPoints: ['client/src/extension.ts'],
      outfile: 'dist/client.js',
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['vscode'],
    },
    // The coverage panel's browser script; its imported CSS comes out beside it as dist/webview.css.
    {
      ...common,
      entryPoints: ['client/src/webview/panel.ts'],
      outfile: 'dist/webview.js',
      platform: 'browser',
      format: 'iife',
      target: 'chrome114',
    },
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

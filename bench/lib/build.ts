/**
 * Builds the language server and the CLI for the benchmark into bench/results/build/, with the options
 * esbuild.mjs uses for dist/ (bundled, CommonJS, Node 20, not minified). A private copy, so that a
 * concurrent `npm run build` or `npm run package` rewriting dist/ cannot change what is being measured.
 */
import * as path from 'node:path';
import * as esbuild from 'esbuild';

export interface Built {
  server: string;
  cli: string;
}

export async function buildForBench(root: string, outDir: string): Promise<Built> {
  const common: esbuild.BuildOptions = {
    bundle: true, sourcemap: true, minify: false, logLevel: 'warning', legalComments: 'none',
    platform: 'node', format: 'cjs', target: 'node20', absWorkingDir: root,
  };
  const server = path.join(outDir, 'server.js');
  const cli = path.join(outDir, 'cli.js');
  await Promise.all([
    esbuild.build({ ...common, entryPoints: ['server/src/main.ts'], outfile: server }),
    esbuild.build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: cli, banner: { js: '#!/usr/bin/env node' } }),
  ]);
  return { server, cli };
}

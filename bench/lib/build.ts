/**
 * Builds the language server and the CLI for the benchmark into bench/results/build/ with esbuild.mjs's own
 * target list (nodeTargets: the same options and the same layout as dist/, the CLI's lazily loaded libraries
 * included, not minified). A private copy, so that a concurrent `npm run build` or `npm run package`
 * rewriting dist/ cannot change what is being measured.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

export interface Built {
  server: string;
  cli: string;
}

interface BuildScript {
  nodeTargets(outDir: string, production?: boolean): esbuild.BuildOptions[];
}

export async function buildForBench(root: string, outDir: string): Promise<Built> {
  // A computed specifier: esbuild.mjs is plain JavaScript without type declarations.
  const script = (await import(pathToFileURL(path.join(root, 'esbuild.mjs')).href)) as BuildScript;
  await Promise.all(script.nodeTargets(outDir).map((t) => esbuild.build(t)));
  return { server: path.join(outDir, 'server.js'), cli: path.join(outDir, 'cli.js') };
}

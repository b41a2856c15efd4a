/**
 * The layering of the code, checked by reading every import (docs/architecture.md, "Invariants"):
 * - server/src/core/ is pure: no editor, language-server or Node IO module, and nothing from io/, lsp/, cli/;
 * - glue (lsp/, cli/, io/, client/) reaches the core only through its facade, server/src/core/index.ts;
 * - the language server (lsp/, io/) never imports the CLI;
 * - the panel's browser script (client/src/webview/) imports no editor or Node module and only types from the server;
 * - the core's concerns (citations, accounts, standards, coverage, reports, features) import each other without
 *   circles, so each can be read knowing only those below it.
 * ESLint's no-restricted-imports says the same in the editor; this test holds wherever the linter is not run.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../..');

interface Import {
  file: string;
  spec: string;
  typeOnly: boolean;
  /** The imported file relative to the root when the specifier is relative, else undefined. */
  target: string | undefined;
}

const IMPORT =
  /^\s*(import|export)\s+(type\s+)?(?:[^'"]*?\s+from\s+)?['"]([^'"]+)['"]|\brequire\(\s*['"]([^'"]+)['"]\s*\)/gm;

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(rel));
    else if (/\.(ts|mts|cts)$/.test(entry.name)) out.push(rel);
  }
  return out;
}

function importsOf(file: string): Import[] {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  const out: Import[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[3] ?? m[4];
    const target = spec.startsWith('.')
      ? path.relative(root, path.resolve(path.dirname(path.join(root, file)), spec))
      : undefined;
    out.push({ file, spec, typeOnly: Boolean(m[2]), target });
  }
  return out;
}

const under = (target: string | undefined, dir: string) =>
  target !== undefined && (target === dir || target.startsWith(dir + '/'));
const IO_OR_EDITOR =
  /^(node:)?(fs|fs\/promises|path|child_process|process|os|net|worker_threads)$|^vscode($|-languageserver|-languageclient|-jsonrpc)/;

function violations(files: string[], rule: (i: Import) => string | undefined): string[] {
  const found: string[] = [];
  for (const file of files) {
    for (const i of importsOf(file)) {
      const why = rule(i);
      if (why) found.push(`${i.file} imports '${i.spec}': ${why}`);
    }
  }
  return found;
}

describe('layers: what each part of the code may import', () => {
  const core = sourceFiles('server/src/core');
  const glue = [
    ...sourceFiles('server/src/lsp'),
    ...sourceFiles('server/src/cli'),
    ...sourceFiles('server/src/io'),
    ...sourceFiles('client/src'),
  ];

  it('finds the files it checks (the scan itself works)', () => {
    assert.ok(core.length > 20, `core files: ${core.length}`);
    assert.ok(importsOf('server/src/core/index.ts').length > 10, 'the facade re-exports the core');
  });

  it('the core imports no editor, language-server or IO module, and nothing outside the core', () => {
    assert.deepEqual(
      violations(core, (i) => {
        if (IO_OR_EDITOR.test(i.spec)) return 'the core is pure';
        // Data the bundle embeds (the JSON Schemas of unit and assessment files) is not IO.
        const data = (under(i.target, 'standards') || under(i.target, 'schemas')) && i.spec.endsWith('.json');
        if (i.target !== undefined && !under(i.target, 'server/src/core') && !data)
          return 'the core reaches outside itself';
        return undefined;
      }),
      [],
    );
  });

  it('glue reaches the core only through its facade (server/src/core/index.ts)', () => {
    assert.deepEqual(
      violations(glue, (i) =>
        under(i.target, 'server/src/core') && i.target !== 'server/src/core' && i.target !== 'server/src/core/index'
          ? 'import from the core facade instead'
          : undefined,
      ),
      [],
    );
  });

  it('the language server and the IO edge never import the CLI', () => {
    const server = [...sourceFiles('server/src/lsp'), ...sourceFiles('server/src/io')];
    assert.deepEqual(
      violations(server, (i) =>
        under(i.target, 'server/src/cli') ? 'the server must not depend on the CLI' : undefined,
      ),
      [],
    );
  });

  it('the panel script imports no editor or Node module, and only types from the server', () => {
    assert.deepEqual(
      violations(sourceFiles('client/src/webview'), (i) => {
        if (/^(node:|vscode$)/.test(i.spec) || IO_OR_EDITOR.test(i.spec)) return 'the panel runs in a browser';
        if (under(i.target, 'server') && !i.typeOnly) return 'only `import type` from the server';
        return undefined;
      }),
      [],
    );
  });

  it("the core's folders import each other without circles", () => {
    const folderOf = (file: string) => path.dirname(path.relative('server/src/core', file)) || '.';
    const edges = new Map<string, Set<string>>();
    for (const file of core) {
      if (file === 'server/src/core/index.ts') continue; // the facade re-exports everything by design
      for (const i of importsOf(file)) {
        if (!under(i.target, 'server/src/core')) continue;
        const from = folderOf(file);
        const to = folderOf(i.target! + '.ts');
        if (from !== to) (edges.get(from) ?? edges.set(from, new Set()).get(from)!).add(to);
      }
    }
    assert.ok(edges.size >= 5, `folders with imports: ${[...edges.keys()]}`);
    const circles: string[] = [];
    const walk = (folder: string, trail: string[]): void => {
      if (trail.includes(folder)) {
        circles.push([...trail.slice(trail.indexOf(folder)), folder].join(' -> '));
        return;
      }
      for (const next of edges.get(folder) ?? []) walk(next, [...trail, folder]);
    };
    for (const folder of edges.keys()) walk(folder, []);
    assert.deepEqual(circles, []);
  });
});

/**
 * The English model (wink-nlp, 3.5 MB) is bundled into dist/nlp/ and loaded only when a text is analysed:
 * `coverage` and `check` never load it, `suggest` does. (npm test builds dist/ before mocha runs.)
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../..');
const cli = path.join(root, 'dist', 'cli.js');

function nlpFilesLoaded(argv: string[]): { status: number | null; loaded: string[] } {
  const preload = path.join(os.tmpdir(), `ra-nlp-preload-${process.pid}.js`);
  fs.writeFileSync(
    preload,
    `const M = require('module'); const load = M._load;
M._load = function (request, ...rest) { if (/[\\\\/]nlp[\\\\/]/.test(request)) process.stderr.write('LOADED ' + require('path').basename(request) + '\\n'); return load.call(this, request, ...rest); };`,
  );
  try {
    const r = spawnSync(process.execPath, ['-r', preload, cli, ...argv], { encoding: 'utf8', cwd: root });
    return {
      status: r.status,
      loaded: [
        ...new Set(
          r.stderr
            .split('\n')
            .filter((l) => l.startsWith('LOADED '))
            .map((l) => l.slice(7)),
        ),
      ].sort(),
    };
  } finally {
    fs.rmSync(preload, { force: true });
  }
}

describe('nlp bundle: loaded on first use only', () => {
  it('is built beside the CLI and the server, not inside them', () => {
    assert.ok(fs.existsSync(path.join(root, 'dist', 'nlp', 'wink-nlp.js')));
    assert.ok(fs.existsSync(path.join(root, 'dist', 'nlp', 'wink-eng-lite-web-model.js')));
    for (const name of ['cli.js', 'server.js']) {
      assert.ok(fs.statSync(path.join(root, 'dist', name)).size < 2_000_000, `${name} carries the model`);
    }
  });
  it('coverage does not load it', () => {
    const r = nlpFilesLoaded(['coverage', 'examples']);
    assert.equal(r.status, 0);
    assert.deepEqual(r.loaded, []);
  });
  it('suggest loads it', () => {
    const r = nlpFilesLoaded(['suggest', 'examples/ra1.md']);
    assert.equal(r.status, 0);
    assert.deepEqual(r.loaded, ['wink-eng-lite-web-model.js', 'wink-nlp.js']);
  });
});

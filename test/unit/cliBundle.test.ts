/**
 * The built CLI (dist/cli.js, `npm test` builds it before mocha runs) loads YAML, ajv and micromark from
 * dist/cli-lib/ only when a run needs them (esbuild.mjs, CLI_LAZY_LIBS). A portfolio that needs all three must
 * print exactly what the CLI run from source prints, and one that needs none must load none of them.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../server/src/cli/main';

const root = path.resolve(__dirname, '../..');
const cli = path.join(root, 'dist', 'cli.js');
const LIBS = ['yaml.js', 'ajv.js', 'mdast-util-from-markdown.js'];

function tempFolder(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ra-bundle-'));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

async function fromSource(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const status = await main(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { status, stdout, stderr };
}

/** The built CLI, with a preload that reports on stderr every cli-lib file it loads. */
function fromBundle(argv: string[]) {
  const preload = path.join(os.tmpdir(), `ra-bundle-preload-${process.pid}.js`);
  fs.writeFileSync(preload, `const M = require('module'); const load = M._load;
M._load = function (request, ...rest) { if (/cli-lib/.test(request)) process.stderr.write('LOADED ' + require('path').basename(request) + '\\n'); return load.call(this, request, ...rest); };`);
  try {
    const r = spawnSync(process.execPath, ['-r', preload, cli, ...argv], { encoding: 'utf8', cwd: process.cwd() });
    const loaded = r.stderr.split('\n').filter((l) => l.startsWith('LOADED ')).map((l) => l.slice(7));
    return { status: r.status, stdout: r.stdout, stderr: r.stderr.split('\n').filter((l) => !l.startsWith('LOADED ')).join('\n'), loaded };
  } finally {
    fs.rmSync(preload, { force: true });
  }
}

describe('cli bundle: libraries loaded on first use', function () {
  this.timeout(60_000);
  let needsAll: string;
  let needsNone: string;
  before(() => {
    assert.ok(fs.existsSync(cli), 'dist/cli.js is missing: run `npm run build` (npm test does)');
    const unit = JSON.parse(fs.readFileSync(path.join(root, 'standards', 'LMCA5.json'), 'utf8'));
    needsAll = tempFolder({
      // Quotes need the YAML library, a block quote needs micromark, the user unit needs ajv.
      'ra1.md': '---\ntitle: "Quoted: title"\nevidence: RA1\nunits: [ZZZ1]\n---\n> I planned it (ZZZ1/P1, LMCA5/P2).\n\n\tcode LMCA5/P3\n',
      'ra2.md': '---\nevidence: RA2\n---\nPlain (ZZZ1/K2-K4).\n',
      '.standards/zzz1.json': JSON.stringify({ ...unit, code: 'ZZZ1', aliases: [] }),
      '.standards/bad.json': JSON.stringify({ code: 'BAD1' }),
    });
    needsNone = tempFolder({ 'ra1.md': '---\ntitle: Plain\nevidence: RA1\nunits: [LMCA5]\n---\nI planned it (LMCA5/P1).\n' });
  });
  after(() => {
    for (const dir of [needsAll, needsNone]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('ships each library beside the CLI, not inside it', () => {
    for (const lib of LIBS) assert.ok(fs.existsSync(path.join(root, 'dist', 'cli-lib', lib)), `dist/cli-lib/${lib}`);
    // A message of each library's own, which minification leaves as it is.
    const marks: Record<string, string> = { 'yaml.js': 'Alias nodes cannot have tags', 'ajv.js': 'strictSchema',
      'mdast-util-from-markdown.js': 'Cannot close document' };
    const bundle = fs.readFileSync(cli, 'utf8');
    for (const [lib, mark] of Object.entries(marks)) {
      assert.ok(fs.readFileSync(path.join(root, 'dist', 'cli-lib', lib), 'utf8').includes(mark), `${lib} holds "${mark}"`);
      assert.ok(!bundle.includes(mark), `${lib} is not bundled into cli.js`);
    }
  });

  for (const argv of [['coverage', '--format', 'json'], ['check'], ['coverage', '--detail']]) {
    it(`prints what the CLI from source prints when all three are needed: ${argv.join(' ')}`, async () => {
      const built = fromBundle([argv[0], needsAll, ...argv.slice(1)]);
      assert.deepEqual({ status: built.status, stdout: built.stdout, stderr: built.stderr }, await fromSource([argv[0], needsAll, ...argv.slice(1)]));
      assert.deepEqual(built.loaded.sort(), [...LIBS].sort());
    });
  }

  it('loads none of them for plain accounts', () => {
    const built = fromBundle(['coverage', needsNone, '--format', 'json']);
    assert.equal(built.status, 0, built.stderr);
    assert.equal(JSON.parse(built.stdout).accounts.length, 1);
    assert.deepEqual(built.loaded, []);
  });
});

describe('bundles: plain ASCII', () => {
  // One non-ASCII character anywhere makes V8 hold the whole script's source as UTF-16: twice the memory.
  for (const name of ['server.js', 'cli.js']) {
    it(`dist/${name} has no character outside ASCII`, () => {
      const text = fs.readFileSync(path.join(root, 'dist', name), 'utf8');
      const at = text.search(/[^\x00-\x7f]/);
      assert.equal(at, -1, `non-ASCII at ${at}: ${text.slice(Math.max(0, at - 40), at + 40)}`);
    });
  }
});

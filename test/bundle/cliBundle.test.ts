/**
 * The built CLI (dist/cli.js, `npm test` builds it before mocha runs) carries every library it needs, those
 * required only on uncommon paths included (ajv for user units, micromark for Markdown the block scanner leaves
 * to it): copied alone into an empty folder, far from any node_modules, it prints exactly what the CLI run from
 * source prints, on a portfolio that needs the YAML library, ajv and micromark.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../server/src/cli/main';

const root = path.resolve(__dirname, '../..');
const cli = path.join(root, 'dist', 'cli.js');

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

describe('cli bundle: self-contained', function () {
  this.timeout(60_000);
  let portfolio: string;
  let alone: string;
  before(() => {
    assert.ok(fs.existsSync(cli), 'dist/cli.js is missing: run `npm run build` (npm test does)');
    const unit = JSON.parse(fs.readFileSync(path.join(root, 'standards', 'LMCA5.json'), 'utf8'));
    portfolio = tempFolder({
      // Front matter needs the YAML library, a block quote needs micromark, the user units need ajv.
      'ra1.md':
        '---\ntitle: "Quoted: title"\nevidence: RA1\nunits: [ZZZ1]\n---\n> I planned it (ZZZ1/P1, LMCA5/P2).\n\n\tcode LMCA5/P3\n',
      'ra2.md': '---\nevidence: RA2\n---\nPlain (ZZZ1/K2-K4).\n',
      '.standards/zzz1.json': JSON.stringify({ ...unit, code: 'ZZZ1', aliases: [] }),
      '.standards/bad.json': JSON.stringify({ code: 'BAD1' }),
    });
    alone = tempFolder({});
    fs.copyFileSync(cli, path.join(alone, 'cli.js'));
  });
  after(() => {
    for (const dir of [portfolio, alone]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  for (const argv of [['coverage', '--format', 'json'], ['check'], ['coverage', '--detail']]) {
    it(`prints what the CLI from source prints: ${argv.join(' ')}`, async () => {
      const r = spawnSync(process.execPath, [path.join(alone, 'cli.js'), argv[0], portfolio, ...argv.slice(1)], {
        encoding: 'utf8',
        cwd: alone,
      });
      const expected = await fromSource([argv[0], portfolio, ...argv.slice(1)]);
      assert.deepEqual({ status: r.status, stdout: r.stdout, stderr: r.stderr }, expected);
      assert.match(expected.stdout, /ZZZ1/, 'the user unit was validated and loaded');
      assert.match(expected.stderr, /bad\.json/, 'the broken user unit was reported');
    });
  }
});

/** `reflective-accounts fix --canonical`: shows what changes, writes only with --write, leaves what is unclear. */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from './cliRun';

const run = (...argv: string[]) => runCli(argv);

const WORD_ERA =
  '---\nunits: [SCDLMCA5]\n---\r\n# Planning\r\n\r\nI met the team (PC 3, K12) and SCDLMCB2 P7.\r\nNot clear: A5/P21 and P21a.\r\n';
const CANONICAL =
  '---\nunits: [LMCA5]\n---\r\n# Planning\r\n\r\nI met the team (LMCA5/P3, K12) and LMCB2/P7.\r\nNot clear: A5/P21 and P21a.\r\n';

function portfolio(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ra-fix-'));
  fs.writeFileSync(path.join(dir, 'ra1.md'), WORD_ERA);
  fs.writeFileSync(path.join(dir, 'ra2.md'), 'Already LMCA5/P1.\n');
  return dir;
}

describe('cli: fix --canonical', () => {
  it('prints the changed lines and a summary, and writes nothing without --write', async () => {
    const dir = portfolio();
    const r = await run('fix', dir, '--canonical');
    assert.equal(r.code, 0);
    assert.match(r.stdout, /ra1\.md:2\n- units: \[SCDLMCA5\]\n\+ units: \[LMCA5\]\n/);
    assert.match(
      r.stdout,
      /ra1\.md:6\n- I met the team \(PC 3, K12\) and SCDLMCB2 P7\.\n\+ I met the team \(LMCA5\/P3, K12\) and LMCB2\/P7\.\n/,
    );
    assert.doesNotMatch(r.stdout, /ra2\.md/);
    assert.match(r.stderr, /ra1\.md:7:12 left as written: A5\/P21/);
    assert.match(
      r.stderr,
      /3 citation\(s\) to rewrite in 1 account\(s\); 2 left as written \(nothing written: pass --write to apply\)/,
    );
    assert.equal(fs.readFileSync(path.join(dir, 'ra1.md'), 'utf8'), WORD_ERA);
  });

  it('writes the canonical form with --write, keeping line endings, and then finds nothing more to do', async () => {
    const dir = portfolio();
    assert.equal((await run('fix', dir, '--canonical', '--write')).code, 0);
    assert.equal(fs.readFileSync(path.join(dir, 'ra1.md'), 'utf8'), CANONICAL);
    assert.equal(fs.readFileSync(path.join(dir, 'ra2.md'), 'utf8'), 'Already LMCA5/P1.\n');
    const again = await run('fix', path.join(dir, 'ra1.md'), '--canonical');
    assert.equal(again.stdout, '');
    assert.match(again.stderr, /0 citation\(s\) to rewrite in 0 account\(s\); 2 left as written\n/);
  });

  it('keeps a byte order mark when it writes', async () => {
    const dir = portfolio();
    fs.writeFileSync(path.join(dir, 'bom.md'), '\ufeffI did SCDLMCA5 P21.\n');
    assert.equal((await run('fix', path.join(dir, 'bom.md'), '--canonical', '--write')).code, 0);
    assert.equal(fs.readFileSync(path.join(dir, 'bom.md'), 'utf8'), '\ufeffI did LMCA5/P21.\n');
  });

  it('exits 2 on bad usage: no --canonical, a missing path', async () => {
    const dir = portfolio();
    assert.equal((await run('fix', dir)).code, 2);
    assert.equal((await run('fix', path.join(dir, 'nope'), '--canonical')).code, 2);
    assert.equal(fs.readFileSync(path.join(dir, 'ra1.md'), 'utf8'), WORD_ERA);
  });
});

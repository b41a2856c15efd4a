/** `reflective-accounts suggest` (JSON shape, --top, what a paragraph cites never suggested, usage errors) and `check --writing`. */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from './cliRun';
import type { SuggestJson } from '../../server/src/cli/suggest';

const run = (argv: string[]) => runCli(argv);

const root = path.resolve(__dirname, '../..');

describe('cli: suggest', () => {
  it('answers JSON for one file, at most --top per paragraph, none of them cited in that paragraph', async () => {
    const file = path.relative(process.cwd(), path.join(root, 'examples', 'ra1.md'));
    const r = await run(['suggest', file, '--format', 'json', '--top', '3']);
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout) as SuggestJson;
    assert.equal(json.accounts.length, 1);
    assert.equal(json.accounts[0].file, 'ra1.md', 'named relative to the portfolio folder, as check names files');
    const lines = fs.readFileSync(path.join(root, 'examples', 'ra1.md'), 'utf8').split('\n');
    assert.ok(json.accounts[0].paragraphs.length >= 5);
    for (const p of json.accounts[0].paragraphs) {
      assert.ok(p.suggestions.length >= 1 && p.suggestions.length <= 3);
      const paragraphLine = lines[p.line - 1];
      for (const s of p.suggestions) {
        assert.match(s.code, /^LMCA5\/[PK]\d+$/, 'ra1 lists units: [LMCA5]');
        assert.ok(!paragraphLine.includes(s.code), `${s.code} is already cited on line ${p.line}`);
        assert.ok(s.why.length > 0 && typeof s.score === 'number');
      }
      const scores = p.suggestions.map((s) => s.score);
      assert.deepEqual(
        scores,
        [...scores].sort((a, b) => b - a),
      );
    }
  });

  it('covers every account of a folder, in text', async () => {
    const r = await run(['suggest', path.join(root, 'examples')]);
    assert.equal(r.code, 0, r.stderr);
    for (const name of ['ra1.md', 'ra2.md', 'ra3.md', 'ra4.md'])
      assert.match(r.stdout, new RegExp(`${name}\\n  line \\d+:\\n    [A-Z0-9]+/[PK]\\d+ `));
  });

  it('check --writing adds the writing checks, check alone leaves them out', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ra-writing-'));
    fs.writeFileSync(
      path.join(dir, 'ra1.md'),
      '---\nunits: [LMCA5]\n---\nMargaret Thomson rang. Next time I would ask her son first (LMCA5/P1).\n',
    );
    const plain = await run(['check', dir]);
    assert.doesNotMatch(plain.stdout, /hypothetical|identifiable-person/);
    const r = await run(['check', dir, '--writing']);
    assert.equal(r.code, 0, 'warnings and hints do not fail the check');
    const lines = r.stdout
      .split('\n')
      .map((l) => l.replace(/^.*?ra1\.md/, 'ra1.md'))
      .filter((l) => /hypothetical|identifiable/.test(l));
    assert.deepEqual(
      lines.map((l) => l.split(' ').slice(0, 3).join(' ')),
      ['ra1.md:4:1 warning identifiable-person', 'ra1.md:4:24 hint hypothetical'],
    );
    assert.match(r.stderr, /1 warning\(s\).* 1 hint\(s\)/);
  });

  const bad: Array<[string[], RegExp]> = [
    [['suggest'], /expects one PATH/],
    [['suggest', 'no/such/place.md'], /no such file or folder/],
    [['suggest', 'examples', '--top', '0'], /--top expects/],
    [['suggest', 'examples', '--format', 'csv'], /unknown format/],
  ];
  for (const [argv, message] of bad) {
    it(`exits 2 on ${argv.slice(1).join(' ') || 'no path'}`, async () => {
      const r = await run(argv.map((a) => (a === 'examples' ? path.join(root, 'examples') : a)));
      assert.equal(r.code, 2);
      assert.match(r.stderr, message);
    });
  }
});

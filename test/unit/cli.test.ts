import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from './cliRun';

const run = (...argv: string[]) => runCli(argv);

function tempPortfolio(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ra-cli-'));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

const examples = path.join(__dirname, '..', '..', 'examples');

describe('cli: coverage', () => {
  it('prints the table for the example portfolio', async () => {
    const r = await run('coverage', examples);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^LMCA5\s+8\/29 28%\s+3\/100 3%\s+Manage the Allocation/m);
    assert.match(r.stdout, /^LMCA4\s+9\/46 20%\s+2\/99 2%/m);
    assert.match(r.stdout, /LMCA5: 118 not yet covered:\n {2}P3, P4, P8, P9, P12-P18, P20-P29, K1-K46/);
  });
  it('prints JSON with 1-based positions and evidence numbers', async () => {
    const r = await run('coverage', examples, '--format', 'json');
    const json = JSON.parse(r.stdout);
    const a5 = json.units.find((u: { code: string }) => u.code === 'LMCA5');
    assert.equal(a5.criteria.length, 129);
    const p6 = a5.criteria.find((c: { id: string }) => c.id === 'P6');
    assert.equal(p6.covered, true);
    assert.equal(p6.kind, 'P');
    assert.match(p6.text, /^Clarify the understanding of others/);
    assert.deepEqual(
      p6.citations.map((c: { evidence: string }) => c.evidence),
      ['RA1', 'RA4'],
    );
    const ra1 = fs.readFileSync(path.join(examples, 'ra1.md'), 'utf8').split('\n');
    const { line, column, file } = p6.citations[0];
    assert.match(file, /ra1\.md$/);
    assert.equal(ra1[line - 1].slice(column - 1 - 6, column - 1 + 2), 'LMCA5/P6', 'the position of the item P6');
  });
  it('narrows to one unit with --unit and accepts aliases', async () => {
    const r = await run('coverage', examples, '--unit', 'scdlmcb2', '--format', 'markdown');
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^## LMCB2 — /m);
    assert.doesNotMatch(r.stdout, /^## LMCA5/m);
    assert.match(r.stdout, /^\| P6 \| RA2, RA3 \| /m);
  });
  it('uses --min-evidence', async () => {
    const r = await run('coverage', examples, '--min-evidence', '2', '--format', 'json');
    const b2 = JSON.parse(r.stdout).units.find((u: { code: string }) => u.code === 'LMCB2');
    assert.equal(b2.summary.P.covered, 1); // only P6 is cited in two accounts
  });
  it('exits 2 on bad usage', async () => {
    assert.equal((await run('coverage', examples, '--format', 'pdf')).code, 2);
    assert.equal((await run('coverage', '/no/such/folder')).code, 2);
    assert.equal((await run('frobnicate')).code, 2);
    assert.equal((await run()).code, 2);
    assert.equal((await run('coverage', examples, '--unit', 'LMCQ9')).code, 2);
    assert.equal((await run('coverage', examples, '--bogus')).code, 2);
  });
});

describe('cli: check', () => {
  it('reports each problem at its 1-based position and exits 1 on errors', async () => {
    const dir = tempPortfolio({
      'a.md': '---\nunits: [LMCA5]\n---\nWe met (LMCA6/P1).\nThen LMCA5/P30 and\nLMCA5/P4-P2.\n',
      'b.md': '---\ntitle: [oops\n---\nBody LMCA5/P1\n',
    });
    const r = await run('check', dir);
    assert.equal(r.code, 1);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => l.replace(/^.*?([ab]\.md)/, '$1'));
    assert.ok(lines.includes('a.md:4:9 error unknown-unit Unknown unit LMCA6. Did you mean LMCA5?'), r.stdout);
    assert.ok(
      lines.includes('a.md:5:12 error unknown-criterion LMCA5 has no performance criterion P30 (P1–P29)'),
      r.stdout,
    );
    assert.ok(
      lines.includes('a.md:6:7 error invalid-range Invalid range P4-P2: it is reversed: P4 comes after P2'),
      r.stdout,
    );
    assert.ok(
      lines.includes(
        'b.md:2:1 error front-matter Front matter is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
      ),
      r.stdout,
    );
    assert.equal(
      lines.filter((l) => l.startsWith('b.md:') && l.includes('front-matter')).length,
      1,
      'one message for one YAML error',
    );
    assert.ok(
      lines.some((l) => l.startsWith('a.md:2:9 information uncovered LMCA5: 28 of 29')),
      r.stdout,
    );
  });
  it('exits 0 with only gaps, 1 with --fail-on-uncovered', async () => {
    assert.equal((await run('check', examples)).code, 0);
    assert.equal((await run('check', examples, '--fail-on-uncovered')).code, 1);
  });
  it('skips binary, non-UTF-8 and huge files with a message, and reads BOM and CRLF files', async () => {
    const dir = tempPortfolio({
      'bin.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0x4c]),
      'latin1.md': Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20]),
      'bom.md': '\uFEFFLMCA5/P99\r\n',
      'node_modules/x.md': 'LMCA5/P98',
    });
    const r = await run('check', dir);
    assert.match(r.stderr, /skipped .*bin\.md: binary file/);
    assert.match(r.stderr, /skipped .*latin1\.md: not valid UTF-8/);
    assert.match(r.stdout, /bom\.md:1:7 error unknown-criterion/);
    assert.doesNotMatch(r.stdout, /node_modules/);
  });
  it('loads user standards from .standards and reports bad ones by file', async () => {
    const unit = {
      code: 'ZZQ1',
      aliases: [],
      title: 'Test unit',
      titleDerived: false,
      codeConfirmed: true,
      overview: '',
      criteria: [{ id: 'P1', kind: 'P', number: 1, text: 'Do the thing', section: 'S' }],
      glossary: [],
    };
    const dir = tempPortfolio({
      '.standards/zz.json': JSON.stringify(unit),
      '.standards/bad.json': '{ "code": 5 }',
      '.standards/clash.json': JSON.stringify({ ...unit, code: 'LMCA5' }),
      'a.md': 'ZZQ1/P1 and LMCA5/P1',
    });
    const r = await run('coverage', dir, '--format', 'json');
    assert.equal(r.code, 0);
    const codes = JSON.parse(r.stdout).units.map((u: { code: string }) => u.code);
    assert.deepEqual(codes, ['LMCA5', 'ZZQ1']);
    assert.match(r.stderr, /bad\.json: \/: must have required property/);
    assert.match(r.stderr, /clash\.json: unit LMCA5 was not loaded: "LMCA5" is already used by LMCA5 \(bundled\)/);
  });
});

describe('cli: import', () => {
  it('turns a NOS text into unit JSON and refuses to overwrite', async () => {
    const dir = tempPortfolio({});
    const out = path.join(dir, 'u.json');
    const src = path.join(__dirname, '..', '..', 'standards', 'sources', '000_66b7cdd502e967f0.txt');
    const r = await run('import', src, '--out', out);
    assert.equal(r.code, 0, r.stderr);
    const unit = JSON.parse(fs.readFileSync(out, 'utf8'));
    assert.equal(unit.code, 'LMCA5');
    assert.equal(unit.criteria.length, 129);
    const again = await run('import', src, '--out', out);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /exists; pass --force/);
  });
});

describe('cli: accounts are named relative to the portfolio, wherever the command is run', () => {
  /** Runs the CLI from `cwd` on `folder` (as given, relative to that cwd or absolute). */
  async function runIn(cwd: string, ...argv: string[]) {
    const before = process.cwd();
    process.chdir(cwd);
    try {
      return await run(...argv);
    } finally {
      process.chdir(before);
    }
  }

  it('prints the same JSON and the same check lines from the repository root, the portfolio and elsewhere', async () => {
    const repo = path.join(examples, '..');
    const fromRoot = await runIn(repo, 'coverage', 'examples', '--format', 'json');
    const fromInside = await runIn(examples, 'coverage', '.', '--format', 'json');
    const fromElsewhere = await runIn(os.tmpdir(), 'coverage', examples, '--format', 'json');
    assert.equal(fromRoot.code, 0, fromRoot.stderr);
    assert.equal(fromInside.stdout, fromRoot.stdout);
    assert.equal(fromElsewhere.stdout, fromRoot.stdout);
    assert.deepEqual(
      JSON.parse(fromRoot.stdout).accounts.map((a: { file: string }) => a.file),
      ['ra1.md', 'ra2.md', 'ra3.md', 'ra4.md'],
    );

    const checkFromRoot = await runIn(repo, 'check', 'examples');
    const checkFromElsewhere = await runIn(os.tmpdir(), 'check', examples);
    assert.equal(checkFromElsewhere.stdout, checkFromRoot.stdout);
    assert.match(checkFromRoot.stdout, /^ra\d\.md:\d+:\d+ /m);
  });

  it('names accounts in sub-folders and with awkward names by their path in the folder, not their URI', async () => {
    const dir = tempPortfolio({ "Jane's (2024)/ra 1.md": 'We met LMCA6/P1.\n', 'sub/ra2.md': 'LMCA5/P1\n' });
    try {
      const r = await runIn(os.tmpdir(), 'check', dir);
      assert.equal(r.code, 1);
      assert.match(r.stdout, /^Jane's \(2024\)\/ra 1\.md:1:8 error unknown-unit /m);
      const json = JSON.parse((await runIn(dir, 'coverage', '.', '--format', 'json')).stdout);
      assert.deepEqual(
        json.accounts.map((a: { file: string; evidence: string }) => [a.file, a.evidence]),
        [
          ["Jane's (2024)/ra 1.md", 'ra 1'],
          ['sub/ra2.md', 'ra2'],
        ],
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

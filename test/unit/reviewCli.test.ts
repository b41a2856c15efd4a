import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import { parseAssessment } from '../../server/src/core/review/assessment';
import { golden, runCli } from './cliRun';

const root = path.join(__dirname, '..', '..');
const reviewed = path.join('test', 'fixtures', 'review-portfolio');

/** Runs the CLI from the repository's root (folders in argv are relative to it). */
const run = (...argv: string[]) => runCli(argv, root);

async function exportRecord(format: string, folder = reviewed): Promise<string> {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ra-rev-')), `record.${format}`);
  const r = await run('export', folder, '--unit', 'LMCA5', '--format', format, '--out', out, '--date', '2026-12-08');
  assert.equal(r.code, 0, r.stderr);
  return fs.readFileSync(out, 'utf8');
}

/** A copy of the reviewed portfolio to write into. */
function copy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ra-assess-'));
  for (const f of fs.readdirSync(path.join(root, reviewed)))
    fs.copyFileSync(path.join(root, reviewed, f), path.join(dir, f));
  return dir;
}

describe('evidence record with the review: golden files (accepted, changed since accepted, not yet, referred, not cited)', () => {
  for (const [format, ext] of [
    ['markdown', 'md'],
    ['csv', 'csv'],
    ['html', 'html'],
    ['json', 'json'],
  ]) {
    it(format, async () => golden(`LMCA5-review-record.${ext}`, await exportRecord(format)));
  }
  it('the formats agree on the states, the deciders and the open threads', async () => {
    const json = JSON.parse(await exportRecord('json'));
    assert.deepEqual(json.review, { accepted: 1, changed: 1, openThreads: 1 });
    const states = Object.fromEntries(
      json.rows.slice(0, 4).map((r: { id: string; review: { state: string } }) => [r.id, r.review.state]),
    );
    assert.deepEqual(states, { P1: 'accepted', P2: 'cited', P3: 'changed', P4: 'not-cited' });
    const csv: string[][] = parse((await exportRecord('csv')).slice(1));
    assert.deepEqual(csv[1].slice(7), ['cited and accepted', 'accepted', 'J Smith', '2026-12-06T18:00:00Z', '', '1']);
    assert.deepEqual(csv[2].slice(7, 11), ['cited', 'not yet', 'J Smith', '2026-12-06T18:00:00Z']);
    const md = await exportRecord('markdown');
    assert.match(
      md,
      /\*\*Assessment:\*\* 1 criterion accepted by the assessor, 1 changed since accepted; 1 open review thread in the portfolio\./,
    );
    assert.match(md, /\| P3 \| .* \| RA2 \| changed since accepted \(J Smith, 2026-12-06\) \|/);
    assert.match(
      await exportRecord('html'),
      /<tr class="met accepted" id="LMCA5-P1">.*<td class="review">cited and accepted: J Smith, 2026-12-06<\/td>/,
    );
  });
  it('a portfolio nobody reviews gets the record it always had', async () => {
    assert.doesNotMatch(await exportRecord('markdown', 'examples'), /Assessor decision|Assessment:/);
  });
});

describe('CLI: assess', () => {
  it('records accept, not yet and refer with who and when; a later edit shows as changed since accepted', async () => {
    const dir = copy();
    fs.rmSync(path.join(dir, '.assessment.yaml'));
    let r = await run(
      'assess',
      dir,
      '--unit',
      'lmca5',
      '--accept',
      'P1,P2',
      '--not-yet',
      'K1',
      '--by',
      'J Smith',
      '--reason',
      'More on the policy',
    );
    assert.equal(r.code, 0, r.stderr);
    const a = parseAssessment(fs.readFileSync(path.join(dir, '.assessment.yaml'), 'utf8'));
    assert.deepEqual(a.problems, []);
    assert.deepEqual(
      [...a.decisions.values()].map((d) => [d.criterion, d.decision, d.by, d.reason]),
      [
        ['LMCA5/P1', 'accepted', 'J Smith', 'More on the policy'],
        ['LMCA5/P2', 'accepted', 'J Smith', 'More on the policy'],
        ['LMCA5/K1', 'not-yet', 'J Smith', 'More on the policy'],
      ],
    );
    assert.match(a.decisions.get('LMCA5/P1')!.at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    r = await run('assess', dir, '--unit', 'LMCA5');
    assert.match(r.stdout, /^LMCA5: 2 accepted, 0 changed since accepted; 1 open review threads\n/);
    fs.appendFileSync(path.join(dir, 'ra2.md'), '\nAnother sentence.\n');
    r = await run('assess', dir, '--unit', 'LMCA5');
    assert.match(r.stdout, /^LMCA5: 1 accepted, 1 changed since accepted/);
    assert.match(r.stdout, /\nP2 {2}changed since accepted {2}accepted by J Smith/);
    r = await run('assess', dir, '--unit', 'LMCA5', '--clear', 'P2');
    assert.equal(
      parseAssessment(fs.readFileSync(path.join(dir, '.assessment.yaml'), 'utf8')).decisions.has('LMCA5/P2'),
      false,
    );
  });
  it('refuses bad usage and writes nothing: no --by, no unit, criterion not cited, unknown criterion', async () => {
    const dir = copy();
    const before = fs.readFileSync(path.join(dir, '.assessment.yaml'), 'utf8');
    for (const argv of [
      ['--unit', 'LMCA5', '--accept', 'P1'],
      ['--accept', 'P1', '--by', 'J'],
      ['--unit', 'LMCA5', '--accept', 'P9', '--by', 'J'],
      ['--unit', 'LMCA5', '--refer', 'P99', '--by', 'J'],
      ['--unit', 'LMCX9', '--accept', 'P1', '--by', 'J'],
    ]) {
      const r = await run('assess', dir, ...argv);
      assert.equal(r.code, 2, argv.join(' '));
    }
    assert.match(
      (await run('assess', dir, '--unit', 'LMCA5', '--accept', 'P9', '--by', 'J')).stderr,
      /LMCA5\/P9 is not cited in any account/,
    );
    assert.equal(fs.readFileSync(path.join(dir, '.assessment.yaml'), 'utf8'), before);
  });
  it('a malformed assessment file: a message naming the line, coverage and export still work, assess refuses to overwrite it', async () => {
    const dir = copy();
    const broken = 'version: 1\ndecisions:\n  LMCA5/P1:\n    decision: accepted\n   by: J\n';
    fs.writeFileSync(path.join(dir, '.assessment.yaml'), broken);
    const cov = await run('coverage', dir, '--unit', 'LMCA5', '--format', 'html');
    assert.equal(cov.code, 0);
    assert.match(cov.stderr, /\.assessment\.yaml:5: Not valid YAML/);
    assert.match(cov.stdout, /Evidence record: LMCA5/);
    const r = await run('assess', dir, '--unit', 'LMCA5', '--accept', 'P1', '--by', 'J');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /line 5 is not valid YAML; fix it/);
    assert.equal(fs.readFileSync(path.join(dir, '.assessment.yaml'), 'utf8'), broken);
    fs.writeFileSync(
      path.join(dir, '.assessment.yaml'),
      'decisions:\n  LMCA5/P1:\n    decision: yes\n    by: J\n    at: 2026-12-06\n',
    );
    const each = await run('assess', dir, '--unit', 'LMCA5');
    assert.equal(each.code, 0);
    assert.match(
      each.stderr,
      /\.assessment\.yaml:3: decisions → LMCA5\/P1 → decision: must be one of accepted, not-yet, referred/,
    );
  });
});

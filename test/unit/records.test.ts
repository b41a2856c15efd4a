import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import { CSV_HEADER } from '../../server/src/core/reports/recordFormats';
import { golden, runCli } from './cliRun';

const root = path.join(__dirname, '..', '..');

/** Runs the CLI from the repository's root (folders in argv are relative to it). */
const run = (...argv: string[]) => runCli(argv, root);

async function exportRecord(format: string, unit = 'LMCA5'): Promise<string> {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ra-rec-')), `record.${format}`);
  const r = await run('export', 'examples', '--unit', unit, '--format', format, '--out', out, '--date', '2026-11-22');
  assert.equal(r.code, 0, r.stderr);
  return fs.readFileSync(out, 'utf8');
}

describe('evidence record: golden files on the example portfolio', () => {
  for (const [format, ext] of [
    ['markdown', 'md'],
    ['csv', 'csv'],
    ['html', 'html'],
    ['json', 'json'],
  ]) {
    it(format, async () => golden(`LMCA5-record.${ext}`, await exportRecord(format)));
  }
});

describe('evidence record: content', () => {
  it('CSV has a BOM and round-trips through a CSV parser to the same rows', async () => {
    const csv = await exportRecord('csv');
    assert.equal(csv.charCodeAt(0), 0xfeff);
    const rows: string[][] = parse(csv.slice(1));
    assert.deepEqual(rows[0], CSV_HEADER);
    assert.equal(rows.length, 1 + 129);
    const json = JSON.parse(await exportRecord('json'));
    assert.deepEqual(
      rows.slice(1),
      json.rows.map(
        (r: { kind: string; id: string; section: string; text: string; evidence: string[]; state: string }) => [
          'LMCA5',
          r.kind === 'P' ? 'performance criterion' : 'knowledge point',
          r.id,
          r.section,
          r.text,
          r.evidence.join(', '),
          r.state,
        ],
      ),
    );
    assert.deepEqual(rows.find((r) => r[2] === 'P6')?.[5], 'RA1, RA4');
  });
  it('JSON lists every criterion, the summary and the accounts', async () => {
    const json = JSON.parse(await exportRecord('json', 'LMCA4'));
    assert.equal(json.unit.code, 'LMCA4');
    assert.equal(json.unit.codeConfirmed, false);
    assert.equal(json.rows.length, 145);
    assert.deepEqual(json.summary, { P: { covered: 9, total: 46 }, K: { covered: 2, total: 99 } });
    assert.deepEqual(
      json.accounts.map((a: { evidence: string }) => a.evidence),
      ['RA1', 'RA2', 'RA3', 'RA4'],
    );
  });
  it('HTML escapes text and carries the print rules', async () => {
    const html = await exportRecord('html');
    assert.match(html, /@page \{ size: A4/);
    assert.match(html, /thead \{ display: table-header-group; \}/);
    assert.match(html, /Content-Security-Policy/);
    assert.equal((html.match(/<tr class="(met|missing)"/g) ?? []).length, 129);
  });
  it('never overwrites without --force', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ra-rec-'));
    const out = path.join(dir, 'r.md');
    fs.writeFileSync(out, 'precious');
    const r = await run('export', 'examples', '--unit', 'LMCA5', '--format', 'markdown', '--out', out);
    assert.equal(r.code, 2);
    assert.equal(fs.readFileSync(out, 'utf8'), 'precious');
    assert.equal(
      (await run('export', 'examples', '--unit', 'LMCA5', '--format', 'markdown', '--out', out, '--force')).code,
      0,
    );
    assert.match(fs.readFileSync(out, 'utf8'), /^# Evidence record: LMCA5/);
  });
  it('refuses a unit not in scope and bad usage', async () => {
    assert.equal(
      (await run('export', 'examples', '--unit', 'LMCQ1', '--format', 'csv', '--out', '/tmp/x.csv')).code,
      2,
    );
    assert.equal(
      (await run('export', 'examples', '--unit', 'LMCA5', '--format', 'pdf', '--out', '/tmp/x.pdf')).code,
      2,
    );
    assert.equal((await run('export', 'examples', '--unit', 'LMCA5', '--format', 'csv')).code, 2);
  });
});

describe('caseload: coverage --each', () => {
  const caseload = path.join('test', 'fixtures', 'caseload');
  it('prints one row per candidate and unit, with error counts', async () => {
    const r = await run('coverage', caseload, '--each');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout,
      'Candidate  Unit    P covered  K covered  Accepted  Errors\n' +
        'alice      LMCA5   7/29       1/100      3         0\n' +
        'bob        LMCA5   0/29       0/100      0         1\n' +
        'bob        LMCB2   2/45       0/107      0         1\n' +
        'chloe      (none)  0/0        0/0        0         0\n',
    );
  });
  it('as JSON and CSV', async () => {
    const json = JSON.parse((await run('coverage', caseload, '--each', '--format', 'json')).stdout);
    assert.deepEqual(
      json.candidates.map((c: { candidate: string; unit: string }) => `${c.candidate}:${c.unit}`),
      ['alice:LMCA5', 'bob:LMCA5', 'bob:LMCB2', 'chloe:'],
    );
    const csv: string[][] = parse((await run('coverage', caseload, '--each', '--format', 'csv')).stdout.slice(1));
    assert.deepEqual(csv[1], ['alice', 'LMCA5', '7/29', '1/100', '3', '0']);
    assert.deepEqual(
      json.candidates.map((c: { accepted: number }) => c.accepted),
      [3, 0, 0, 0],
    );
  });
  it('needs sub-folders', async () => {
    assert.equal((await run('coverage', path.join(caseload, 'chloe'), '--each')).code, 2);
  });
});

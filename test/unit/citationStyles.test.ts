/**
 * Portfolios written in each style candidates and assessors use (test/fixtures/styles/): `check` and
 * `coverage` count the criteria an assessor would read as cited, and everything citation-shaped that does not
 * count gets a `not-counted` warning. Nothing is dropped without a word.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAccount } from '../../server/src/core/accounts/account';
import { computeCoverage } from '../../server/src/core/coverage/coverage';
import { createPortfolio, updateAccount } from '../../server/src/core/coverage/portfolio';
import { computeDiagnostics } from '../../server/src/core/features/diagnostics';
import { DEFAULT_SETTINGS } from '../../server/src/core/settings';
import { loadCatalog } from '../../server/src/io/catalog';
import { blockingNodeFileSystem } from '../../server/src/io/nodeFileSystem';
import { runCli } from './cliRun';

const styles = path.join(__dirname, '..', 'fixtures', 'styles');
const range = (unit: string, kind: string, from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `${unit}/${kind}${from + i}`);

/** What each style's portfolio counts, as an assessor reads it. */
const COUNTED: Record<string, string[]> = {
  spaced: ['LMCA5/P3', 'LMCA5/P4', 'LMCA5/P21', 'LMCA5/P22', 'LMCA5/P25', 'LMCB2/P7', 'LMCB2/P8', 'LMCB2/K12'],
  headings: [
    'LMCA5/P3',
    'LMCA5/P5',
    'LMCA5/P27',
    'LMCA5/P28',
    'LMCA5/K12',
    ...range('LMCA5', 'K', 38, 40),
    'LMCB2/P7',
    'LMCB2/K20',
  ],
  'front-matter': range('LMCA5', 'P', 21, 24).concat('LMCA5/K38'),
  tables: ['LMCA5/P3', 'LMCA5/P21', 'LMCA5/P22', 'LMCA5/K38', 'LMCA5/K40', 'LMCB2/P7', 'LMCB2/K12'],
  lists: [
    ...range('LMCA5', 'P', 19, 21),
    ...range('LMCA5', 'P', 23, 29),
    ...range('LMCA5', 'K', 1, 3),
    ...range('LMCA5', 'K', 42, 44),
  ],
  'near-misses': ['LMCA5/P21'],
};

const run = (...argv: string[]) => runCli(argv);

interface CriterionJson {
  id: string;
  covered: boolean;
}

/** Upper-case criterion-like tokens: P21, PC 3, K12, P21a, P1.2 (small-letter "p 16" is a page number). */
const CITATION_SHAPED = /(?<![A-Za-z0-9_])(?:PCs?|P|K) ?\d+(?:[a-z]|\.\d+)?(?![A-Za-z0-9_])/g;

describe('citation styles: portfolios written the way candidates write', () => {
  for (const [style, counted] of Object.entries(COUNTED)) {
    it(`${style}: coverage counts exactly what an assessor reads as cited`, async () => {
      const r = await run('coverage', path.join(styles, style), '--format', 'json');
      assert.equal(r.code, 0, r.stderr);
      const json = JSON.parse(r.stdout) as { units: Array<{ code: string; criteria: CriterionJson[] }> };
      const covered = json.units.flatMap((u) => u.criteria.filter((c) => c.covered).map((c) => `${u.code}/${c.id}`));
      assert.deepEqual(covered.sort(), [...counted].sort());
    });
  }

  it('check: every citation-shaped text either counts or carries a not-counted warning', async () => {
    const { catalog } = await loadCatalog(blockingNodeFileSystem, styles, DEFAULT_SETTINGS, true);
    const portfolio = createPortfolio(styles);
    const texts = new Map<string, string>();
    for (const style of Object.keys(COUNTED)) {
      for (const name of fs.readdirSync(path.join(styles, style))) {
        const uri = `${style}/${name}`;
        const text = fs.readFileSync(path.join(styles, style, name), 'utf8');
        texts.set(uri, text);
        updateAccount(portfolio, parseAccount(uri, text, catalog.resolve));
      }
    }
    const coverage = computeCoverage(catalog, portfolio, 1);
    let checked = 0;
    for (const account of portfolio.accounts.values()) {
      const text = texts.get(account.uri)!;
      const warnings = computeDiagnostics(catalog, account, coverage, DEFAULT_SETTINGS).filter(
        (d) => d.code === 'not-counted',
      );
      for (const m of text.matchAll(CITATION_SHAPED)) {
        const start = m.index!;
        const end = start + m[0].length;
        if (account.ignored.some((r) => start >= r.start && end <= r.end)) continue;
        checked++;
        const inCounted = account.citations.some(
          (c) =>
            c.unitCode &&
            c.items.some((i) => start >= i.start && end <= i.end) &&
            !warnings.some((w) => start >= w.start && end <= w.end),
        );
        const warned = warnings.some((w) => start >= w.start && end <= w.end);
        assert.ok(
          inCounted !== warned,
          `${account.uri}: "${m[0]}" at ${start} is ${inCounted ? 'counted' : 'dropped'}${warned ? ' and warned' : ' without a word'}`,
        );
      }
    }
    assert.ok(checked >= 40, `${checked} citation-shaped texts checked`);
  });

  it('check prints the not-counted warnings with their codes, and exits 0 on warnings alone', async () => {
    const r = await run('check', path.join(styles, 'near-misses'));
    assert.equal(r.code, 0);
    const lines = r.stdout.split('\n').filter((l) => l.includes(' not-counted '));
    assert.deepEqual(
      lines.map((l) => l.replace(/^.*?\/near-misses\//, '').replace(/ is not counted:.*$/, '')),
      [
        'ra1.md:7:7 warning not-counted P21a',
        'ra1.md:7:16 warning not-counted LMCA5/P1.2',
        'ra1.md:7:31 warning not-counted A5/P21',
        'ra1.md:7:52 warning not-counted P3',
        'ra2.md:1:3 warning not-counted P1',
        'ra3.md:5:10 warning not-counted P30',
      ],
    );
  });

  it('--bare-criteria off counts no bare criterion; a bad value is a usage error', async () => {
    const r = await run('coverage', path.join(styles, 'front-matter'), '--format', 'json', '--bare-criteria', 'off');
    const json = JSON.parse(r.stdout) as { units: Array<{ code: string; criteria: CriterionJson[] }> };
    assert.deepEqual(
      json.units.flatMap((u) => u.criteria.filter((c) => c.covered)),
      [],
    );
    assert.equal((await run('check', styles, '--bare-criteria', 'sometimes')).code, 2);
  });
});

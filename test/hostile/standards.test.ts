/**
 * User standards that are broken or conflicting: each is reported with its file and the problem, nothing
 * else is lost, and the bundled units keep working.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../server/src/cli/main';
import { loadCatalog } from '../../server/src/io/catalog';
import { nodeFileSystem } from '../../server/src/io/nodeFileSystem';
import { syntheticUnit } from '../unit/helpers';
import { timedAsync } from './timing';

const unit = (code: string, extra = {}) => JSON.stringify(syntheticUnit(code, 3, 2, extra));
const duplicated = (() => {
  const u = syntheticUnit('LMCX3', 3, 2);
  u.criteria.splice(1, 0, { ...u.criteria[0] });
  return JSON.stringify(u);
})();

/** File name, content, and what the problem must say. */
const BAD: Array<[string, string, RegExp]> = [
  ['not-json.json', '{ "code": "LMCX9", ', /not valid JSON/],
  ['empty.json', '', /not valid JSON/],
  ['array.json', '[1, 2, 3]', /must be object/],
  ['deep.json', '['.repeat(100_000) + ']'.repeat(100_000), /not valid JSON|must be object/],
  ['no-criteria.json', JSON.stringify({ code: 'LMCX8', title: 'x' }), /must have required property/],
  ['duplicate-ids.json', duplicated, /P1 appears more than once/],
  [
    'same-code-as-bundled.json',
    unit('LMCA5'),
    /unit LMCA5 was not loaded: "LMCA5" is already used by LMCA5 \(bundled\)/,
  ],
  [
    'alias-of-bundled.json',
    unit('LMCX7', { aliases: ['H7LP 04'] }),
    /unit LMCX7 was not loaded: "H7LP 04" is already used by LMCA5 \(bundled\)/,
  ],
  ['twin-b.json', unit('LMCX1'), /unit LMCX1 was not loaded: "LMCX1" is already used by LMCX1 \(.*twin-a\.json\)/],
];

function folderWithStandards(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ra-standards-'));
  fs.mkdirSync(path.join(dir, '.standards'));
  for (const [name, content] of BAD) fs.writeFileSync(path.join(dir, '.standards', name), content);
  fs.writeFileSync(path.join(dir, '.standards', 'twin-a.json'), unit('LMCX1'));
  fs.writeFileSync(path.join(dir, '.standards', 'good.json'), '\ufeff' + unit('LMCX2'));
  fs.writeFileSync(path.join(dir, 'ra1.md'), 'I did it (LMCA5/P1, LMCX1/P2, LMCX2/K1, SCDLMCB2/P3).\n');
  return dir;
}

describe('hostile: broken and conflicting user standards', () => {
  let dir: string;
  before(() => (dir = folderWithStandards()));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('names each bad file and its problem; bundled units and good user units still load', async () => {
    const { catalog, problems } = await timedAsync('loading 12 user standards files, 9 of them bad', () =>
      loadCatalog(nodeFileSystem, dir, { standardsPaths: ['missing.json'], unitAliases: {} }, true),
    );
    for (const [name, , message] of BAD) {
      const mine = problems.filter((p) => path.basename(p.origin) === name);
      assert.ok(mine.length >= 1, `a problem for ${name}`);
      assert.ok(
        mine.some((p) => message.test(p.message)),
        `${name}: ${mine.map((p) => p.message).join(' | ')}`,
      );
    }
    assert.ok(problems.some((p) => p.origin.endsWith('missing.json') && /could not be read/.test(p.message)));
    for (const code of ['LMCA4', 'LMCA5', 'LMCB2', 'LMCB5', 'LMCQ1'])
      assert.equal(catalog.unit(code)?.origin, 'bundled', code);
    assert.equal(catalog.resolve('H7LP 04'), 'LMCA5');
    assert.match(catalog.unit('LMCX1')?.origin ?? '', /twin-a\.json$/);
    assert.match(catalog.unit('LMCX2')?.origin ?? '', /good\.json$/);
    assert.equal(catalog.unit('LMCX7'), undefined);
  });

  it('the CLI warns about each bad file and resolves every good citation', async () => {
    let stdout = '';
    let stderr = '';
    const code = await main(['check', dir], { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
    assert.equal(code, 0, stdout);
    assert.doesNotMatch(stdout, /unknown-unit/);
    for (const [name] of BAD) assert.match(stderr, new RegExp(`warning: .*${name.replace('.', '\\.')}: `), name);
  });
});

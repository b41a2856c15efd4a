/**
 * The plain front matter reader (core/accounts/plainFrontMatter.ts) reads the shapes accounts have and
 * leaves everything else to the YAML library; that its answers equal the library's is a property
 * (test/property/frontMatter.props.ts).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findFrontMatter, readWithLibrary } from '../../server/src/core/accounts/frontMatter';
import { readPlainFrontMatter } from '../../server/src/core/accounts/plainFrontMatter';

const plainOf = (yaml: string) => readPlainFrontMatter(yaml, 4);

describe('plain front matter reader', () => {
  it('reads the front matter of every example account, as the library does', () => {
    const dir = path.join(__dirname, '..', '..', 'examples');
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.md'));
    assert.ok(files.length >= 3);
    for (const f of files) {
      const text = fs.readFileSync(path.join(dir, f), 'utf8');
      const block = findFrontMatter(text)!;
      const plain = readPlainFrontMatter(text.slice(block.yamlStart, block.yamlEnd), block.yamlStart);
      assert.ok(plain, f);
      assert.deepEqual({ frontMatter: { ...block, ...plain }, problems: [] }, readWithLibrary(text, block), f);
    }
  });

  it('reads titles, evidence numbers and unit lists written plainly, with the offsets of each unit', () => {
    const yaml = "title: Manager's review, week 3\nevidence: RA12\nunits: [LMCA5,  H7LP 04 ]\n";
    const at = (s: string) => ({ text: s, start: 4 + yaml.indexOf(s), end: 4 + yaml.indexOf(s) + s.length });
    assert.deepEqual(plainOf(yaml), {
      units: [at('LMCA5'), at('H7LP 04')],
      title: "Manager's review, week 3",
      evidence: 'RA12',
    });
    const list = '# a comment\n\nunits: LMCA5, LMCB2  \r\nother: kept out\n';
    assert.deepEqual(plainOf(list)?.units, [
      { text: 'LMCA5', start: 4 + list.indexOf('LMCA5'), end: 4 + list.indexOf('LMCA5') + 5 },
      { text: 'LMCB2', start: 4 + list.indexOf('LMCB2'), end: 4 + list.indexOf('LMCB2') + 5 },
    ]);
  });

  it('leaves to the library what YAML reads differently or what may hold a problem', () => {
    for (const yaml of [
      'title: "Quoted"',
      'title: Week #3',
      'title: Review: draft',
      'evidence: 3',
      'evidence: true',
      'title:',
      'units:\n  - LMCA5',
      'units: [LMCA5, ]',
      'units: [LMCA5] # the unit',
      'title: A\ntitle: B',
      'title: A long\n  title',
      'title:\tTab',
      'True: a\ntrue: b',
      '%YAML 1.2',
    ]) {
      assert.equal(plainOf(yaml), undefined, yaml);
    }
  });
});

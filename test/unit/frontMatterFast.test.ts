/**
 * The fast front matter reader (core/simpleFrontMatter.ts) must give exactly what the YAML library gives,
 * fields, offsets and (no) problems, whenever it answers; everything else goes to the library.
 */
import { strict as assert } from 'node:assert';
import { parseFrontMatter } from '../../server/src/core/accounts/frontMatter';
import { readSimpleFrontMatter } from '../../server/src/core/accounts/simpleFrontMatter';
import { rng } from './helpers';

const LINES = [
  'title: Re-allocating visits after a staff absence', 'title: Manager\'s review of "rotas"', 'title: 2024 review',
  'title:   spaced out   ', 'title: Week #3', 'title: Week # 3', 'title: a: b', 'title: "Quoted: yes"', "title: 'single'",
  'title:', 'title: true', 'title: Yes', 'evidence: RA3', 'evidence: RA3            # evidence number', 'evidence: 3',
  'evidence: 3.0', 'evidence: ~', 'evidence: null', 'evidence: RA 3', 'units: [LMCA5, LMCA4]', 'units: [LMCA5,LMCA4]',
  'units: [ LMCA5 ]', 'units: []', 'units: [LMCA5, ]', 'units: [H7LP 04, scdlmca5]', 'units: [LMCA5] # units',
  'units: [LMCA5, [x]]', 'units: [a:b]', 'units: LMCA5, LMCB2', 'units: LMCA5', 'units: [123]', 'units:', '  - LMCA5',
  '- LMCB2', '  - H7LP 04', '    - nested', '  - 42', 'other: value', 'other: [1, 2]', 'other: {a: 1}', '  indented: x',
  '# a comment', '', '   ', 'title: x\ttab', 'key without colon', 'title: Same', 'Title: Case', 'units: &a [LMCA5]',
  'title: x:y', 'title: ends:', 'title: a\u00a0', 'units: [LMCA5\u00a0]', '%YAML 1.2',
];

describe('front matter: the fast reader agrees with the YAML library', () => {
  it('reads the usual shapes itself', () => {
    for (const yaml of ['title: T\nevidence: RA3\nunits: [LMCA5, LMCA4]', 'units:\n  - LMCA5\n  - LMCB2', 'evidence: RA1 # note']) {
      assert.ok(readSimpleFrontMatter(yaml, 4, () => []), yaml);
    }
  });

  it('agrees on 5,000 random front matters', () => {
    const next = rng(77);
    let handled = 0;
    for (let i = 0; i < 5000; i++) {
      const n = Math.floor(next() * 6);
      const lines = Array.from({ length: n }, () => LINES[Math.floor(next() * LINES.length)]);
      const eol = next() < 0.2 ? '\r\n' : '\n';
      const text = ['---', ...lines, '---', '', '# Body'].join(eol);
      const yaml = parseFrontMatter(text, true);
      const source = text.slice(yaml.frontMatter!.yamlStart, yaml.frontMatter!.yamlEnd);
      if (readSimpleFrontMatter(source, yaml.frontMatter!.yamlStart, () => []) === undefined) continue;
      handled++;
      assert.deepEqual(parseFrontMatter(text), yaml, JSON.stringify(text));
    }
    assert.ok(handled > 1000, `only ${handled} handled`);
  });
});

/**
 * The citation scanner tests its character classes on UTF-16 code units (core/codes.ts). It must find exactly
 * what the pattern-per-character version found (codesReference.ts): checked with every ASCII character and
 * the Unicode spaces and dashes of the grammar in every place of a citation, and on random text built from
 * the characters that matter.
 */
import { strict as assert } from 'node:assert';
import { scanCitations, unitKey } from '../../server/src/core/citations/codes';
import { testCatalog, rng } from './helpers';
import { referenceScanCitations, referenceUnitKey } from './codesReference';

const catalog = testCatalog({ ZED: 'LMCB2' });
const CHARS = [...Array.from({ length: 128 }, (_, i) => String.fromCharCode(i)),
  '\u00a0', '\u2009', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '\u00e9', '\uff10', '\ud835\udc9c', '\ufeff'];
/** Every place a character can take in and around a citation ($ marks it). */
const TEMPLATES = [
  '$LMCA5/P1', 'x$LMCA5/P1', 'LMCA5$/P1', 'LMCA5/$P1', 'LMCA5/P$1', 'LMCA5/P1$', 'LMCA5/P1$P2', 'LMCA5/P1$-P3',
  'LMCA5/P1-$P3', 'LMCA5/P1-P$3', 'LMCA5/P1-P3$', 'LMCA5/P1,$P2', 'LMCA5/P1, $P2', 'LMCA5/P1$, P2', 'LMCA5/P12345$6',
  'H7LP$04/K2', 'a$H7LP 04/K2', 'SCDLMC$A5/P3', 'SCDLMCS$A5/P3', 'scdlmc$a5/p3', 'see$lmca5/k3', 'LMCA6$/P1', 'ZED$/K1',
  'AB1$/P1', '$1AB/P1', 'LMCA5/P1,$$P2', 'LMCA5/P1$$P4', 'LMCA5/K1-$K$3, P5',
];

function agree(text: string): void {
  assert.deepEqual(scanCitations(text, catalog.resolve), referenceScanCitations(text, catalog.resolve), JSON.stringify(text));
}

describe('citation scanner: code-unit character classes agree with the patterns they replace', () => {
  it('every ASCII character and the grammar\'s Unicode spaces and dashes, in every place of a citation', () => {
    for (const template of TEMPLATES) for (const ch of CHARS) agree(template.split('$').join(ch));
  });

  it('agrees on 20,000 random texts made of the characters that matter', () => {
    const pieces = ['LMCA5', 'lmcb2', 'H7LP', '04', 'SCDLMC', 'A5', 'ZED', 'XY12', '/', 'P', 'p', 'K', 'k', '1', '29', '999999',
      '1234567', ',', ', ', '-', '\u2013', ' ', '\u00a0', '\t', '_', '.', '@', '#', ':', '\\', 'x', '\n', '(', ')', 'é'];
    const next = rng(4242);
    for (let i = 0; i < 20_000; i++) {
      let text = '';
      for (let n = 1 + Math.floor(next() * 16); n > 0; n--) text += pieces[Math.floor(next() * pieces.length)];
      agree(text);
    }
  });

  it('unit keys are unchanged by the fast paths', () => {
    for (const s of ['LMCA5', 'lmca5', 'LmCa5', 'SCDLMCSA5', 'scdlmcs a5', 'H7LP 04', 'h7lp\u00a004', 'A\tB', '', 'ß', 'ﬁ1', 'é5']) {
      assert.equal(unitKey(s), referenceUnitKey(s), s);
    }
  });
});

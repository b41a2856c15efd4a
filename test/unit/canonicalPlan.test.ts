/** The plan behind "Rewrite Citations in Canonical Form…": what changes, where, and what is left alone. */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildCitationLookup } from '../../client/src/citationLookup';
import { planCanonicalRewrite, rewrittenText } from '../../client/src/canonicalPlan';

const root = path.resolve(__dirname, '../..');
const lookup = buildCitationLookup({
  units: ['LMCA5', 'LMCB2'].map((code) => {
    const unit = JSON.parse(readFileSync(path.join(root, 'standards', `${code}.json`), 'utf8'));
    return {
      code: unit.code,
      title: unit.title,
      codeConfirmed: true,
      aliases: unit.aliases,
      criteria: unit.criteria.map((c: { id: string; text: string; section: string }) => ({
        id: c.id,
        text: c.text,
        section: c.section,
      })),
    };
  }),
});

describe('canonical rewrite plan', () => {
  const text =
    '# H7LP 04 Lead and manage\r\n\r\nI met the team (PC 3, K12); see also SCDLMCB2 - P7 and LMCA5/P1.\r\nUnclear: A5/P2 and P40.\r\n';

  it('rewrites every citation whose unit is clear, with positions, and lists the rest', () => {
    const plan = planCanonicalRewrite([{ uri: 'file:///p/ra1.md', name: 'ra1.md', text }], lookup);
    assert.equal(plan.citations, 2);
    const [account] = plan.accounts;
    assert.deepEqual(account.changes, ['ra1.md:3  PC 3, K12 → LMCA5/P3, K12', 'ra1.md:3  SCDLMCB2 - P7 → LMCB2/P7']);
    assert.deepEqual(
      account.edits.map((e) => [e.line, e.character, e.endLine, e.endCharacter]),
      [
        [2, 16, 2, 25],
        [2, 37, 2, 50],
      ],
    );
    assert.equal(
      rewrittenText(text, account),
      '# H7LP 04 Lead and manage\r\n\r\nI met the team (LMCA5/P3, K12); see also LMCB2/P7 and LMCA5/P1.\r\nUnclear: A5/P2 and P40.\r\n',
    );
    assert.deepEqual(
      account.left.map((l) => l.split(': ')[0]),
      ['ra1.md:4  A5/P2', 'ra1.md:4  P40'],
    );
  });

  it('with bare criteria off, leaves bare criteria alone', () => {
    const plan = planCanonicalRewrite([{ uri: 'file:///p/ra1.md', name: 'ra1.md', text }], lookup, 'off');
    assert.deepEqual(plan.accounts[0].changes, ['ra1.md:3  SCDLMCB2 - P7 → LMCB2/P7']);
  });

  it('plans nothing for an account already canonical', () => {
    const plan = planCanonicalRewrite(
      [{ uri: 'file:///p/ra2.md', name: 'ra2.md', text: 'Done (LMCA5/P1, P2-P4).\n' }],
      lookup,
    );
    assert.deepEqual(plan, { accounts: [], citations: 0, left: 0 });
  });
});

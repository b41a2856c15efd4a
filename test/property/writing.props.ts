/**
 * Properties of the writing checks and criterion suggestions on any text: they never throw, every range lies
 * in the text, the anonymise fix's edits replace exactly the name, and suggestions never include what the
 * paragraph cites or a unit out of scope.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parseAccount } from '../../server/src/core/accounts/account';
import { citationInsertion } from '../../server/src/core/features/suggest/insertion';
import { citedIn, suggestForParagraph } from '../../server/src/core/features/suggest/suggest';
import { anonymiseEdits, computeWritingDiagnostics } from '../../server/src/core/features/writing/writingChecks';
import { testCatalog } from '../unit/helpers';
import { anyText, markdownDoc } from './documentArbitraries';
import type { Prop } from './props';

const catalog = testCatalog();
const prose = fc
  .array(
    fc.constantFrom(
      'I would ask',
      'Margaret Thomson',
      'Mrs D',
      'she said it would rain',
      'LMCA5/P1',
      'performance',
      'knowledge',
      '.',
      ', ',
      '\n\n',
      ' ',
      '12 Rosebank Road',
      "John McAllister's",
      'could not',
      'Will',
      '(LMCA5/P2, K3).',
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(' '));

function inText(what: string, r: { start: number; end: number }, length: number): void {
  assert.ok(
    Number.isInteger(r.start) && Number.isInteger(r.end) && r.start >= 0 && r.start <= r.end && r.end <= length,
    `${what} ${r.start}-${r.end} lies in a text of ${length}`,
  );
}

export const writingProps: Prop[] = [
  {
    name: 'writing checks and suggestions never throw and stay inside the text',
    quickRuns: 40,
    fuzzShare: 500,
    property: () =>
      fc.property(fc.oneof(anyText, markdownDoc, prose), (text) => {
        const account = parseAccount('file:///p/ra1.md', text, catalog.resolve);
        for (const d of computeWritingDiagnostics(account, text, {
          hypothetical: 'hint',
          identifiablePerson: 'warning',
        })) {
          inText(d.code, d, text.length);
          if (d.name) {
            assert.equal(text.slice(d.start, d.end), d.name);
            for (const e of anonymiseEdits(text, d.name, d.replacement ?? ''))
              assert.equal(text.slice(e.start, e.end).replace(/\s+/g, ' '), d.name.replace(/\s+/g, ' '));
          }
        }
        for (const p of account.paragraphs) {
          const cited = citedIn(account, p);
          const suggestions = suggestForParagraph(catalog, account, text, p, undefined, 5);
          assert.ok(suggestions.length <= 5);
          for (const s of suggestions) {
            assert.ok(!cited.has(s.code), `${s.code} is cited in its paragraph`);
            assert.ok(s.code.startsWith('LMCA5/') || s.code.startsWith('LMCB2/'));
          }
          const edit = citationInsertion(text, account, p, p.start, 'LMCA5/P1');
          inText('insertion', edit, text.length);
          assert.ok(edit.start >= p.start && edit.end <= p.end, 'inserted inside its paragraph');
        }
      }),
  },
];

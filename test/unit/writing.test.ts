/** Writing checks: hypothetical sentences, identifiable people, the quick fix's edits, word counts. Table-driven. */
import * as assert from 'node:assert/strict';
import { parseAccount } from '../../server/src/core/accounts/account';
import { analyse } from '../../server/src/core/nlp/english';
import { findHypothetical } from '../../server/src/core/features/writing/hypothetical';
import { findIdentifiable } from '../../server/src/core/features/writing/identifiablePerson';
import { accountWords, describeWordCount, wordCountStanding } from '../../server/src/core/features/writing/wordCount';
import { anonymiseEdits, computeWritingDiagnostics } from '../../server/src/core/features/writing/writingChecks';
import { readSettings } from '../../server/src/core/settings';
import { testCatalog } from './helpers';

const hypothetical = (sentence: string) => findHypothetical(analyse(sentence)).length > 0;

describe('writing: hypothetical', () => {
  const cases: Array<[string, boolean, string]> = [
    ['I would speak to the family first.', true, 'what the candidate would do'],
    ['Good practice would be to involve the family.', true, 'what good practice would be'],
    ['Next time I will ask the seniors sooner.', true, 'will do'],
    ["I'll review the rota next week.", true, 'contracted will'],
    ['Staff should always wash their hands.', true, 'should, with an adverb between'],
    ['A manager should review the plan every month.', true, 'generic should'],
    ['I could have asked for help earlier.', true, 'could have'],
    ['We could offer more activities in the afternoons.', true, 'could do'],
    ['I reviewed the plan, and next time I would ask the family first.', true, 'a new clause after a past one'],
    ['She told me her visit would be late.', false, 'reported speech'],
    ['Everyone assumed he would not be able to manage it.', false, 'reported thought'],
    ['I kept new starters out of it so that they could concentrate on their induction.', false, 'purpose in the past'],
    ['We talked through what good care would look like from their side.', false, 'future in the past'],
    ['The nurse said that she would call back after lunch.', false, 'reported speech with that'],
    ['I agreed with H which activities would reach the most people.', false, 'reported decision'],
    ['We could not move it.', false, 'past ability, negated'],
    ["We couldn't find a replacement that day.", false, 'past ability, contracted'],
    ['I could see that she was upset.', false, 'past perception'],
    ['Mrs A would often refuse her tea.', false, 'past habit'],
    ['He would like a bath in the evening.', false, 'a wish'],
    ['Will covered the shift.', false, 'a name, not a modal'],
    ['Every day should have something to look forward to.', true, 'the same words, not quoted'],
    ['Our aim is that "every day should have something to look forward to".', false, 'a quotation'],
    [
      'Our aim is that \u201cevery day should have something to look forward to\u201d.',
      false,
      'a quotation in curly quotes',
    ],
    ['I reviewed the rota and spoke to each senior.', false, 'plain past'],
    ['Her will was kept in the office safe.', false, 'a noun'],
  ];
  for (const [sentence, expected, why] of cases) {
    it(`${expected ? 'flags' : 'leaves'} "${sentence}" (${why})`, () => assert.equal(hypothetical(sentence), expected));
  }

  it('reports the sentence offsets in a longer text', () => {
    const text = 'I rang the office. Next time I would ring the family first. We met on Monday.';
    const [found] = findHypothetical(analyse(text, 100));
    assert.equal(text.slice(found.start - 100, found.end - 100), 'Next time I would ring the family first.');
    assert.equal(found.modal, 'would');
  });
});

describe('writing: identifiable person', () => {
  const cases: Array<[string, string[], string]> = [
    ['Margaret Thomson was admitted on Monday.', ['Margaret Thomson>MT'], 'a full name'],
    ["I phoned John McAllister's daughter.", ['John McAllister>JM'], 'a possessive full name'],
    ['Mrs Margaret Thomson moved in.', ['Mrs Margaret Thomson>Mrs T'], 'title and full name'],
    ['Mr T and Mrs Thomson met on Friday.', ['Mrs Thomson>Mrs T'], 'title and surname, beside an initial'],
    ['She lives at 12 Rosebank Road, Paisley PA1 2AB.', ['12 Rosebank Road', 'PA1 2AB'], 'an address and a postcode'],
    [
      'Margaret Thomson           John McAllister came.',
      ['Margaret Thomson>MT', 'John McAllister>JM'],
      'two names a blanked-out citation apart',
    ],
    ['We met           Margaret Thomson today.', ['Margaret Thomson>MT'], 'a name right after a blanked-out citation'],
    ['Mrs D asked for her tea.', [], 'initials anonymise'],
    ['I met H and M before the shift.', [], 'single initials'],
    ['I asked Sarah to cover the shift.', [], 'a staff first name'],
    ['I spoke to Dr Patel and Nurse Anne Jones.', [], "professionals' titles"],
    ['The Care Inspectorate visited and the District Nurse called.', [], 'organisations and roles'],
    ['The Health and Social Care Standards apply to Rosebank Care Home.', [], 'documents and places'],
  ];
  for (const [sentence, expected, why] of cases) {
    it(`${expected.length ? 'flags' : 'leaves'} "${sentence}" (${why})`, () => {
      const found = findIdentifiable(sentence, analyse(sentence)).map((f) =>
        f.replacement ? `${f.text}>${f.replacement}` : f.text,
      );
      assert.deepEqual(found, expected);
    });
  }

  it('the quick fix edits every whole-word occurrence of the name', () => {
    const text = "Margaret Thomson came. I told Margaret Thomson's son. Margaret Thomsonia is not her.";
    const edits = anonymiseEdits(text, 'Margaret Thomson', 'MT');
    assert.deepEqual(
      edits.map((e) => text.slice(e.start, e.end)),
      ['Margaret Thomson', 'Margaret Thomson'],
    );
    let out = text;
    for (const e of [...edits].reverse()) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
    assert.equal(out, "MT came. I told MT's son. Margaret Thomsonia is not her.");
  });
});

describe('writing: diagnostics of an account', () => {
  const catalog = testCatalog();
  const text = [
    '---',
    'units: [LMCA5]',
    '---',
    '',
    'I would ask Margaret Thomson first (LMCA5/P1).',
    '',
    '<!-- tutor: Would John Smith agree? -->',
    '',
    '`I would not count this`',
    '',
  ].join('\n');
  const account = parseAccount('file:///ra.md', text, catalog.resolve);

  it('flags prose only, with the configured severities', () => {
    const found = computeWritingDiagnostics(account, text, { hypothetical: 'hint', identifiablePerson: 'warning' });
    assert.deepEqual(
      found.map((d) => [d.code, d.severity, text.slice(d.start, d.end)]),
      [
        ['hypothetical', 'hint', 'I would ask Margaret Thomson first (LMCA5/P1).'],
        ['identifiable-person', 'warning', 'Margaret Thomson'],
      ],
    );
  });

  it('a check set to off reports nothing', () => {
    const found = computeWritingDiagnostics(account, text, { hypothetical: 'off', identifiablePerson: 'error' });
    assert.deepEqual(
      found.map((d) => [d.code, d.severity]),
      [['identifiable-person', 'error']],
    );
  });

  it('reads the settings, with defaults and off', () => {
    assert.equal(readSettings({}).writingHypothetical, 'hint');
    assert.equal(readSettings({}).writingIdentifiablePerson, 'warning');
    const s = readSettings({
      writing: { hypothetical: 'off', identifiablePerson: 'error' },
      wordCount: { target: { min: 500, max: 1500 } },
    });
    assert.deepEqual(
      [s.writingHypothetical, s.writingIdentifiablePerson, s.wordCountTarget],
      ['off', 'error', { min: 500, max: 1500 }],
    );
    assert.equal(readSettings({ wordCount: { target: { min: 900, max: 100 } } }).wordCountTarget, undefined);
    assert.equal(readSettings({ writing: { hypothetical: 'loud' } }).writingHypothetical, 'hint');
  });
});

describe('writing: word count', () => {
  const catalog = testCatalog();
  const cases: Array<[string, number, string]> = [
    ['One two three.', 3, 'plain words'],
    ['---\ntitle: Four words here now\n---\nOne two (LMCA5/P1, P2) three.', 3, 'front matter and citations left out'],
    [
      '# A heading\n\nOne two.\n\n```\ncode words here\n```\n\n- three\n- four',
      4,
      'headings and code left out, list items in',
    ],
  ];
  for (const [text, words, why] of cases) {
    it(`${words} words: ${why}`, () =>
      assert.equal(accountWords(parseAccount('file:///a.md', text, catalog.resolve)), words));
  }
  const standings: Array<[number, { min?: number; max?: number } | undefined, string | undefined, string]> = [
    [499, { min: 500, max: 1500 }, 'below', '499 words (target 500–1,500)'],
    [500, { min: 500, max: 1500 }, 'within', '500 words (target 500–1,500)'],
    [1501, { min: 500, max: 1500 }, 'above', '1,501 words (target 500–1,500)'],
    [1, { max: 10 }, 'within', '1 word (target at most 10)'],
    [812, undefined, undefined, '812 words'],
  ];
  for (const [words, target, standing, label] of standings) {
    it(`${label}`, () => {
      assert.equal(wordCountStanding(words, target), standing);
      assert.equal(describeWordCount(words, target), label);
    });
  }
});

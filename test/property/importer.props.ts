/** Properties of the NOS importer (core/standards/importer.ts): robust on any text, exact on well-formed standards. */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { importNos } from '../../server/src/core/standards/importer';
import { validateUnitJson } from '../../server/src/core/standards/validateUnit';
import { noise } from './citationArbitraries';
import { anyText, lineEnding, withLineEndings } from './documentArbitraries';
import type { Prop } from './props';

const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);

/** Lines that mean something to the importer, in every layout, shuffled with noise. */
const NOS_LINES = [
  'Overview',
  'Performance criteria',
  'Performance Criteria — What you do',
  'Knowledge and understanding',
  'Scope/range related to performance criteria',
  'Scope/range related to knowledge and understanding',
  'Values',
  'Additional Information',
  'You must be able to:',
  'You need to know and understand:',
  '[bookmark: StartOverview]This standard is about care.',
  '[bookmark: P1]P1 Plan the rota',
  'P1 Plan the rota',
  'P2 review it',
  '- P3 Agree it K4 and more',
  'K1\tThe law',
  'K0 zero',
  'P1 again',
  '1\tone\t',
  '2\ttwo\t',
  '\tPerformance Criteria\tEvidence Number where this criteria has been met',
  '<i>',
  'Original URN\tLMCB5',
  'H7LP 04 (SCDLMCA5) — Manage the rota',
  'You must provide evidence to meet all the 3 performance criteria',
  'all the 2 knowledge points',
  'Developed by\tSkills for Care',
  'The candidate and assessor must only sign',
  'a\tb\tc\td\te',
  'Key people are those who matter',
  'continued in lower case',
  'Section heading',
  'Section heading (cont)',
  'Ⲁⲃⲅ OCR',
  '**bold**',
  '',
];
const nosSoup = fc
  .tuple(
    fc.array(fc.oneof({ weight: 4, arbitrary: pick(NOS_LINES) }, { weight: 1, arbitrary: noise }), { maxLength: 40 }),
    lineEnding,
    fc.boolean(),
  )
  .map(([lines, ending, bom]) => (bom ? '\ufeff' : '') + withLineEndings(lines.join('\n'), ending));

const cap = (w: string) => w[0].toUpperCase() + w.slice(1);
const word = pick([
  'care',
  'rota',
  'staff',
  'plan',
  'review',
  'people',
  'risk',
  'team',
  'record',
  'visit',
  'agree',
  'support',
  'safety',
]);
const phrase = (min: number, max: number) =>
  fc.array(word, { minLength: min, maxLength: max }).map((ws) => ws.join(' '));
const heading = fc.tuple(word, phrase(0, 3)).map(([w, p]) => `${cap(w)} ${p}`.trim() + ' work');
const item = fc
  .tuple(phrase(1, 8), fc.option(phrase(1, 6), { nil: undefined }))
  .map(([first, more]) => ({ first: cap(first), more }));
const section = fc.tuple(heading, fc.array(item, { minLength: 1, maxLength: 5 }));

/** A standard in the PDF-extraction layout: title, overview, sections of P and K items (some wrapped), URN. */
const wellFormed = fc
  .tuple(
    fc.tuple(word, phrase(1, 5)).map(([w, p]) => `Manage ${w} ${p}`),
    phrase(3, 12),
    fc.array(section, { minLength: 1, maxLength: 3 }),
    fc.array(section, { minLength: 1, maxLength: 3 }),
    fc.stringMatching(/^LMC[A-Z][1-9]$/),
    lineEnding,
  )
  .map(([title, overview, pSections, kSections, code, ending]) => {
    const lines = [
      title,
      '',
      'Overview',
      `This standard is about ${overview}.`,
      '',
      'Performance criteria',
      'You must be able to:',
    ];
    const criteria: Array<{ id: string; text: string; section: string }> = [];
    const emit = (kind: 'P' | 'K', sections: typeof pSections) => {
      let n = 0;
      for (const [name, items] of sections) {
        lines.push(name);
        for (const it of items) {
          n++;
          lines.push(`${kind}${n} ${it.first}`);
          if (it.more) lines.push(it.more);
          criteria.push({ id: `${kind}${n}`, text: it.more ? `${it.first} ${it.more}` : it.first, section: name });
        }
      }
    };
    emit('P', pSections);
    lines.push('', 'Knowledge and understanding', 'You need to know and understand:');
    emit('K', kSections);
    lines.push('', 'Developed by\tSkills for Care', `Original URN\t${code}`);
    return {
      text: withLineEndings(lines.join('\n'), ending),
      title,
      overview: `This standard is about ${overview}.`,
      code,
      criteria,
    };
  });

function checkWellShaped(text: string): void {
  const { unit, problems } = importNos(text);
  assert.ok(
    !problems.some((p) => p.message.startsWith('Import failed')),
    `the importer crashed: ${problems[0]?.message}`,
  );
  const lineCount = text.split(/\r\n|\r|\n/).length;
  for (const p of problems) {
    assert.ok(typeof p.message === 'string' && p.message.length > 0);
    if (p.line !== undefined)
      assert.ok(
        Number.isInteger(p.line) && p.line >= 1 && p.line <= lineCount,
        `problem line ${p.line} of ${lineCount}`,
      );
  }
  const ids = new Set<string>();
  let last: { kind: string; number: number } | undefined;
  for (const c of unit.criteria) {
    assert.equal(c.id, `${c.kind}${c.number}`);
    assert.ok(c.number >= 1 && !ids.has(c.id), `${c.id} unique and numbered from 1`);
    ids.add(c.id);
    assert.equal(c.text, c.text.replace(/\s+/g, ' ').trim(), `${c.id} text is normalised`);
    if (last) assert.ok(last.kind === c.kind ? last.number < c.number : last.kind === 'P', 'P before K, each in order');
    last = c;
  }
  if (problems.length === 0)
    assert.deepEqual(validateUnitJson(JSON.stringify(unit)).problems, [], 'a clean import is a valid unit');
}

export const importerProps: Prop[] = [
  {
    name: 'importNos never throws, never crashes inside, and returns well-formed criteria with problems on real lines',
    quickRuns: 150,
    fuzzShare: 15_000,
    property: () => fc.property(fc.oneof(nosSoup, anyText), checkWellShaped),
  },
  {
    name: 'importNos is deterministic',
    quickRuns: 50,
    fuzzShare: 2_000,
    property: () =>
      fc.property(nosSoup, (text) => assert.deepEqual(importNos(text), importNos(text.split('').join('')))),
  },
  {
    name: 'a well-formed standard imports exactly: code, title, overview, every item with its section, no problems',
    quickRuns: 100,
    fuzzShare: 5_000,
    property: () =>
      fc.property(wellFormed, (nos) => {
        const { unit, problems } = importNos(nos.text);
        assert.deepEqual(problems, []);
        assert.equal(unit.code, nos.code);
        assert.equal(unit.codeConfirmed, true);
        assert.equal(unit.title, nos.title);
        assert.equal(unit.overview, nos.overview);
        assert.deepEqual(
          unit.criteria.map((c) => ({ id: c.id, text: c.text, section: c.section })),
          nos.criteria,
        );
        assert.deepEqual(validateUnitJson(JSON.stringify(unit)).problems, []);
      }),
  },
];

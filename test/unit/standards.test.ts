import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { buildAllStandards, buildStandards } from '../../scripts/build-standards';
import type { UnitData } from '../../server/src/core/standards/unit';

const ROOT = path.resolve(__dirname, '../..');
const STANDARDS = path.join(ROOT, 'standards');
const BUNDLED = ['LMCA5', 'LMCB2', 'LMCQ1', 'LMCB5', 'LMCA4'];

function load(code: string): UnitData {
  return JSON.parse(fs.readFileSync(path.join(STANDARDS, `${code}.json`), 'utf8')) as UnitData;
}

function item(unit: UnitData, id: string) {
  const found = unit.criteria.find((c) => c.id === id);
  assert.ok(found, `${unit.code} has no ${id}`);
  return found;
}

describe('bundled standards (standards/*.json)', () => {
  it('are exactly what scripts/build-standards.ts generates from the sources, byte for byte', () => {
    const build = buildStandards(ROOT);
    assert.deepEqual(build.problems, []);
    for (const unit of build.units) assert.deepEqual(unit.problems, [], unit.output);
    const files = buildAllStandards(ROOT);
    assert.deepEqual([...files.keys()].sort(), BUNDLED.map((c) => `${c}.json`).sort());
    for (const [name, json] of files) {
      assert.equal(
        fs.readFileSync(path.join(STANDARDS, name), 'utf8'),
        json,
        `standards/${name} is out of date: run npx tsx scripts/build-standards.ts`,
      );
    }
  });

  it('validate against standards/schema.json', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(STANDARDS, 'schema.json'), 'utf8'));
    const validate = new Ajv({ allErrors: true }).compile(schema);
    for (const code of BUNDLED) {
      const ok = validate(load(code));
      assert.ok(ok, `${code}: ${JSON.stringify(validate.errors)}`);
    }
  });

  it('schema rejects malformed units', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(STANDARDS, 'schema.json'), 'utf8'));
    const validate = new Ajv().compile(schema);
    const good = load('LMCA5');
    assert.equal(validate({ ...good, code: 'lmca5' }), false);
    assert.equal(validate({ ...good, criteria: [{ ...good.criteria[0], id: 'P01' }] }), false);
    assert.equal(validate({ ...good, criteria: [{ ...good.criteria[0], extra: 1 }] }), false);
    const { title: _title, ...untitled } = good;
    assert.equal(validate(untitled), false);
  });

  it('every property in the schema has a description (users write these files by hand)', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(STANDARDS, 'schema.json'), 'utf8'));
    const walk = (node: Record<string, unknown>, where: string): void => {
      const properties = node.properties as Record<string, Record<string, unknown>> | undefined;
      for (const [name, child] of Object.entries(properties ?? {})) {
        assert.ok(typeof child.description === 'string' && child.description.length > 0, `${where}.${name}`);
        walk(child, `${where}.${name}`);
      }
      for (const [name, child] of Object.entries((node.definitions ?? {}) as Record<string, Record<string, unknown>>)) {
        walk(child, `definitions.${name}`);
      }
    };
    walk(schema, '$');
  });

  it('have the expected counts, contiguous and in order', () => {
    const counts: Record<string, [number, number]> = {
      LMCA5: [29, 100],
      LMCB2: [45, 107],
      LMCQ1: [34, 101],
      LMCB5: [34, 100],
      LMCA4: [46, 99],
    };
    for (const code of BUNDLED) {
      const unit = load(code);
      const [p, k] = counts[code];
      const ids = [
        ...Array.from({ length: p }, (_, i) => `P${i + 1}`),
        ...Array.from({ length: k }, (_, i) => `K${i + 1}`),
      ];
      assert.deepEqual(
        unit.criteria.map((c) => c.id),
        ids,
        code,
      );
      for (const c of unit.criteria) assert.equal(c.id, `${c.kind}${c.number}`);
    }
  });

  it('carry the codes, aliases and flags of SPEC.md', () => {
    const expected: Record<string, { aliases: string[]; codeConfirmed: boolean; titleDerived: boolean }> = {
      LMCA5: { aliases: ['SCDLMCA5', 'H7LP 04'], codeConfirmed: true, titleDerived: false },
      LMCB2: { aliases: ['SCDLMCB2', 'H7LR 04'], codeConfirmed: true, titleDerived: false },
      LMCQ1: { aliases: [], codeConfirmed: false, titleDerived: true },
      LMCB5: { aliases: ['SCDLMCB5'], codeConfirmed: true, titleDerived: false },
      LMCA4: { aliases: ['SCDLMCA4', 'H7LN 04'], codeConfirmed: false, titleDerived: true },
    };
    for (const code of BUNDLED) {
      const unit = load(code);
      assert.equal(unit.code, code);
      assert.deepEqual(
        { aliases: unit.aliases, codeConfirmed: unit.codeConfirmed, titleDerived: unit.titleDerived },
        expected[code],
        code,
      );
      assert.ok(unit.title.length > 0 && unit.overview.startsWith('This standard identifies'), code);
    }
    assert.equal(
      load('LMCQ1').title,
      'Lead and manage the quality of care service provision to meet legislative, regulatory, registration and inspection requirements',
    );
    assert.equal(
      load('LMCA4').title,
      "Manage and supervise workers to carry out care and support within individuals' homes",
    );
  });

  it('spot-check first and last items of every unit', () => {
    const checks: Array<[string, string, string, string]> = [
      [
        'LMCA5',
        'P1',
        'Lead work with individuals, key people and others to identify areas of work that will meet the operational plans and priorities of the service provision and positive outcomes for individuals.',
        'Lead and manage the identification and allocation of priority areas of work within the service provision',
      ],
      [
        'LMCA5',
        'P29',
        'Make recommendations to address areas to be improved and any changes to performance indicators.',
        'Critically evaluate the achievement of agreed areas of work',
      ],
      [
        'LMCA5',
        'K1',
        'Legal and work setting requirements on equality, diversity, discrimination and rights.',
        'Rights',
      ],
      [
        'LMCA5',
        'K100',
        'How to select and apply different methods for encouraging and supporting others and recognising achievements.',
        'Knowledge that is Specific to this NOS',
      ],
      [
        'LMCB2',
        'P1',
        'Implement systems, procedures and practice that support person centred approaches that contribute to the identification and achievement of positive outcomes for individuals .',
        'Lead and manage service provision that involves individuals in decisions about the outcomes they wish to achieve',
      ],
      [
        'LMCB2',
        'P45',
        'Critically evaluate the use of systems, procedures and practice in supporting the health needs of individuals.',
        "Manage practice that supports the achievement of positive outcomes for individuals' health",
      ],
      [
        'LMCB2',
        'K1',
        'Legal and work setting requirements on equality, diversity, discrimination and rights.',
        'Rights',
      ],
      [
        'LMCB2',
        'K107',
        'How the roles, responsibilities and accountabilities of different health professionals contribute to promoting the wellbeing of individuals.',
        'Knowledge that is Specific to this NOS',
      ],
      [
        'LMCQ1',
        'P1',
        'ensure that workers are provided with a written job description and person specification that outlines their role, responsibilities and accountabilities',
        'Manage systems, procedures and practice that comply with legislative, regulatory, registration and inspection requirements',
      ],
      [
        'LMCQ1',
        'P34',
        'lead work with individuals, key people and others to revise quality indicators for the future monitoring and measurement of the performance of the service provision',
        'Critically evaluate quality measurement systems, procedures and practice',
      ],
      [
        'LMCQ1',
        'K1',
        'legal and work setting requirements on equality, diversity, discrimination and rights',
        'Rights',
      ],
      [
        'LMCQ1',
        'K101',
        'business models and tools that support the identification of strengths, weaknesses, opportunities and threats for the service provision',
        'Specific to this NOS',
      ],
      [
        'LMCB5',
        'P1',
        'ensure that individuals, key people, workers and others are aware of the roles and responsibilities of those involved with assessment plans and reviews',
        'Lead and manage the development, delivery and evaluation of assessments, plans and reviews in the service provision',
      ],
      [
        'LMCB5',
        'P34',
        'use evidence to record and report on how conflicts or issues were resolved',
        'Critically evaluate systems, procedures and practice for assessments, plans and reviews',
      ],
      [
        'LMCB5',
        'K1',
        'legal and work setting requirements on equality, diversity, discrimination and rights',
        'Rights',
      ],
      ['LMCB5', 'K100', 'methods of assessment, planning and review', 'Specific to this NOS'],
      [
        'LMCA4',
        'P1',
        'follow legislative, regulatory and organisational requirements when providing workers to carry out care and support for individuals in their home',
        'Manage the systems and processes that support workers to carry out care and support for individuals in their home',
      ],
      [
        'LMCA4',
        'P46',
        'review contingency arrangements for unplanned and unforeseen circumstances',
        'Manage response to day to day changes and emergencies',
      ],
      [
        'LMCA4',
        'K1',
        'legal and work setting requirements on equality, diversity, discrimination and rights',
        'Rights',
      ],
      [
        'LMCA4',
        'K99',
        'how to manage potential or actual situations of conflict or tension between workers or with individuals and key people',
        'Specific to this NOS',
      ],
    ];
    for (const [code, id, text, section] of checks) {
      const found = item(load(code), id);
      assert.equal(found.text, text, `${code}/${id} text`);
      assert.equal(found.section, section, `${code}/${id} section`);
    }
  });

  it('LMCB5 K45 reads "…performance of others" after the erratum, like the other units', () => {
    for (const code of BUNDLED) {
      assert.match(
        item(load(code), 'K45').text,
        /^how to use supervision to support the practice and performance of others\.?$/i,
        code,
      );
    }
  });

  it('contain no layout noise in any item text, section or glossary entry', () => {
    for (const code of BUNDLED) {
      const unit = load(code);
      const texts = [
        unit.title,
        unit.overview,
        ...unit.criteria.flatMap((c) => [c.text, c.section]),
        ...unit.glossary.map((g) => g.text),
      ];
      for (const text of texts) {
        const where = `${code}: ${text.slice(0, 60)}`;
        assert.ok(!text.includes('[bookmark'), where);
        assert.ok(!text.includes('**'), where);
        assert.ok(!/\t/.test(text), where);
        assert.ok(!/\s{2}/.test(text), where);
        assert.equal(text, text.trim(), where);
        assert.ok(!/\(cont\)/i.test(text), where);
        assert.ok(!/Evidence Number|<i>|You need to know and|You must be able to/.test(text), where);
        // Only Latin letters: OCR garbage in the PDF source brought Arabic digits and dotless i's.
        for (const ch of text) {
          if (/\p{L}/u.test(ch)) assert.ok(/[A-Za-z\u00C0-\u00FF]/.test(ch), `${where}: unexpected letter ${ch}`);
          else assert.ok(!/\p{N}/u.test(ch) || /[0-9]/.test(ch), `${where}: unexpected digit ${ch}`);
        }
      }
      for (const c of unit.criteria) {
        assert.ok(
          !c.text.includes('Lead and manage systems, procedures and practice for assessments'),
          `${code}/${c.id}: page header`,
        );
        assert.ok(!/\b[PK]\d+\b/.test(c.text), `${code}/${c.id}: merged item`);
      }
    }
  });
});

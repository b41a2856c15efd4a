import { strict as assert } from 'node:assert';
import { applyErrata, Erratum } from '../../server/src/core/standards/errata';
import { imported, item } from './importerSources';

describe('applyErrata', () => {
  const erratum: Erratum = {
    unit: 'LMCB5',
    id: 'K45',
    find: 'performance of',
    replace: 'performance of others',
    why: 'test',
  };

  it('restores the word LMCB5 K45 lost at the page edge, without touching the input', () => {
    const before = imported('LMCB5').unit;
    const { unit, applied, problems } = applyErrata(before, [erratum]);
    assert.deepEqual(problems, []);
    assert.deepEqual(applied, [erratum]);
    assert.equal(item(unit, 'K45').text, 'how to use supervision to support the practice and performance of others');
    assert.equal(item(before, 'K45').text, 'how to use supervision to support the practice and performance of');
  });

  it('ignores errata for other units and matches aliases', () => {
    const unit = imported('LMCA5').unit;
    assert.deepEqual(applyErrata(unit, [erratum]).applied, []);
    const viaAlias = applyErrata(imported('LMCB5').unit, [{ ...erratum, unit: 'lmcb5' }]);
    assert.equal(viaAlias.applied.length, 1);
  });

  it('refuses, with a problem, when the source has changed or was already fixed', () => {
    const fixed = applyErrata(imported('LMCB5').unit, [erratum]).unit;
    const again = applyErrata(fixed, [erratum]);
    assert.equal(item(again.unit, 'K45').text, item(fixed, 'K45').text);
    assert.equal(again.problems.length, 1);
    const missing = applyErrata(fixed, [{ ...erratum, find: 'no such words' }]);
    assert.match(missing.problems[0], /not present/);
    const unknown = applyErrata(fixed, [{ ...erratum, id: 'K999' }]);
    assert.match(unknown.problems[0], /no such criterion/);
    const ambiguous = applyErrata(fixed, [{ ...erratum, id: 'K1', find: 'and', replace: '&' }]);
    assert.match(ambiguous.problems[0], /occurs/);
  });
});

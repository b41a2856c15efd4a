import { strict as assert } from 'node:assert';
import { deriveTitleFromOverview, gerundToBase, glossaryTerm } from '../../server/src/core/standards/importer-text';

describe('text helpers', () => {
  it('turns gerunds into base forms', () => {
    const pairs: Array<[string, string]> = [
      ['leading', 'lead'],
      ['managing', 'manage'],
      ['supervising', 'supervise'],
      ['planning', 'plan'],
      ['evaluating', 'evaluate'],
      ['developing', 'develop'],
      ['providing', 'provide'],
      ['Ensuring', 'Ensure'],
    ];
    for (const [gerund, base] of pairs) assert.equal(gerundToBase(gerund), base);
    assert.equal(gerundToBase('thing'), undefined);
  });

  it('derives a title from the first sentence only', () => {
    assert.equal(
      deriveTitleFromOverview(
        'This standard identifies the requirements when planning, developing and evaluating services. More text.',
      ),
      'Plan, develop and evaluate services',
    );
    assert.equal(deriveTitleFromOverview('No pattern here.'), undefined);
  });

  it('finds the defined term with a general rule', () => {
    assert.equal(glossaryTerm('Key people are those who are important'), 'Key people');
    assert.equal(glossaryTerm('The **individual** is the person'), 'Individual');
    assert.equal(glossaryTerm('Lone working practice these would include risk assessments'), 'Lone working practice');
    assert.equal(glossaryTerm('Depending on how it is used the power and influence of leaders'), '');
    assert.equal(glossaryTerm('Quantitative numerical and statistical data collected about a topic'), 'Quantitative');
  });
});

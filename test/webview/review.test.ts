/**
 * The review in the coverage panel (#16), in Chromium: the three states (not cited, cited, cited and accepted)
 * and "changed since accepted" on the cells, the decision in a cell's detail with its buttons, the 'decide'
 * message they post, and hostile text in decisions shown as text. Screenshots in test-artifacts/webview/.
 */
import { strict as assert } from 'node:assert';
import type { Page } from 'playwright-core';
import type { CoverageResult, PortfolioReviewDto } from '../../server/src/protocol';
import { FOLDER, portfolio, unitDto } from './fixtures';
import { panelPerTest, posted, postToPanel, screenshot } from './harness';

/** In the fixtures P3 and P6 are covered, P1 partial, P2 not cited. */
function reviewed(review: Partial<PortfolioReviewDto> = {}): CoverageResult {
  const p = portfolio([unitDto('LMCA5')]);
  p.review = {
    file: `${FOLDER}/.assessment.yaml`,
    exists: true,
    problems: [],
    openThreads: 2,
    decided: {
      'LMCA5/P3': { state: 'accepted', decision: { decision: 'accepted', by: 'J Smith', at: '2026-12-06T17:50:00Z' } },
      'LMCA5/P6': { state: 'changed', decision: { decision: 'accepted', by: 'J Smith', at: '2026-12-05T10:00:00Z' } },
      'LMCA5/P1': {
        state: 'cited',
        decision: {
          decision: 'not-yet',
          by: 'A Verifier',
          at: '2026-12-06T09:00:00Z',
          reason: 'Say how you <b>checked</b>',
        },
      },
    },
    ...review,
  };
  return { portfolios: [p] };
}

describe('coverage panel: the review (webview in chromium)', function () {
  this.timeout(60000);
  const panel = panelPerTest();
  let page: Page;
  beforeEach(() => {
    page = panel.page;
  });

  const cell = (id: string) => page.locator(`.unit[data-code="LMCA5"] .cell[data-id="${id}"]`);

  it('shows not cited, cited, cited and accepted, and changed since accepted on the cells, in words too', async () => {
    await postToPanel(page, { type: 'coverage', data: reviewed() });
    await cell('P3').waitFor();
    assert.deepEqual(
      await Promise.all(['P2', 'P1', 'P3', 'P6', 'P9'].map((id) => cell(id).getAttribute('data-review'))),
      ['not-cited', 'cited', 'accepted', 'changed', 'cited'],
    );
    assert.equal(await cell('P3').evaluate((e) => e.classList.contains('review-accepted')), true);
    assert.equal(await cell('P6').evaluate((e) => e.classList.contains('review-changed')), true);
    assert.equal(
      await cell('P9').evaluate(
        (e) => e.classList.contains('review-accepted') || e.classList.contains('review-changed'),
      ),
      false,
    );
    assert.match(
      (await cell('P3').getAttribute('aria-label')) ?? '',
      /— cited and accepted \(accepted by J Smith on 2026-12-06\)$/,
    );
    assert.match((await cell('P6').getAttribute('title')) ?? '', /changed since accepted/);
    // The check mark and the dashed outline differ in shape, not only colour.
    assert.equal(await cell('P3').evaluate((e) => getComputedStyle(e, '::before').content), '"✓"');
    assert.equal(await cell('P6').evaluate((e) => getComputedStyle(e).outlineStyle), 'dashed');
    assert.match(
      (await page.locator('#status').textContent()) ?? '',
      /2 open review threads · 1 accepted · 1 changed since accepted/,
    );
    assert.match((await page.locator('#legend').textContent()) ?? '', /cited and accepted.*changed since accepted/);
    await screenshot(page, 'review-states');
  });

  it("a cell's detail shows the decision and posts decide for accept, not yet, refer and clear", async () => {
    await postToPanel(page, { type: 'coverage', data: reviewed() });
    await cell('P6').click();
    const detail = page.locator('.unit[data-code="LMCA5"] .detail .review');
    await detail.waitFor();
    assert.equal(await detail.locator('.review-chip').textContent(), 'changed since accepted');
    assert.equal(await detail.locator('.review-decision').textContent(), 'accepted by J Smith on 2026-12-05');
    await detail.locator('button.decide-accepted').click();
    await cell('P1').click();
    const p1 = page.locator('.unit[data-code="LMCA5"] .detail .review[data-criterion="LMCA5/P1"]');
    await p1.waitFor();
    assert.equal(
      await p1.locator('.review-decision').textContent(),
      'not yet by A Verifier on 2026-12-06: Say how you <b>checked</b>',
    );
    assert.equal(await p1.locator('b').count(), 0, 'a reason is text, never markup');
    await p1.locator('button.decide-referred').click();
    await p1.locator('button.decide-clear').click();
    await cell('P2').click();
    const p2 = page.locator('.unit[data-code="LMCA5"] .detail .review[data-criterion="LMCA5/P2"]');
    await p2.waitFor();
    assert.equal(
      await p2.locator('button.decide-accepted').isDisabled(),
      true,
      'nothing to accept where nothing is cited',
    );
    assert.equal(await p2.locator('button.decide-clear').count(), 0);
    await p2.locator('button.decide-not-yet').click();
    await cell('P1').click();
    await screenshot(page, 'review-detail');
    const decides = (await posted(page)).filter((m) => m.type === 'decide');
    assert.deepEqual(decides, [
      { type: 'decide', folder: FOLDER, criterion: 'LMCA5/P6', decision: 'accepted' },
      { type: 'decide', folder: FOLDER, criterion: 'LMCA5/P1', decision: 'referred' },
      { type: 'decide', folder: FOLDER, criterion: 'LMCA5/P1', decision: null },
      { type: 'decide', folder: FOLDER, criterion: 'LMCA5/P2', decision: 'not-yet' },
    ]);
  });

  it('updates a cell in place when a decision arrives, keeping the detail open', async () => {
    await postToPanel(page, { type: 'coverage', data: reviewed({ decided: {} }) });
    await cell('P9').click();
    await page.locator('.detail .review-chip').waitFor();
    assert.equal(await page.locator('.detail .review-chip').textContent(), 'cited');
    await postToPanel(page, {
      type: 'coverage',
      data: reviewed({
        decided: {
          'LMCA5/P9': {
            state: 'accepted',
            decision: { decision: 'accepted', by: 'J Smith', at: '2026-12-07T10:00:00Z' },
          },
        },
      }),
    });
    await page.locator('.detail .review-chip.review-accepted').waitFor();
    assert.equal(await cell('P9').getAttribute('data-review'), 'accepted');
    assert.equal(await page.locator('.detail button.decide-accepted').isDisabled(), true);
  });

  it('ignores a malformed review and still shows coverage', async () => {
    const data = reviewed();
    (data.portfolios[0] as unknown as { review: unknown }).review = { file: 3, decided: 'x' };
    await postToPanel(page, { type: 'coverage', data });
    await cell('P3').waitFor();
    assert.equal(await cell('P3').getAttribute('data-review'), 'cited');
    const bad = reviewed();
    (bad.portfolios[0].review!.decided as Record<string, unknown>)['LMCA5/P9'] = {
      state: 'bogus',
      decision: { decision: 'accepted' },
    };
    await postToPanel(page, { type: 'coverage', data: bad });
    await page.waitForFunction(
      () => document.querySelector('.cell[data-id="P6"]')?.getAttribute('data-review') === 'changed',
    );
    assert.equal(await cell('P9').getAttribute('data-review'), 'cited');
  });
});

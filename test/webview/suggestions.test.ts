/**
 * The panel's suggestions section and word counts in a real browser: the criteria the paragraph under the
 * cursor may evidence, a click that asks the host to cite one, hostile text kept as text, and each account's
 * word count marked against the portfolio's target. Screenshot: test-artifacts/webview/suggestions.png.
 */
import { strict as assert } from 'node:assert';
import type { Page } from 'playwright-core';
import type { CoverageResult } from '../../server/src/protocol';
import { portfolio, unitDto } from './fixtures';
import { panelPerTest, posted, postToPanel, screenshot } from './harness';

const SUGGESTIONS = {
  type: 'suggestions',
  account: 'ra1.md',
  line: 13,
  suggestions: [
    {
      code: 'LMCA5/P5',
      text: 'Allocate work to workers taking account of their skills and workload.',
      why: ['skills', 'workload'],
      covered: false,
    },
    { code: 'LMCA5/K47', text: 'How to allocate work <b>fairly</b>.', why: ['allocate'], covered: true },
  ],
};

describe('coverage panel: suggestions and word counts (webview in chromium)', function () {
  this.timeout(60000);
  const panel = panelPerTest();
  let page: Page;
  beforeEach(() => {
    page = panel.page;
  });

  it('lists the suggestions with their text and shared words, and posts cite on click', async () => {
    assert.ok(await page.locator('#suggestions').isHidden(), 'hidden until the host sends suggestions');
    await postToPanel(page, SUGGESTIONS);
    await page.locator('button.suggestion').nth(1).waitFor();
    assert.deepEqual(await page.locator('button.suggestion .code').allTextContents(), ['LMCA5/P5', 'LMCA5/K47']);
    assert.equal(await page.locator('button.suggestion .badge').count(), 1, 'only the uncovered one is badged');
    assert.equal(
      await page.locator('button.suggestion .text').nth(1).textContent(),
      'How to allocate work <b>fairly</b>.',
    );
    assert.equal(await page.locator('button.suggestion .why').first().textContent(), 'shares: skills, workload');
    assert.match((await page.locator('#suggestions .hint').textContent()) ?? '', /^ra1\.md, paragraph at line 13/);
    await screenshot(page, 'suggestions');
    await page.locator('button.suggestion').first().click();
    assert.deepEqual(
      (await posted(page)).filter((m) => m.type === 'cite'),
      [{ type: 'cite', code: 'LMCA5/P5' }],
    );
  });

  it('says where to put the cursor when there is no paragraph, and drops malformed entries', async () => {
    await postToPanel(page, { type: 'suggestions', account: 'ra1.md', line: null, suggestions: [] });
    await page.locator('#suggestions .hint').waitFor();
    assert.match((await page.locator('#suggestions .hint').textContent()) ?? '', /Put the cursor in a paragraph/);
    await postToPanel(page, { ...SUGGESTIONS, suggestions: [{ text: 'no code' }, 7, SUGGESTIONS.suggestions[0]] });
    await page.locator('button.suggestion').first().waitFor();
    assert.equal(await page.locator('button.suggestion').count(), 1);
  });

  it("shows each account's words, marked outside the target range", async () => {
    const data: CoverageResult = {
      portfolios: [{ ...portfolio([unitDto('LMCA5')]), wordTarget: { min: 500, max: 1500 } }],
    };
    data.portfolios[0].accounts = data.portfolios[0].accounts.map((a, i) => ({
      ...a,
      words: [320, 800, 1600, 1000][i] ?? 0,
    }));
    await postToPanel(page, { type: 'coverage', data });
    await page.locator('#accounts summary').click();
    await page.locator('#accounts .words').first().waitFor();
    const words = await page.locator('#accounts .words').allTextContents();
    assert.deepEqual(words.slice(0, 3), ['320 words, below target', '800 words', '1,600 words, above target']);
    assert.equal(await page.locator('#accounts .words.off-target').count(), 2);
  });
});

/**
 * The coverage panel in a real browser: rendering several units, filter, search, selecting a cell and revealing
 * a citation, keyboard use, themes, hostile text, live updates in place, state restore, focus and bad messages.
 * Screenshots go to test-artifacts/webview/.
 */
import { strict as assert } from 'node:assert';
import type { Page } from 'playwright-core';
import type { CoverageResult } from '../../server/src/protocol';
import { ACCOUNTS, FOLDER, portfolio, stateFor, threeUnits, unitDto } from './fixtures';
import { type Harness, NONCE, openPanel, panelPerTest, posted, postToPanel, screenshot, setTheme } from './harness';

const coverage = (data: CoverageResult = threeUnits()) => ({ type: 'coverage', data });
const visibleCells = (page: Page, scope = '') => page.locator(`${scope} .cell:visible`);
/** The last reveal the panel posted ('state' messages come and go on their own timer). */
const lastReveal = async (page: Page) => (await posted(page)).filter((m) => m.type === 'reveal').at(-1);

describe('coverage panel (webview in chromium)', function () {
  this.timeout(60000);
  const panel = panelPerTest();
  let page: Page;
  let h: Harness;
  beforeEach(() => {
    page = panel.page;
    h = panel.h;
  });

  it('carries a strict CSP with a nonce and says ready', async () => {
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    assert.match(
      csp ?? '',
      new RegExp(`^default-src 'none'; script-src 'nonce-${NONCE}'; style-src ${h.origin}; img-src ${h.origin}`),
    );
    assert.deepEqual((await posted(page))[0], { type: 'ready' });
  });

  it('renders several units: headers, flags, progress and every criterion coloured by state', async () => {
    const data = threeUnits();
    await postToPanel(page, coverage(data));
    await page.locator('.unit').nth(2).waitFor();
    assert.deepEqual(await page.locator('.unit .unit-code').allTextContents(), ['LMCA5', 'LMCB2', 'LMCQ1']);
    const lmcq1 = page.locator('.unit[data-code="LMCQ1"]');
    assert.equal(await lmcq1.locator('.tag:visible').count(), 2, 'code unconfirmed and title derived');
    assert.equal(await page.locator('.unit[data-code="LMCA5"] .tag:visible').count(), 0);
    for (const unit of data.portfolios[0].units) {
      const section = page.locator(`.unit[data-code="${unit.code}"]`);
      assert.equal(await section.locator('.cell').count(), unit.criteria.length);
      const bar = section.locator('.progress-P [role="progressbar"]');
      assert.equal(await bar.getAttribute('aria-valuenow'), String(unit.covered.P));
      assert.equal(await bar.getAttribute('aria-valuemax'), String(unit.total.P));
      assert.equal(
        await section.locator('.progress-K .progress-count').textContent(),
        `${unit.covered.K}/${unit.total.K}`,
      );
    }
    const p3 = page.locator('.unit[data-code="LMCA5"] .cell[data-id="P3"]');
    assert.match((await p3.getAttribute('class')) ?? '', /state-covered/);
    const p2 = page.locator('.unit[data-code="LMCA5"] .cell[data-id="P2"]');
    const p2Text = data.portfolios[0].units[0].criteria.find((c) => c.id === 'P2')!.text;
    assert.equal(await p2.getAttribute('aria-label'), `P2 not yet covered: ${p2Text}`);
    assert.match(
      (await p2.getAttribute('title')) ?? '',
      new RegExp(`^P2 — ${p2Text.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
    );
    assert.match(
      (await page.locator('.unit[data-code="LMCA5"] .cell[data-id="P11"]').getAttribute('class')) ?? '',
      /state-partial single/,
    );
    assert.ok(
      (await page.locator('.unit[data-code="LMCA5"] [role="row"] [role="rowheader"]').count()) > 3,
      'section headings',
    );
    assert.match(
      (await page.locator('#status').textContent()) ?? '',
      /3 units in scope · 4 accounts · covered when cited in 2 accounts/,
    );
    await screenshot(page, 'dark-three-units');
    await screenshot(page, 'dark-three-units-full', true);
  });

  it('filters to criteria not yet covered', async () => {
    await postToPanel(page, coverage());
    await page.locator('.unit').first().waitFor();
    const all = await visibleCells(page).count();
    await page.getByLabel('Not yet covered only').check();
    await page.waitForFunction(() => !document.querySelector('.cell.state-covered:not([hidden])'));
    const shown = await visibleCells(page).count();
    assert.ok(shown > 0 && shown < all);
    assert.equal(await page.locator('.cell.state-covered:visible').count(), 0);
    assert.equal(
      (await page.evaluate(() => (window as unknown as { __state: { filter: string } }).__state)).filter,
      'uncovered',
    );
    await screenshot(page, 'dark-filter-uncovered');
  });

  it('searches by code and by words of the text', async () => {
    await postToPanel(page, coverage());
    await page.locator('.unit').first().waitFor();
    await page.locator('#search').fill('lmca5/p2');
    await page.waitForFunction(() => document.querySelector('#status')?.textContent?.includes('match'));
    const ids = await visibleCells(page).evaluateAll((cells) =>
      cells.map((c) => `${c.getAttribute('data-unit')}/${c.getAttribute('data-id')}`),
    );
    assert.ok(ids.length > 0 && ids.every((id) => id.startsWith('LMCA5/P2')), ids.join());
    assert.equal(await page.locator('.unit:visible').count(), 1, 'units without matches are hidden');
    await page.locator('#search').fill('supervision');
    await page.waitForFunction(() => /“supervision”/.test(document.querySelector('#status')?.textContent ?? ''));
    const titles = await visibleCells(page).evaluateAll((cells) => cells.map((c) => c.getAttribute('title') ?? ''));
    assert.ok(titles.length > 0 && titles.every((t) => /supervision/i.test(t)));
    assert.match((await page.locator('#status').textContent()) ?? '', new RegExp(`^${titles.length} criteri`));
    await screenshot(page, 'dark-search');
  });

  it('clicking a cell lists its citations; clicking one posts a reveal message', async () => {
    await postToPanel(page, coverage());
    const cell = page.locator('.unit[data-code="LMCB2"] .cell[data-id="P6"]');
    await cell.click();
    assert.equal(await cell.getAttribute('aria-selected'), 'true');
    const detail = page.locator('.unit[data-code="LMCB2"] .detail');
    await detail.waitFor();
    assert.match((await detail.locator('h3').textContent()) ?? '', /^LMCB2\/P6 covered: 2 accounts/);
    const buttons = detail.locator('button.citation');
    assert.equal(await buttons.count(), 2);
    assert.match((await buttons.first().textContent()) ?? '', /RA1ra1\.md, line \d+Account number 1/);
    await screenshot(page, 'dark-detail');
    await buttons.nth(1).click();
    const criterion = threeUnits().portfolios[0].units[1].criteria.find((c) => c.id === 'P6')!;
    const expected = criterion.citations[1];
    assert.deepEqual(await lastReveal(page), {
      type: 'reveal',
      uri: ACCOUNTS[expected.account].uri,
      line: expected.line,
      character: expected.character,
    });
    assert.equal(
      (await page.evaluate(() => (window as unknown as { __state: { selected: string } }).__state)).selected,
      'LMCB2/P6',
    );
  });

  it('tutor notes and accounts open their place too', async () => {
    await postToPanel(page, coverage());
    await page.locator('#accounts summary').click();
    await page.locator('button.note-link').click();
    assert.deepEqual(await lastReveal(page), { type: 'reveal', uri: ACCOUNTS[1].uri, line: 14, character: 0 });
    await page.locator('#accounts button.citation').first().click();
    assert.deepEqual(await lastReveal(page), { type: 'reveal', uri: ACCOUNTS[0].uri, line: 0, character: 0 });
  });

  it('works from the keyboard: one tab stop per grid, arrows, Home/End, Enter selects', async () => {
    await postToPanel(page, coverage());
    const grid = page.locator('.unit[data-code="LMCA5"] [role="grid"]');
    await grid.locator('.cell').first().waitFor();
    assert.equal(await grid.locator('.cell[tabindex="0"]').count(), 1);
    await page.locator('#uncovered').focus();
    await page.keyboard.press('Tab');
    const focusedId = () =>
      page.evaluate(
        () => `${document.activeElement?.getAttribute('data-unit')}/${document.activeElement?.getAttribute('data-id')}`,
      );
    assert.equal(await focusedId(), 'LMCA5/P1');
    await page.keyboard.press('ArrowRight');
    assert.equal(await focusedId(), 'LMCA5/P2');
    const top = () => page.evaluate(() => document.activeElement!.getBoundingClientRect().top);
    const before = await top();
    await page.keyboard.press('ArrowDown');
    assert.ok((await top()) > before, 'ArrowDown moves to the line below');
    await page.keyboard.press('ArrowUp');
    assert.equal(await top(), before);
    await page.keyboard.press('Control+End');
    assert.equal(await focusedId(), 'LMCA5/K100');
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('End');
    const endOfSection = await focusedId();
    assert.notEqual(endOfSection, 'LMCA5/P1');
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    assert.equal(await focusedId(), 'LMCA5/P3');
    await page.keyboard.press('Enter');
    assert.equal(await page.locator('.cell[aria-selected="true"]').count(), 1);
    assert.equal(await grid.locator('.cell[tabindex="0"]').count(), 1);
    await page.keyboard.press('Tab');
    assert.equal(
      await page.evaluate(() => document.activeElement?.className),
      'citation',
      'Tab goes on to the citations',
    );
    await page.keyboard.press('Shift+Tab');
    assert.equal(await focusedId(), 'LMCA5/P3', 'and back to the selected cell');
    await screenshot(page, 'dark-keyboard');
  });

  it('follows the theme: light, dark and high contrast', async () => {
    await postToPanel(page, coverage());
    const cell = page.locator('.unit[data-code="LMCA5"] .cell[data-id="P3"]');
    await cell.waitFor();
    const colours = () =>
      cell.evaluate((c) => [getComputedStyle(c).backgroundColor, getComputedStyle(document.body).backgroundColor]);
    assert.deepEqual(await colours(), ['rgb(137, 209, 133)', 'rgb(31, 31, 31)']);
    await setTheme(page, 'light');
    assert.deepEqual(await colours(), ['rgb(56, 138, 52)', 'rgb(255, 255, 255)']);
    await page.locator('.unit[data-code="LMCA5"] .cell[data-id="P9"]').click();
    await screenshot(page, 'light-three-units');
    await setTheme(page, 'highContrast');
    assert.equal(await cell.evaluate((c) => getComputedStyle(c).borderTopColor), 'rgb(111, 195, 223)');
    await screenshot(page, 'high-contrast');
  });

  it('renders hostile text as text and runs none of it', async () => {
    const evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';
    const unit = unitDto('LMCA5', (c) =>
      c.id === 'P1'
        ? {
            ...c,
            text: evil,
            section: evil,
            state: 'covered',
            accounts: 1,
            citations: [{ account: 0, line: 1, character: 2, endLine: 1, endCharacter: 5 }],
          }
        : c,
    );
    unit.title = evil;
    const p = portfolio([unit], FOLDER, evil);
    p.accounts[0] = {
      ...p.accounts[0],
      uri: `${FOLDER}/${encodeURIComponent('<b>')}.md`,
      title: evil,
      evidence: evil,
      tutorNotes: [{ text: evil, line: 3, character: 0 }],
    };
    await postToPanel(page, {
      type: 'coverage',
      data: { portfolios: [p, portfolio([unitDto('LMCB2')], 'file:///other', 'other')] },
    });
    await page.locator('.unit-title').first().waitFor();
    await page.locator('.cell[data-id="P1"]').first().click();
    await page.locator('#accounts summary').click();
    assert.equal(await page.locator('.unit-title').first().textContent(), evil);
    assert.equal(await page.locator('.detail-text').textContent(), evil);
    assert.equal(await page.locator('#portfolio option').first().textContent(), evil);
    assert.equal(await page.locator('img, #units script, #accounts script').count(), 0);
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    await screenshot(page, 'dark-hostile');
  });

  it('patches live updates in place: same nodes, same scroll, new states', async () => {
    await postToPanel(page, coverage());
    const cell = page.locator('.unit[data-code="LMCB2"] .cell[data-id="K2"]');
    await cell.waitFor();
    await page.evaluate(() => {
      (window as unknown as { __cell: Element | null }).__cell = document.querySelector(
        '.unit[data-code="LMCB2"] .cell[data-id="K2"]',
      );
      window.scrollTo(0, 900);
    });
    const scrollBefore = await page.evaluate(() => window.scrollY);
    assert.ok(scrollBefore > 0);
    assert.equal(stateFor(2), 'none');
    const updated = threeUnits();
    const k2 = updated.portfolios[0].units[1].criteria.find((c) => c.id === 'K2')!;
    Object.assign(k2, { state: 'covered', accounts: 2, citations: [...k2.citations] });
    updated.portfolios[0].units[1].covered.K++;
    await postToPanel(page, coverage(updated));
    await page.waitForFunction(() =>
      document.querySelector('.unit[data-code="LMCB2"] .cell[data-id="K2"]')?.classList.contains('state-covered'),
    );
    assert.equal(
      await page.evaluate(() => (window as unknown as { __cell: Element }).__cell.isConnected),
      true,
      'the same node, patched',
    );
    assert.equal(await page.evaluate(() => window.scrollY), scrollBefore);
    assert.match(
      (await page.locator('.unit[data-code="LMCB2"] .progress-K .progress-count').textContent()) ?? '',
      /^\d+\/107$/,
    );
  });

  it('restores filter, search, unit, selection and scroll from the saved state', async () => {
    await page.close();
    page = await openPanel(h, {
      filter: 'uncovered',
      search: 'team',
      unit: 'LMCB2',
      selected: 'LMCB2/P1',
      scrollY: 40,
      folder: FOLDER,
    });
    await postToPanel(page, coverage());
    await page.locator('.unit[data-code="LMCB2"]').waitFor();
    assert.equal(await page.locator('#search').inputValue(), 'team');
    assert.equal(await page.locator('#uncovered').isChecked(), true);
    assert.equal(await page.locator('#unit').inputValue(), 'LMCB2');
    assert.deepEqual(await page.locator('.unit:visible .unit-code').allTextContents(), ['LMCB2']);
    assert.equal(await page.locator('.cell[aria-selected="true"]').getAttribute('data-id'), 'P1');
    await screenshot(page, 'dark-restored');
  });

  it('focuses a unit when asked (code lens) and offers pickers for portfolios and units', async () => {
    const two = {
      portfolios: [
        threeUnits().portfolios[0],
        portfolio([unitDto('LMCA4')], 'file:///tutor/candidate-b', 'candidate-b'),
      ],
    };
    await postToPanel(page, { type: 'coverage', data: two, focusUnit: 'lmcq1' });
    await page.locator('.unit[data-code="LMCQ1"]').waitFor();
    assert.equal(await page.locator('#portfolio').isVisible(), true);
    assert.equal(await page.locator('#unit').inputValue(), 'LMCQ1');
    assert.equal(
      await page.evaluate(() => document.activeElement?.closest('.unit')?.getAttribute('data-code')),
      'LMCQ1',
    );
    await postToPanel(page, { type: 'focus', unit: 'LMCA4', folder: 'file:///tutor/candidate-b' });
    await page.locator('.unit[data-code="LMCA4"]').waitFor();
    assert.equal(await page.locator('#portfolio').inputValue(), 'file:///tutor/candidate-b');
    assert.equal(await page.locator('#unit').isVisible(), false, 'no unit picker for a single unit');
    await page.locator('#portfolio').selectOption(FOLDER);
    assert.equal(await page.locator('.unit:visible').count(), 3);
    await screenshot(page, 'dark-pickers');
  });

  it('ignores messages it does not understand and shows an empty portfolio kindly', async () => {
    for (const junk of [null, 'coverage', { type: 'coverage', data: 'junk' }, { type: 'bogus' }, { type: 'focus' }])
      await postToPanel(page, junk);
    await postToPanel(page, {
      type: 'coverage',
      data: {
        portfolios: [{ folder: FOLDER, folderName: 'p', minimumEvidence: 1, units: [{ nope: 1 }], accounts: [] }],
      },
    });
    await page.waitForFunction(() =>
      /No units in scope yet/.test(document.querySelector('#status')?.textContent ?? ''),
    );
    await screenshot(page, 'dark-empty');
  });
});

// What a person sees: the packaged extension in code-server's workbench, operated with keyboard and mouse by
// playwright-core in headless chromium, on a copy of the example portfolio. Every step waits on the screen and
// leaves a screenshot in the shots folder (test-artifacts/e2e/ by default).
// Run by scripts/e2e/run-offline.mjs after the suite, or alone: npm run test:e2e:ui
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, workbenchUrl } from '../../../scripts/e2e/lib/browser.mjs';
import { log, repoRoot } from '../../../scripts/e2e/lib/env.mjs';
import {
  activeEditor,
  lineContaining,
  openFromExplorer,
  runCommand,
  textBox,
  triggerSuggest,
  waitForWorkbench,
  webviewContent,
} from './workbench.mjs';

/** Title of a contributed command as the palette shows it ("Category: Title"). */
function commandTitle(id) {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  const c = manifest.contributes?.commands?.find((x) => x.command === id);
  if (!c) throw new Error(`package.json contributes no command ${id}`);
  return c.category ? `${c.category}: ${c.title}` : c.title;
}

/**
 * @param {{ base: string, folder: string, shots: string }} options  folder: a copy of examples/ on the server
 * @returns {Promise<{ ok: boolean, passed: number, failed: number }>} ok when every step passed (steps after a
 *   failed one are skipped)
 */
export async function runScenario({ base, folder, shots }) {
  mkdirSync(shots, { recursive: true });
  const { page, close } = await launchBrowser();
  const shot = async (name) => {
    await page.screenshot({ path: join(shots, `${name}.png`) });
    log('ui: screenshot %s.png', name);
  };
  const steps = [];
  const step = (name, body) => steps.push({ name, body });

  step('open the example portfolio', async () => {
    await page.goto(workbenchUrl(base, folder), { timeout: 60_000 });
    await waitForWorkbench(page, 'ra1.md');
    await shot('01-workbench');
  });

  step('open an account, type a citation and accept a completion', async () => {
    await openFromExplorer(page, 'ra1.md');
    await activeEditor(page).locator('.view-lines').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.keyboard.type('I talked each lead through their workload in supervision (LMCA5/');
    await triggerSuggest(page, { hasText: 'P' });
    await page.locator('.suggest-widget .monaco-list-row').nth(1).waitFor({ timeout: 10_000 });
    await shot('02-completion');
    await page.keyboard.type('superv');
    const k45 = await triggerSuggest(page, { hasText: 'K45' });
    await shot('03-completion-fuzzy');
    await k45.click();
    const line = await lineContaining(page, 'in supervision (');
    if (!/LMCA5\/K45\b/.test(line)) throw new Error(`expected LMCA5/K45 after accepting, the line reads: ${line}`);
    await page.keyboard.type(').');
    await shot('04-completion-accepted');
  });

  step('hover a citation', async () => {
    // Over the criterion (the "P7" end), not the unit code, which has a hover of its own.
    const box = await textBox(page, 'LMCA5/P7');
    const x = box.x + box.width * 0.85;
    const y = box.y + box.height / 2;
    await page.mouse.move(x, y);
    const hover = page
      .locator('.monaco-hover:not(.hidden)', { hasText: 'Ensure that others understand how their allocated areas' })
      .first();
    try {
      await hover.waitFor({ timeout: 5000 });
    } catch {
      // The mouse may have landed before the provider was ready: ask for the hover from the keyboard.
      await page.mouse.click(x, y);
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
      await hover.waitFor({ timeout: 15_000 });
    }
    await shot('05-hover');
    await page.keyboard.press('Escape');
    await page.mouse.move(5, 5);
  });

  /** Hovers `needle` in the active editor until a hover containing `hasText` shows (the server may still be starting). */
  async function hoverText(needle, hasText) {
    const box = await textBox(page, needle);
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    const hover = page.locator('.monaco-hover:not(.hidden)', { hasText }).first();
    for (let attempt = 1; ; attempt++) {
      await page.mouse.move(5, 5);
      await page.mouse.move(x, y);
      try {
        await hover.waitFor({ timeout: 5000 });
        return hover;
      } catch (e) {
        if (attempt >= 6) throw e;
      }
    }
  }

  step('writing checks: a hypothetical hint and an identifiable-person warning, explained in hover', async () => {
    await activeEditor(page).locator('.view-lines').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type(
      "Margaret Thomson's daughter rang the office on the Monday. Next time I would ask the family first.",
    );
    await hoverText('Thomson', 'names a person in full');
    await page
      .locator('.statusbar-item', { hasText: /\d+ words/ })
      .first()
      .waitFor({ timeout: 15_000 });
    await shot('11-identifiable-person-warning');
    await page.keyboard.press('Escape');
    await hoverText('would ask', 'Hypothetical writing');
    await shot('12-hypothetical-hint');
    await page.mouse.move(5, 5);
    // The quick fix: replace the name with its initials throughout the account.
    const name = await textBox(page, 'Thomson');
    await page.mouse.click(name.x + 2, name.y + name.height / 2);
    await page.keyboard.press('Control+.');
    const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'throughout this account' }).first();
    await fix.waitFor({ timeout: 15_000 });
    await shot('13-anonymise-quick-fix');
    await fix.click();
    // The fix is applied as an edit after the menu closes: wait for the renamed line, not for a fixed time.
    await lineContaining(page, "MT's daughter rang the office").catch(() => undefined);
    const line = await lineContaining(page, 'rang the office');
    if (!/^MT's daughter/.test(line.trim()))
      throw new Error(`expected "MT's daughter" after the fix, the line reads: ${line}`);
  });

  step('cite a criterion this paragraph evidences (code action and pick list)', async () => {
    const box = await textBox(page, 'monthly staff meeting');
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.keyboard.press('Control+.');
    const action = page
      .locator('.action-widget .monaco-list-row', { hasText: 'Cite a criterion this paragraph evidences' })
      .first();
    await action.waitFor({ timeout: 15_000 });
    await shot('14-cite-code-action');
    await action.click();
    const rows = page.locator('.quick-input-list .monaco-list-row');
    await rows.nth(4).waitFor({ timeout: 15_000 });
    await shot('15-cite-pick-list');
    const code = (await rows.first().locator('.label-name').first().innerText()).trim();
    await page.keyboard.press('Enter');
    // The edit lands a moment after the pick list closes, and word wrap may break the code across view lines:
    // wait for it in the editor's text with the white space taken out.
    const expected = `P19,${code}).`;
    const lines = activeEditor(page).locator('.view-lines');
    await lines.filter({ hasText: code.split('/')[1] }).waitFor({ timeout: 15_000 });
    const text = (await lines.innerText()).replace(/[\s\u00a0]+/g, '');
    if (!text.includes(expected))
      throw new Error(`expected "${expected}" (without spaces) at the end of the sentence, the text reads: ${text}`);
    log('ui: cited %s', code);
    await shot('16-cite-inserted');
  });

  step('open the Problems panel', async () => {
    await page.keyboard.press('Control+Shift+M');
    const panel = page.locator('.markers-panel');
    await panel.waitFor({ timeout: 15_000 });
    await panel.locator('.monaco-list-row', { hasText: 'not yet covered' }).first().waitFor({ timeout: 30_000 });
    await shot('06-problems');
  });

  step('open the coverage panel, click a cell and a citation', async () => {
    await runCommand(page, commandTitle('reflectiveAccounts.showCoverage'));
    const view = webviewContent(page);
    const cell = view.locator('.cell[data-unit="LMCA5"][data-id="P6"]').first();
    await cell.waitFor({ timeout: 30_000 });
    await shot('07-coverage-panel');
    await cell.click();
    // A citation in another account than the one open, so that clicking it has to open that account.
    const citation = view.locator('.detail:not([hidden]) button.citation:not([aria-label*="ra1.md"])').first();
    await citation.waitFor({ timeout: 15_000 });
    await shot('08-coverage-cell');
    const label = await citation.getAttribute('aria-label'); // "Open RA1, ra1.md, line 19"
    const [, file, line] = /(ra\d\.md), line (\d+)/.exec(label ?? '') ?? [];
    if (!file) throw new Error(`unexpected citation label: ${label}`);
    await citation.click();
    // The account opens with the citation selected: its tab is active and the cursor is on that line.
    await page.locator('.tabs-container .tab.active', { hasText: file }).first().waitFor({ timeout: 15_000 });
    await page
      .locator('.statusbar-item', { hasText: new RegExp(`^Ln ${line}, Col \\d+ \\(\\d+ selected\\)`) })
      .first()
      .waitFor({ timeout: 15_000 });
    log('ui: revealed %s', label);
    await shot('09-citation-revealed');
  });

  step('the coverage panel suggests criteria for the paragraph under the cursor', async () => {
    await openFromExplorer(page, 'ra1.md');
    const box = await textBox(page, 'keen gardener');
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    const view = webviewContent(page);
    // The paragraph clicked (line 17 of ra1.md), not whatever editor was active when the panel opened.
    await view.locator('#suggestions .hint', { hasText: 'ra1.md, paragraph at line 17' }).waitFor({ timeout: 30_000 });
    await view.locator('#suggestions button.suggestion').first().waitFor({ timeout: 30_000 });
    const codes = await view.locator('#suggestions button.suggestion .code').allTextContents();
    if (codes.some((c) => !c.startsWith('LMCA5/')))
      throw new Error(`ra1.md lists units: [LMCA5], yet the panel suggests ${codes.join(', ')}`);
    await view.locator('#suggestions h2').scrollIntoViewIfNeeded();
    await shot('17-panel-suggestions');
  });

  step('open the Markdown preview', async () => {
    // Close the other editors first, so the preview is the only webview on screen (reverting what was typed
    // into ra1.md, else closing would ask whether to save it).
    await openFromExplorer(page, 'ra1.md');
    await runCommand(page, 'File: Revert File');
    await runCommand(page, 'View: Close All Editors');
    const editor = await openFromExplorer(page, 'ra4.md');
    await editor.locator('.view-lines').click();
    await page.keyboard.press('Control+Home'); // the preview follows the editor: start at the title
    await runCommand(page, 'Markdown: Open Preview to the Side');
    await page.mouse.move(5, 5); // no stray tooltip where the palette row was clicked
    await page.locator('.tabs-container .tab', { hasText: 'Preview ra4.md' }).first().waitFor({ timeout: 30_000 });
    const body = webviewContent(page);
    await body
      .getByRole('heading', { name: 'Re-allocating visits after a staff absence' })
      .waitFor({ timeout: 30_000 });
    const badge = body.getByText('LMCA4/P37').first();
    await badge.waitFor({ timeout: 15_000 });
    await badge.scrollIntoViewIfNeeded(); // the first citation badge, on screen with its heading
    await shot('10-markdown-preview');
  });

  /** Answers the input box titled `title` (a thread's first message, the reviewer's name). */
  const answer = async (title, text) => {
    const widget = page.locator('.quick-input-widget').filter({ hasText: title });
    await widget.waitFor({ timeout: 15_000 });
    await widget.locator('input').fill(text);
    await page.keyboard.press('Enter');
    await widget.waitFor({ state: 'hidden', timeout: 15_000 });
  };

  step('start a review thread on a line (#16)', async () => {
    await runCommand(page, 'View: Close All Editors');
    const editor = await openFromExplorer(page, 'ra1.md');
    const box = await textBox(page, 'LMCA5/P6');
    await page.mouse.click(box.x + box.width + 2, box.y + box.height / 2);
    // Not runCommand: it waits for the palette to close, and the command's own input box opens in its place.
    await page.keyboard.press('Control+Shift+P');
    await page.locator('.quick-input-widget input').fill(`>${commandTitle('reflectiveAccounts.review.startThread')}`);
    await page
      .locator('.quick-input-list .monaco-list-row', { hasText: commandTitle('reflectiveAccounts.review.startThread') })
      .first()
      .click();
    await answer('Start a review thread', 'Say what the family asked for, and what you changed because of it.');
    // The reviewer's name is asked once per installation, then remembered: the extension-host suite, run in the
    // same code-server before this scenario, may already have given it.
    const thread = editor.locator('.review-widget', { hasText: 'Say what the family asked for' }).first();
    const askedName = page.locator('.quick-input-widget').filter({ hasText: 'Your name for reviews' });
    await Promise.race([thread.waitFor({ timeout: 30_000 }), askedName.waitFor({ timeout: 30_000 })]);
    if (await askedName.isVisible()) await answer('Your name for reviews', 'J Smith');
    await thread.waitFor({ timeout: 30_000 });
    await shot('11-review-thread');
    const saved = readFileSync(join(folder, 'ra1.md'), 'utf8');
    if (
      !/\(LMCA5\/P10\)\.\n<!-- review #r\w{4} open\nJ Smith, [\d-]+ [\d:]+ UTC:\n {2}Say what the family asked for/.test(
        saved,
      )
    ) {
      throw new Error('the thread is not saved under its line in ra1.md');
    }
  });

  step('accept a criterion from the coverage panel (#16)', async () => {
    await runCommand(page, commandTitle('reflectiveAccounts.showCoverage'));
    const view = webviewContent(page);
    const cell = view.locator('.cell[data-unit="LMCA5"][data-id="P6"]').first();
    await cell.waitFor({ timeout: 30_000 });
    await cell.click();
    const accept = view.locator('.detail:not([hidden]) .review button.decide-accepted').first();
    await accept.waitFor({ timeout: 15_000 });
    await accept.click();
    await view
      .locator('.cell[data-unit="LMCA5"][data-id="P6"][data-review="accepted"]')
      .first()
      .waitFor({ timeout: 30_000 });
    await view
      .locator('.detail:not([hidden]) .review-decision', { hasText: 'accepted by J Smith' })
      .first()
      .waitFor({ timeout: 15_000 });
    await page.getByRole('treeitem', { name: '.assessment.yaml' }).first().waitFor({ timeout: 30_000 });
    await shot('12-review-accepted');
    const decisions = readFileSync(join(folder, '.assessment.yaml'), 'utf8');
    if (!/ {2}LMCA5\/P6:\n {4}decision: accepted\n {4}by: J Smith\n/.test(decisions))
      throw new Error(`unexpected .assessment.yaml:\n${decisions}`);
  });

  step('reply to the thread and resolve it in the Comments UI (#16)', async () => {
    await runCommand(page, 'View: Close All Editors');
    await runCommand(page, 'View: Hide Panel'); // room for the thread widget under its line
    await openFromExplorer(page, 'ra1.md');
    const editor = activeEditor(page);
    const thread = editor.locator('.review-widget', { hasText: 'Say what the family asked for' }).first();
    await thread.waitFor({ timeout: 30_000 });
    const form = thread.locator('.comment-form').first();
    await form.click();
    await page.keyboard.type('I have added a paragraph about the meeting.');
    // The form's Reply button runs our reply command.
    await page.getByText('Reply', { exact: true }).last().click();
    await thread.locator('.comment-body', { hasText: 'I have added a paragraph' }).first().waitFor({ timeout: 30_000 });
    await shot('13-review-reply');
    await thread.getByRole('button', { name: 'Resolve Thread' }).first().click();
    // Resolved threads fold away; the text under the line says so.
    await editor
      .locator('.view-line', { hasText: /<!--\sreview\s#\w+\sresolved/ })
      .first()
      .waitFor({ timeout: 30_000 });
    // Saved: the tab is no longer dirty (VS Code may fold the resolved thread away or leave it open).
    await page
      .locator('.tabs-container .tab.active:not(.dirty)', { hasText: 'ra1.md' })
      .first()
      .waitFor({ timeout: 15_000 });
    await shot('14-review-resolved');
    const resolved = readFileSync(join(folder, 'ra1.md'), 'utf8');
    if (!/<!-- review #r\w{4} resolved\n[^]*\n {2}I have added a paragraph about the meeting\.\n-->/.test(resolved)) {
      throw new Error('the reply and the resolution are not saved in ra1.md');
    }
  });

  let ok = true;
  let passed = 0;
  try {
    for (const s of steps) {
      const t = Date.now();
      try {
        await s.body();
        passed++;
        log('ui: ✔ %s (%d ms)', s.name, Date.now() - t);
      } catch (e) {
        ok = false;
        log('ui: ✘ %s: %s', s.name, String(e?.message ?? e).split('\n')[0]);
        await page.screenshot({ path: join(shots, 'ui-failure.png') }).catch(() => {});
        break; // later steps build on this one
      }
    }
  } finally {
    await close();
  }
  const failed = ok ? 0 : 1;
  console.log(`ui: ${passed} passed, ${failed} failed, ${steps.length - passed - failed} skipped`);
  return { ok, passed, failed };
}

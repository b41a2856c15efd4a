// Small page-object helpers for VS Code's web workbench (code-server), driven by playwright-core.
// Everything waits on what is on screen (locators with timeouts); nothing sleeps for a fixed time.

/** The workbench has rendered and the explorer shows `file`. */
export async function waitForWorkbench(page, file, timeout = 90_000) {
  await page.locator('.monaco-workbench').waitFor({ timeout });
  await page.getByRole('treeitem', { name: file }).first().waitFor({ timeout });
}

export function activeEditor(page) {
  return page.locator('.editor-group-container.active .monaco-editor').first();
}

/** Open a file from the explorer and wait for its editor to have focus. */
export async function openFromExplorer(page, file) {
  await page.getByRole('treeitem', { name: file }).first().click();
  await page.locator('.tabs-container .tab.active', { hasText: file }).waitFor({ timeout: 30_000 });
  const editor = activeEditor(page);
  await editor.locator('.view-lines').waitFor({ timeout: 30_000 });
  return editor;
}

/** Run a command from the palette by its title (as shown, e.g. "Markdown: Open Preview to the Side"). */
export async function runCommand(page, title) {
  await page.keyboard.press('Control+Shift+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 15_000 });
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ timeout: 15_000 });
  await row.click();
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 15_000 });
}

/**
 * Trigger suggestions until rows appear: the extension activates and its server starts a moment after the editor
 * opens, so a first Control+Space may find no provider yet. Returns the first row matching `hasText`.
 */
export async function triggerSuggest(page, { hasText, attempts = 15, timeout = 3000 } = {}) {
  const rows = page.locator('.suggest-widget .monaco-list-row', hasText ? { hasText } : {});
  for (let i = 1; ; i++) {
    await page.keyboard.press('Control+Space');
    try {
      await rows.first().waitFor({ timeout });
      return rows.first();
    } catch (e) {
      if (i >= attempts) throw new Error(`no suggestion${hasText ? ` with "${hasText}"` : ''} after ${attempts} tries`);
      await page.keyboard.press('Escape');
    }
  }
}

/** Text of the line the cursor is on in the active editor (from the rendered view lines). */
export async function lineContaining(page, needle) {
  const line = activeEditor(page).locator('.view-line', { hasText: needle }).first();
  await line.waitFor({ timeout: 10_000 });
  return (await line.innerText()).replace(/\u00a0/g, ' ');
}

/**
 * Screen box of the first occurrence of `needle` in the active editor's rendered text (view lines split text into
 * token spans, so the match is found across them with a DOM Range).
 */
export async function textBox(page, needle) {
  const box = await activeEditor(page)
    .locator('.view-lines')
    .evaluate((root, text) => {
      for (const line of root.querySelectorAll('.view-line')) {
        const full = line.textContent.replace(/\u00a0/g, ' ');
        const at = full.indexOf(text);
        if (at < 0) continue;
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        const range = document.createRange();
        let seen = 0;
        let started = false;
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const len = n.textContent.length;
          if (!started && at < seen + len) {
            range.setStart(n, at - seen);
            started = true;
          }
          if (started && at + text.length <= seen + len) {
            range.setEnd(n, at + text.length - seen);
            break;
          }
          seen += len;
        }
        const r = range.getBoundingClientRect();
        return { x: r.x, y: r.y, width: r.width, height: r.height };
      }
      return null;
    }, needle);
  if (!box) throw new Error(`"${needle}" is not visible in the editor`);
  return box;
}

/** The content of the webview whose tab/title matches (webviews are nested iframes). */
export function webviewContent(page, index = 0) {
  return page.frameLocator('iframe.webview.ready >> nth=' + index).frameLocator('#active-frame');
}

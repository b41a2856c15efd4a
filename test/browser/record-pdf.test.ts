import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { artifactPath, launchChromium } from './chromium';

const goldenHtml = path.join(__dirname, '..', 'fixtures', 'golden', 'LMCA5-record.html');

/** The text of every page of a PDF, with pdf.js (pure JavaScript, no poppler needed). */
async function pdfPages(bytes: Uint8Array): Promise<string[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: bytes, useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((it) => ('str' in it ? it.str : '')).join(' '));
  }
  await doc.destroy();
  return pages;
}

describe('evidence record in a real browser', function () {
  this.timeout(60000);
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => browser?.close());

  it('renders the HTML record with every criterion in a table and no script or console errors', async () => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(pathToFileURL(goldenHtml).href);
    assert.equal(await page.locator('tr.met, tr.missing').count(), 129);
    assert.equal(
      await page.locator('h1').innerText(),
      'Evidence record: LMCA5 — Manage the Allocation, Progression and Quality of Work in Care Service Provision',
    );
    assert.equal(await page.locator('#LMCA5-P6 td.ev').innerText(), 'RA1, RA4');
    await page.screenshot({ path: artifactPath('record-LMCA5.png'), fullPage: false });
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('prints to an A4 PDF that holds every criterion id', async () => {
    const page = await browser.context.newPage();
    await page.goto(pathToFileURL(goldenHtml).href);
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
    fs.writeFileSync(artifactPath('record-LMCA5.pdf'), pdf);
    const pages = await pdfPages(new Uint8Array(pdf));
    // 129 rows of long text, headings and the sign-off table: several pages, but one unit is not a book.
    assert.ok(pages.length >= 4 && pages.length <= 15, `page count ${pages.length}`);
    const text = pages.join(' ');
    for (let n = 1; n <= 29; n++) assert.match(text, new RegExp(`\\bP${n}\\b`), `P${n} in the PDF`);
    for (let n = 1; n <= 100; n++) assert.match(text, new RegExp(`\\bK${n}\\b`), `K${n} in the PDF`);
    // Repeated table headers: the knowledge table spans pages and each of those pages starts with its header.
    const withKHeader = pages.filter((p) => p.includes('Knowledge point') && p.includes('Evidence number')).length;
    assert.ok(withKHeader >= 2, `knowledge table header repeated on ${withKHeader} page(s)`);
    await page.close();
  });
});

/**
 * Runs the real coverage panel (client/src/webview bundled by esbuild, the HTML of client/src/panelHtml.ts with
 * its CSP) in Debian's chromium through playwright-core. A local HTTP server on 127.0.0.1 plays the webview's
 * resource origin; every other request is aborted. A fake acquireVsCodeApi records what the panel posts.
 */
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { renderPanelHtml } from '../../client/src/panelHtml';
import { CHROMIUM, CHROMIUM_ARGS } from '../browser/chromium';

export { CHROMIUM };
const root = path.resolve(__dirname, '../..');
export const ARTIFACTS = path.join(root, 'test-artifacts', 'webview');
export const NONCE = 'testnonce0123456789abcdef';

export interface Harness {
  context: BrowserContext;
  origin: string;
  close(): Promise<void>;
}

/** Bundles the panel script and CSS exactly as esbuild.mjs does, into a temporary folder. */
async function bundlePanel(outdir: string): Promise<{ js: string; css: string }> {
  await esbuild.build({
    entryPoints: [path.join(root, 'client/src/webview/panel.ts')],
    outfile: path.join(outdir, 'webview.js'),
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'chrome114',
    logLevel: 'error',
  });
  return {
    js: readFileSync(path.join(outdir, 'webview.js'), 'utf8'),
    css: readFileSync(path.join(outdir, 'webview.css'), 'utf8'),
  };
}

export async function startHarness(): Promise<Harness> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'ra-webview-'));
  const bundle = await bundlePanel(path.join(tmp, 'bundle'));
  let origin = '';
  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    if (url.startsWith('/panel.html')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        renderPanelHtml({
          cspSource: origin,
          nonce: NONCE,
          scriptUri: `${origin}/webview.js`,
          styleUri: `${origin}/webview.css`,
        }),
      );
    } else if (url === '/webview.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(bundle.js);
    } else if (url === '/webview.css') {
      res.writeHead(200, { 'content-type': 'text/css' });
      res.end(bundle.css);
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const context = await chromium.launchPersistentContext(path.join(tmp, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1000, height: 760 },
  });
  // tsx compiles this file with esbuild's keepNames, which wraps functions in `__name(...)`; functions handed to
  // the page (evaluate, addInitScript) carry those calls along, so the page needs a harmless __name too.
  await context.addInitScript('globalThis.__name = (fn) => fn;');
  await context.route('**/*', (route) => {
    const url = route.request().url();
    return /^(http:\/\/127\.0\.0\.1[:/]|file:|data:)/.test(url) ? route.continue() : route.abort();
  });
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    context,
    origin,
    close: async () => {
      await context.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}

export const chromiumAvailable = (): boolean => existsSync(CHROMIUM);

/** Theme variables VS Code would set (a few of each theme), and the body class that goes with them. */
export const THEMES = {
  dark: {
    bodyClass: 'vscode-dark',
    vars: {
      '--vscode-foreground': '#cccccc',
      '--vscode-editor-background': '#1f1f1f',
      '--vscode-descriptionForeground': '#9d9d9d',
      '--vscode-charts-green': '#89d185',
      '--vscode-charts-yellow': '#cca700',
      '--vscode-focusBorder': '#0078d4',
      '--vscode-editorWidget-border': '#454545',
      '--vscode-input-background': '#313131',
      '--vscode-input-foreground': '#cccccc',
      '--vscode-input-border': '#3c3c3c',
      '--vscode-dropdown-background': '#313131',
      '--vscode-dropdown-foreground': '#cccccc',
      '--vscode-textLink-foreground': '#4daafc',
      '--vscode-textBlockQuote-background': '#2b2b2b',
      '--vscode-font-family': 'system-ui, sans-serif',
      '--vscode-font-size': '13px',
    },
  },
  light: {
    bodyClass: 'vscode-light',
    vars: {
      '--vscode-foreground': '#3b3b3b',
      '--vscode-editor-background': '#ffffff',
      '--vscode-descriptionForeground': '#717171',
      '--vscode-charts-green': '#388a34',
      '--vscode-charts-yellow': '#bf8803',
      '--vscode-focusBorder': '#005fb8',
      '--vscode-editorWidget-border': '#c8c8c8',
      '--vscode-input-background': '#ffffff',
      '--vscode-input-foreground': '#3b3b3b',
      '--vscode-input-border': '#cecece',
      '--vscode-dropdown-background': '#ffffff',
      '--vscode-dropdown-foreground': '#3b3b3b',
      '--vscode-textLink-foreground': '#005fb8',
      '--vscode-textBlockQuote-background': '#f2f2f2',
      '--vscode-font-family': 'system-ui, sans-serif',
      '--vscode-font-size': '13px',
    },
  },
  highContrast: {
    bodyClass: 'vscode-high-contrast',
    vars: {
      '--vscode-foreground': '#ffffff',
      '--vscode-editor-background': '#000000',
      '--vscode-descriptionForeground': '#ffffff',
      '--vscode-charts-green': '#89d185',
      '--vscode-charts-yellow': '#ffd700',
      '--vscode-focusBorder': '#f38518',
      '--vscode-contrastBorder': '#6fc3df',
      '--vscode-contrastActiveBorder': '#f38518',
      '--vscode-editorWidget-border': '#6fc3df',
      '--vscode-textLink-foreground': '#21a6ff',
      '--vscode-font-family': 'system-ui, sans-serif',
      '--vscode-font-size': '13px',
    },
  },
} as const;

export type ThemeName = keyof typeof THEMES;

/** Applies a theme the way VS Code does: CSS variables on <html>, a class on <body>. */
export async function setTheme(page: Page, name: ThemeName): Promise<void> {
  const theme = THEMES[name];
  const all = [...new Set(Object.values(THEMES).flatMap((t) => Object.keys(t.vars)))];
  await page.evaluate(
    ({ bodyClass, vars, all }) => {
      document.body.classList.remove(
        'vscode-light',
        'vscode-dark',
        'vscode-high-contrast',
        'vscode-high-contrast-light',
      );
      document.body.classList.add(bodyClass);
      for (const k of all) document.documentElement.style.removeProperty(k);
      for (const [k, v] of Object.entries(vars)) document.documentElement.style.setProperty(k, v);
    },
    { ...theme, all },
  );
}

/**
 * Opens the panel with a fake VS Code API. `savedState` plays the state a reloaded window hands back.
 * Messages the panel posts land in window.__posted; setState calls in window.__state.
 */
export async function openPanel(h: Harness, savedState?: unknown, theme: ThemeName = 'dark'): Promise<Page> {
  const page = await h.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  (page as Page & { errors?: string[] }).errors = errors;
  await page.addInitScript((saved) => {
    const w = window as unknown as Record<string, unknown>;
    w.__posted = [];
    w.__state = saved;
    w.acquireVsCodeApi = () => ({
      postMessage: (m: unknown) => (w.__posted as unknown[]).push(JSON.parse(JSON.stringify(m))),
      getState: () => w.__state,
      setState: (s: unknown) => {
        w.__state = JSON.parse(JSON.stringify(s));
      },
    });
  }, savedState ?? null);
  await page.goto(`${h.origin}/panel.html`);
  await setTheme(page, theme);
  await page.waitForFunction(() =>
    ((window as unknown as { __posted: Array<{ type: string }> }).__posted ?? []).some((m) => m.type === 'ready'),
  );
  return page;
}

export async function postToPanel(page: Page, message: unknown): Promise<void> {
  await page.evaluate((m) => window.postMessage(m, '*'), message);
}

export async function posted(page: Page): Promise<Array<Record<string, unknown>>> {
  return page.evaluate(() => (window as unknown as { __posted: Array<Record<string, unknown>> }).__posted);
}

export async function screenshot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage });
}

/**
 * The mocha hooks every panel suite needs: one harness for the suite (failing, not skipping, without Chromium:
 * CI installs it in .ci/run), a fresh panel page per test, and no script errors in it when the test ends.
 * Register it first in a `describe`; the returned object holds the harness and the current test's page.
 */
export function panelPerTest(): { h: Harness; page: Page } {
  const current = {} as { h: Harness; page: Page };
  before(async () => {
    assert.ok(chromiumAvailable(), `${CHROMIUM} is missing: apt-get install -y chromium`);
    current.h = await startHarness();
  });
  after(async () => current.h?.close());
  beforeEach(async () => {
    current.page = await openPanel(current.h);
  });
  afterEach(async () => {
    const errors = (current.page as Page & { errors?: string[] }).errors ?? [];
    await current.page.close();
    assert.deepEqual(errors, [], 'no script errors in the panel');
  });
  return current;
}

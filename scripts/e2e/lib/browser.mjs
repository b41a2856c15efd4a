// Headless Debian chromium driven by playwright-core (the project's devDependency; no browser download).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumPath } from './env.mjs';

const profiles = new Set();

/** Remove the profiles of browsers not closed normally (from a signal handler; synchronous). */
export function removeBrowserProfiles() {
  for (const p of profiles) {
    try {
      rmSync(p, { recursive: true, force: true });
    } catch {
      /* chromium may still be writing; best effort */
    }
  }
  profiles.clear();
}

/** A fresh profile each time; only 127.0.0.1 can be reached. Returns { context, page, close }. */
export async function launchBrowser({ width = 1400, height = 900 } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'ra-e2e-chromium-'));
  profiles.add(profile);
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      headless: true,
      viewport: { width, height },
      timeout: 60_000,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
      ],
    });
  } catch (e) {
    rmSync(profile, { recursive: true, force: true });
    throw e;
  }
  await context.route(
    (url) => /^(http|ws)s?:$/.test(url.protocol) && url.hostname !== '127.0.0.1',
    (route) => route.abort(),
  );
  const page = context.pages()[0] ?? (await context.newPage());
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await context.close().catch(() => {});
    rmSync(profile, { recursive: true, force: true });
    profiles.delete(profile);
  };
  return { context, page, close };
}

/** Workbench URL opening a folder of the code-server machine, optionally with a test `payload`. */
export function workbenchUrl(base, folder, payload) {
  return (
    `${base}/?folder=${encodeURIComponent(folder)}` +
    (payload ? `&payload=${encodeURIComponent(JSON.stringify(payload))}` : '')
  );
}

/** The vscode-remote URI of a path on the code-server machine. */
export function remoteUri(base, path) {
  return `vscode-remote://${new URL(base).host}${path}`;
}

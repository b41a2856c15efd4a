/**
 * Debian's Chromium driven by playwright-core, offline: a fresh profile per launch, and every request that
 * does not stay on this machine aborted. Tests that need a browser call `launchChromium()`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchChromium(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (CI's .ci/run does this)`);
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'ra-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
  });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    return /^(file:|data:|about:|blob:|https?:\/\/(127\.0\.0\.1|localhost)[:/])/.test(url)
      ? route.continue()
      : route.abort();
  });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Where screenshots and PDFs for people to look at go (git-ignored). */
export function artifactPath(name: string): string {
  const dir = path.join(__dirname, '..', '..', 'test-artifacts');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}

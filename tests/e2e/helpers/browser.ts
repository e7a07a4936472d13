/**
 * Real Chromium for e2e tests, driven by playwright-core (no bundled browser
 * download): the system's Chromium, or the one named by CHROMIUM_PATH.
 * Screenshots go under test-results/ (git-ignored).
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const CANDIDATES = [
  '/usr/lib/chromium/chromium',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

/** Path of the Chromium executable; throws with what to do when there is none. */
export function chromiumPath(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist`);
    return fromEnv;
  }
  const found = CANDIDATES.find((candidate) => existsSync(candidate));
  if (!found) {
    throw new Error(
      `No Chromium found (tried ${CANDIDATES.join(', ')}); install chromium or set CHROMIUM_PATH`,
    );
  }
  return found;
}

export async function launchBrowser(options: { headless?: boolean } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: options.headless ?? process.env.HEADED !== '1',
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
}

export const RESULTS_DIR = path.resolve(import.meta.dirname, '../../../test-results');

/** Saves a full-page screenshot as test-results/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

/** Collects the page's console errors and uncaught exceptions (to assert there are none). */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  return errors;
}

/**
 * Waits until the page has loaded what it loads lazily once idle (Starlight's
 * search imports Pagefind's UI then). A test that stops the server must wait for
 * it first, or the import fails while the server is down and shows as a page error.
 */
export async function lazyPartsLoaded(page: Page): Promise<void> {
  if ((await page.locator('#starlight__search').count()) === 0) return;
  await page.locator('#starlight__search .pagefind-ui').waitFor({ state: 'attached' });
}

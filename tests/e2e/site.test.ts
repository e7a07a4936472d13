/**
 * The course site end to end: the real build (npm run build) served by the real
 * lab server, in real Chromium. Every page in both languages loads cleanly and
 * passes axe; search finds pages in both languages; a chapter's JavaScript stays
 * small until its lab opens. Screenshots of every chapter in light and dark
 * themes, in both languages: test-results/site-*.png.
 *
 * NETLAB_E2E_SKIP_BUILD=1 reuses an existing dist/ while iterating on tests.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { collectPageErrors, launchBrowser, RESULTS_DIR } from './helpers/browser.ts';
import { buildSite, REPO_ROOT, startServer, type RunningServer } from './helpers/server.ts';

const CHAPTERS = [
  'host-network',
  'bridge-network',
  'user-defined-networks',
  'custom-subnets',
  'static-ips',
  'connecting-bridges',
  'pod-network',
  'services',
  'ingress',
];
/** Page JavaScript before a lab opens (DESIGN: < 150 KB). */
const JS_BUDGET = 150 * 1024;
const AXE_SOURCE = readFileSync(path.join(REPO_ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
/** Runs in the page: every code block that scrolls sideways can take focus (has its tabindex). */
const SCROLLERS_FOCUSABLE = (): boolean =>
  [...document.querySelectorAll('pre')].every(
    (pre) => pre.scrollWidth <= pre.clientWidth || pre.hasAttribute('tabindex'),
  );

/** URL paths of every page of the built site ("/", "/bridge-network/", "/zh-cn/…"). */
function sitePages(siteDir: string): string[] {
  const pages: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) walk(file);
      else if (name === 'index.html') {
        const rel = path.relative(siteDir, dir).split(path.sep).join('/');
        pages.push(rel ? `/${rel}/` : '/');
      }
    }
  };
  walk(siteDir);
  return pages.sort();
}

interface AxeViolation {
  id: string;
  impact: string | null;
  nodes: { target: unknown[] }[];
}

describe('course site', () => {
  let server: RunningServer;
  let browser: Browser;
  let pages: string[];

  before(async () => {
    const siteDir = buildSite();
    pages = sitePages(siteDir);
    server = await startServer({ siteDir, env: { WARM_POOL: '0' } });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser.close();
    await server.stop();
  });

  /** Opens a page in a fresh context with the theme set, recording errors and failed requests. */
  async function open(url: string, theme: 'light' | 'dark' = 'light') {
    const context = await browser.newContext({
      colorScheme: theme,
      viewport: { width: 1280, height: 900 },
    });
    await context.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    page.on('requestfailed', (r) =>
      errors.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`),
    );
    page.on('response', (r) => {
      if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.url()}`);
    });
    await page.goto(server.url + url, { waitUntil: 'networkidle' });
    return { page, errors, close: () => context.close() };
  }

  test('has every chapter in both languages', () => {
    for (const chapter of CHAPTERS) {
      assert.ok(pages.includes(`/${chapter}/`), `/${chapter}/ missing`);
      assert.ok(pages.includes(`/zh-cn/${chapter}/`), `/zh-cn/${chapter}/ missing`);
    }
  });

  test('loads every page with no console error, no failed request and no fallback notice', async () => {
    const problems: string[] = [];
    for (const url of pages) {
      const { page, errors, close } = await open(url);
      const notice = await page
        .getByText(/This content is not available in your language yet|此内容尚不支持你的语言/)
        .count();
      if (notice > 0) errors.push('shows the untranslated-content notice');
      problems.push(...errors.map((e) => `${url}: ${e}`));
      await close();
    }
    assert.deepEqual(problems, []);
  });

  test('has no serious or critical accessibility violation on any page, in either theme', async () => {
    const problems: string[] = [];
    for (const url of pages) {
      for (const theme of ['light', 'dark'] as const) {
        const { page, close } = await open(url, theme);
        // Expressive Code makes a code block that scrolls focusable from an idle
        // callback after layout; axe must not run before the page has done so.
        await page
          .waitForFunction(SCROLLERS_FOCUSABLE, undefined, { timeout: 5000 })
          .catch(() => undefined);
        await page.addScriptTag({ content: AXE_SOURCE });
        const violations = await page.evaluate(async () => {
          const axe = (
            window as unknown as { axe: { run: () => Promise<{ violations: AxeViolation[] }> } }
          ).axe;
          return (await axe.run()).violations;
        });
        for (const v of violations.filter(
          (x) => x.impact === 'serious' || x.impact === 'critical',
        )) {
          problems.push(
            `${url} (${theme}): ${v.id} at ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`,
          );
        }
        await close();
      }
    }
    assert.deepEqual(problems, []);
  });

  test('takes a screenshot of every chapter in light and dark, in both languages', async () => {
    mkdirSync(RESULTS_DIR, { recursive: true });
    for (const chapter of CHAPTERS) {
      for (const lang of ['en', 'zh-cn'] as const) {
        for (const theme of ['light', 'dark'] as const) {
          const { page, close } = await open(
            lang === 'en' ? `/${chapter}/` : `/zh-cn/${chapter}/`,
            theme,
          );
          const file = path.join(RESULTS_DIR, `site-${lang}-${chapter}-${theme}.png`);
          await page.screenshot({ path: file, fullPage: true });
          await close();
          assert.ok(statSync(file).size > 10_000, `${file} is suspiciously small`);
        }
      }
    }
  });

  test('shows the product in the landing page’s first screen, in both languages and themes', async () => {
    mkdirSync(RESULTS_DIR, { recursive: true });
    for (const lang of ['en', 'zh-cn'] as const) {
      for (const theme of ['light', 'dark'] as const) {
        const { page, close } = await open(lang === 'en' ? '/' : '/zh-cn/', theme);
        await page.setViewportSize({ width: 1280, height: 800 });
        const hero = page.locator('.netlab-hero img:visible');
        assert.equal(await hero.count(), 1, 'one picture of the lab, the one of this theme');
        const src = (await hero.getAttribute('src')) ?? '';
        assert.match(src, new RegExp(`lab-${lang}-${theme}\\.`), `${lang} ${theme}: ${src}`);
        const alt = (await hero.getAttribute('alt')) ?? '';
        assert.match(
          alt,
          lang === 'en' ? /terminal.*task/ : /终端.*任务/,
          'an accessible description',
        );
        const box = await hero.boundingBox();
        assert.ok(box && box.y + box.height / 2 < 800, 'the picture is in the first screen');
        assert.equal(await hero.evaluate((img: HTMLImageElement) => img.naturalWidth > 0), true);
        await page.screenshot({ path: path.join(RESULTS_DIR, `landing-${lang}-${theme}.png`) });
        await close();
      }
    }
  });

  async function search(page: Page, query: string): Promise<string[]> {
    await page.locator('site-search button[data-open-modal]').click();
    const input = page.locator('.pagefind-ui__search-input');
    await input.fill(query);
    await page.locator('.pagefind-ui__result-link').first().waitFor({ timeout: 15_000 });
    return page
      .locator('.pagefind-ui__result-link')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  }

  test('search for "veth" finds the bridge chapter', async () => {
    const { page, close } = await open('/');
    const hrefs = await search(page, 'veth');
    await close();
    assert.ok(
      hrefs.some((h) => /^\/bridge-network\/(#.*)?$/.test(h)),
      `results: ${hrefs.join(', ')}`,
    );
  });

  test('search for "网桥" on the Chinese site finds the Chinese bridge chapter', async () => {
    const { page, close } = await open('/zh-cn/');
    const hrefs = await search(page, '网桥');
    await close();
    assert.ok(
      hrefs.some((h) => /^\/zh-cn\/bridge-network\/(#.*)?$/.test(h)),
      `results: ${hrefs.join(', ')}`,
    );
  });

  test('a chapter loads at most 150 KB of JavaScript before its lab opens', async () => {
    for (const chapter of CHAPTERS) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const sizes: Promise<number>[] = [];
      page.on('response', (r) => {
        if (r.request().resourceType() === 'script') sizes.push(r.body().then((b) => b.length));
      });
      await page.goto(`${server.url}/${chapter}/`, { waitUntil: 'networkidle' });
      const total = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
      await context.close();
      assert.ok(total <= JS_BUDGET, `/${chapter}/ loads ${total} bytes of JavaScript`);
    }
  });

  test('answers an unknown address with the 404 page', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const response = await page.goto(`${server.url}/no-such-chapter/`);
    const heading = await page.locator('h1').first().textContent();
    await context.close();
    assert.equal(response?.status(), 404);
    assert.match(heading ?? '', /404/);
  });
});

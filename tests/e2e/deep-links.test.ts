/**
 * Deep links and the embed view end to end: a URL opens a chapter with the
 * lab pane of the lab it names open at the task it names; `?embed` shows the
 * chapter and its lab without the site's chrome inside an LMS's iframe, and
 * only an origin in ALLOWED_ORIGINS (the terminal's rule) may frame it.
 * Two local "LMS" pages stand in: one allowed (127.0.0.1), one not (localhost).
 * Screenshots: test-results/deep-link-*.png.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Browser, Frame, Page } from 'playwright-core';
import { collectPageErrors, screenshot } from './helpers/browser.ts';
import { endSession, newContext, PROMPT } from './helpers/lab.ts';
import { buildImages, buildSite, startServer, type RunningServer } from './helpers/server.ts';
import { launchChromium } from './helpers/workshop.ts';

/** A page that frames `?src=` as an LMS lesson does. */
async function lmsServer(): Promise<{ port: number; close(): Promise<void> }> {
  const server = http.createServer((request, response) => {
    const src = new URL(request.url ?? '/', 'http://lms').searchParams.get('src') ?? '';
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(`<!doctype html><html lang="en"><head><title>Lesson 2</title></head>
<body style="margin:0;font-family:sans-serif"><h1 style="margin:8px">Lesson 2: the bridge</h1>
<iframe src="${src.replace(/"/g, '&quot;')}" title="Netlab lab" style="width:1200px;height:760px;border:1px solid #999"></iframe>
</body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('deep links and the embed view', { timeout: 600_000 }, () => {
  let server: RunningServer;
  let browser: Browser;
  let lms: Awaited<ReturnType<typeof lmsServer>>;
  let allowedOrigin: string;

  before(async () => {
    buildImages();
    lms = await lmsServer();
    allowedOrigin = `http://127.0.0.1:${lms.port}`;
    server = await startServer({ siteDir: buildSite(), env: { ALLOWED_ORIGINS: allowedOrigin } });
    browser = await launchChromium();
  });

  after(async () => {
    await browser.close();
    await server.stop();
    await lms.close();
  });

  /** Waits until the terminal of the pane of `lab` is live and shows the prompt. */
  async function waitForShell(where: Page | Frame, lab: string): Promise<void> {
    const terminal = where.locator(`#netlab-pane-${lab} netlab-terminal[data-state="live"]`);
    await terminal.waitFor({ timeout: 60_000 });
    await where.waitForFunction(
      ([selector, prompt]) => {
        const el = document.querySelector(selector ?? '') as HTMLElement & {
          terminal: { buffer: { active: { getLine(y: number): unknown; length: number } } };
        };
        const buffer = el.terminal.buffer.active;
        for (let y = 0; y < buffer.length; y++) {
          const line = buffer.getLine(y) as { translateToString(trim: boolean): string };
          if (line.translateToString(true).startsWith(prompt ?? '')) return true;
        }
        return false;
      },
      [`#netlab-pane-${lab} netlab-terminal`, PROMPT],
      { timeout: 30_000 },
    );
  }

  test('a link opens the chapter with the named lab’s pane open at the named task', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${server.url}/services/?lab=k8s-services&task=spread-load`);
    await waitForShell(page, 'k8s-services');
    const task = page.locator('#netlab-pane-k8s-services [data-task-id="spread-load"]');
    assert.equal(await task.getAttribute('aria-current'), 'step');
    assert.equal(await task.evaluate((el) => el === document.activeElement), true, 'focused');
    assert.equal(await task.isVisible(), true);
    assert.equal(
      await page.locator('aside[data-netlab-pane]:not(#netlab-pane-k8s-services)').count(),
      0,
      'no other lab opens',
    );
    await screenshot(page, 'deep-link-1-task');
    await endSession(page, server.url, 'k8s-services');

    // A task alone finds its lab; a task the lab lacks is said, and the lab opens anyway.
    await page.goto(`${server.url}/zh-cn/bridge-network/?task=look-at-bridge`);
    await waitForShell(page, 'bridge');
    assert.equal(
      await page
        .locator('#netlab-pane-bridge [data-task-id="look-at-bridge"]')
        .getAttribute('aria-current'),
      'step',
    );
    await page.goto(`${server.url}/bridge-network/?lab=bridge&task=no-such-task`);
    await waitForShell(page, 'bridge');
    assert.equal(
      await page.locator('[data-lab-message]').textContent(),
      'This link points to a task this lab does not have: no-such-task.',
    );
    assert.deepEqual(errors, []);
    await endSession(page, server.url, 'bridge');
    await context.close();
  });

  test('the embed view shows the chapter and its lab without site chrome in an allowed LMS frame', async () => {
    const path = '/bridge-network/?embed&lab=bridge&task=run-busybox1';
    const response = await fetch(server.url + path);
    assert.equal(
      response.headers.get('content-security-policy'),
      `frame-ancestors 'self' ${allowedOrigin}`,
    );

    for (const theme of ['light', 'dark'] as const) {
      const context = await newContext(browser, { theme });
      const page = await context.newPage();
      await page.setViewportSize({ width: 1240, height: 840 });
      const errors = collectPageErrors(page);
      await page.goto(`${allowedOrigin}/?src=${encodeURIComponent(server.url + path)}`);
      const frame = page.frameLocator('iframe[title="Netlab lab"]');
      const inner = page.frames().find((f) => f !== page.mainFrame());
      assert.ok(inner, 'the lab page is framed');
      await frame.locator('.sl-markdown-content').first().waitFor();
      // No site chrome: header, sidebar, table of contents, page footer.
      for (const chrome of ['header.header', 'nav.sidebar', '.right-sidebar-container', 'footer']) {
        assert.equal(await frame.locator(chrome).first().isVisible(), false, `${chrome} hidden`);
      }
      assert.equal(
        await frame.locator('h1').first().textContent(),
        'The bridge network, docker0 and veth pairs',
      );
      await waitForShell(inner, 'bridge');
      assert.equal(
        await frame
          .locator('#netlab-pane-bridge [data-task-id="run-busybox1"]')
          .getAttribute('aria-current'),
        'step',
      );
      // The terminal works inside the frame: its websocket comes from the lab server's origin.
      await frame.locator('#netlab-pane-bridge .xterm-screen').click();
      await page.keyboard.type('echo embedded-$((6*7))\n');
      await inner.waitForFunction(() => {
        const el = document.querySelector('#netlab-pane-bridge netlab-terminal') as HTMLElement & {
          terminal: { buffer: { active: { getLine(y: number): unknown; length: number } } };
        };
        const buffer = el.terminal.buffer.active;
        for (let y = 0; y < buffer.length; y++) {
          const line = buffer.getLine(y) as { translateToString(trim: boolean): string };
          if (line.translateToString(true) === 'embedded-42') return true;
        }
        return false;
      });
      await screenshot(page, `deep-link-2-embed-${theme}`);
      assert.deepEqual(errors, []);
      await endSession(inner, server.url, 'bridge');
      await context.close();
    }
  });

  test('a page whose origin is not allowed cannot frame the site', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const foreign = `http://localhost:${lms.port}`;
    const src = `${server.url}/bridge-network/?embed`;
    const refused = page.waitForEvent('console', (message) =>
      /frame-ancestors/.test(message.text()),
    );
    await page.goto(`${foreign}/?src=${encodeURIComponent(src)}`);
    await refused;
    const inner = page.frames().find((f) => f !== page.mainFrame());
    assert.ok(inner);
    assert.equal(await inner.locator('netlab-lab').count(), 0, 'no lab page in the frame');
    await screenshot(page, 'deep-link-3-refused');
    await context.close();
  });
});

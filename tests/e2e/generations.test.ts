/**
 * Both Docker generations end to end: the real site, lab server and sandboxes
 * in Chromium. A reader picks a generation on the lab card, starts the lab and
 * finds that generation's Docker in the terminal — its version and its FORWARD
 * chain (Docker 26 hangs the isolation chains straight off FORWARD; Docker 28
 * hands FORWARD to DOCKER-FORWARD) — and the card shows the running machine's
 * generation, locked until the lab ends. Screenshots: test-results/generation-*.png.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { GENERATIONS, type Generation } from '../../server/generations.ts';
import { collectPageErrors, screenshot } from './helpers/browser.ts';
import { endSession, newContext, typeCommand, waitForPrompt, waitForText } from './helpers/lab.ts';
import { buildImages, buildSite, startServer, type RunningServer } from './helpers/server.ts';
import { launchChromium } from './helpers/workshop.ts';

const LAB = 'bridge';

/** What each generation's FORWARD chain shows first among Docker's jumps. */
const FORWARD_JUMP: Record<Generation, RegExp> = {
  'docker-26': /-A FORWARD -j DOCKER-ISOLATION-STAGE-1/,
  'docker-28': /-A FORWARD -j DOCKER-FORWARD/,
};

const cases: [Generation, string][] = [
  ['docker-26', '/bridge-network/'],
  ['docker-28', '/zh-cn/bridge-network/'],
];

describe('Docker generations in the lab', { timeout: 600_000 }, () => {
  let server: RunningServer;
  let browser: Browser;

  before(async () => {
    buildImages();
    server = await startServer({ siteDir: process.env.NETLAB_E2E_SITE_DIR ?? buildSite() });
    browser = await launchChromium();
  });

  after(async () => {
    await browser.close();
    await server.stop();
  });

  for (const [generation, path] of cases) {
    test(`a reader who picks ${generation} at ${path} gets its Docker and its chains`, async () => {
      const context = await newContext(browser);
      const page = await context.newPage();
      const errors = collectPageErrors(page);
      try {
        await page.goto(server.url + path);
        const choice = page.locator(`input[data-lab-generation][value="${generation}"]`);
        await choice.check();
        await page.click('[data-lab-start]');
        await waitForPrompt(page);

        await typeCommand(page, `docker version --format 'server {{.Server.Version}}'`);
        await waitForText(page, `server ${GENERATIONS[generation].version}`);
        await typeCommand(page, 'iptables -S FORWARD');
        await waitForText(page, FORWARD_JUMP[generation]);
        // The live checks answer in the page's language (the terminal names it).
        const missing = path.startsWith('/zh-cn/')
          ? '没有名为 busybox1 的容器'
          : 'there is no container named busybox1';
        await page.locator('.netlab-pane').getByText(missing).first().waitFor({ timeout: 30_000 });

        assert.equal(await choice.isChecked(), true, 'the card shows the running generation');
        const others = page.locator(`input[data-lab-generation]:not([value="${generation}"])`);
        for (const other of await others.all())
          assert.equal(await other.isDisabled(), true, 'the choice is locked while the lab runs');
        await screenshot(page, `generation-${generation}`);
        assert.deepEqual(errors, []);
      } finally {
        await endSession(page, server.url, LAB);
        await context.close();
      }
    });
  }
});

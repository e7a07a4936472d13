/**
 * Screen-reader mode end to end: the real site, lab server and sandbox in
 * Chromium. With the switch on, xterm.js's screen-reader mode is on (its own
 * character-by-character live region silenced), and the lab log, an ARIA live
 * region, receives each command with its output in one piece, at most 20
 * lines of a long output, and "task passed" when a live check passes; in both
 * languages. axe finds no serious or critical violation with the pane open.
 * Screenshots: test-results/screen-reader-*.png.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { collectPageErrors, screenshot } from './helpers/browser.ts';
import {
  endSession,
  newContext,
  typeCommand,
  PANE_TERMINAL,
  waitForPrompt,
} from './helpers/lab.ts';
import { buildImages, buildSite, startServer, type RunningServer } from './helpers/server.ts';
import { axeProblems, launchChromium } from './helpers/workshop.ts';

const LAB = 'bridge';
const LOG = '.netlab-pane netlab-lab-log [data-log-entries][role="log"]';

describe('screen-reader mode', { timeout: 600_000 }, () => {
  let server: RunningServer;
  let browser: Browser;

  before(async () => {
    buildImages();
    server = await startServer({ siteDir: buildSite() });
    browser = await launchChromium();
  });

  after(async () => {
    await browser.close();
    await server.stop();
  });

  async function openLab(path: string, theme: 'light' | 'dark') {
    const context = await newContext(browser, { theme });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(server.url + path);
    await page.click('[data-lab-start]');
    await waitForPrompt(page);
    return { page, errors };
  }

  /** Waits until the live region holds `text`; returns its entries' texts. */
  async function waitForLog(page: Page, text: string, timeoutMs = 30_000): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    let entries: string[] = [];
    while (Date.now() < deadline) {
      entries = await page.$$eval(`${LOG} > .netlab-log__entry`, (els) =>
        els.map((el) => Array.from(el.children, (child) => child.textContent).join('\n')),
      );
      if (entries.some((entry) => entry.includes(text))) return entries;
      await page.waitForTimeout(200);
    }
    throw new Error(
      `the log never said ${JSON.stringify(text)}; it holds:\n${entries.join('\n---\n')}`,
    );
  }

  test('the live region receives brctl show with its output, and "Task passed"', async () => {
    const { page, errors } = await openLab('/bridge-network/', 'light');
    const toggle = page.locator('[data-pane-sr]');
    assert.equal(await page.locator('.netlab-pane netlab-lab-log').isVisible(), false);
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
    assert.equal(await page.locator(PANE_TERMINAL).getAttribute('data-screen-reader'), '');
    const log = page.locator(LOG);
    assert.equal(await log.isVisible(), true);
    assert.equal(await log.getAttribute('role'), 'log');
    // xterm.js's screen-reader mode is on, its own per-character live region silenced.
    assert.equal(await page.locator(`${PANE_TERMINAL} .xterm-accessibility-tree`).count(), 1);
    assert.equal(
      await page
        .locator(`${PANE_TERMINAL} .xterm-accessibility .live-region`)
        .getAttribute('aria-live'),
      'off',
    );
    await waitForLog(page, 'Screen reader mode is on');

    await typeCommand(page, 'docker run -d --name busybox1 busybox sleep 3600');
    await typeCommand(page, 'brctl show');
    const entries = await waitForLog(page, 'Command: brctl show');
    const brctl = entries.find((entry) => entry.startsWith('Command: brctl show')) ?? '';
    assert.match(brctl, /bridge name\s+bridge id\s+STP enabled\s+interfaces/);
    assert.match(brctl, /docker0\s+8000\.\S+\s+no\s+veth\w+/);
    assert.match(brctl, /Finished\.$/);
    assert.ok(
      // (A task's title may name the command too: "Task passed: List … with brctl show".)
      !entries.some((entry) => entry.startsWith('Command: brctl show') && entry !== brctl),
      'the command is announced once',
    );
    await waitForLog(
      page,
      'Task passed: Start a container named busybox1 from the busybox image, left running',
    );
    await waitForLog(page, 'Task passed: List the bridge');
    await screenshot(page, 'screen-reader-1-brctl-passed');

    // Output that scrolls the screen is read before it leaves (tmux scrolls with CSI n S).
    await typeCommand(page, 'seq 1 12');
    const twelve = await waitForLog(page, 'Command: seq 1 12');
    assert.ok(
      twelve.includes(
        [
          'Command: seq 1 12',
          Array.from({ length: 12 }, (_, i) => i + 1).join('\n'),
          'Finished.',
        ].join('\n'),
      ),
      twelve.join('\n---\n'),
    );
    // Output longer than the screen is one short announcement, not a flood, and says
    // that its start went by (tmux draws only the last screenful of it).
    await typeCommand(page, 'seq 1 1000');
    const long = (await waitForLog(page, 'Command: seq 1 1000')).filter((e) =>
      e.includes('seq 1 1000'),
    );
    assert.ok(long.length <= 2, long.join('\n---\n'));
    const spoken = long
      .join('\n')
      .split('\n')
      .filter((line) => /^\d+$/.test(line))
      .map(Number);
    assert.ok(spoken.length > 0 && spoken.length <= 20, `${spoken.length} lines read out`);
    assert.ok(
      // In order; tmux may have skipped more than once (each skip drew a later screenful).
      spoken.every((n, i) => i === 0 || n > (spoken[i - 1] ?? 0)),
      long.join('\n---\n'),
    );
    assert.match(long.join('\n'), /its start went by unseen; add \| less to page through it\./);

    // "Check my work" reads out each open task with what was expected and found.
    await page.click('[data-tasks-check]');
    await waitForLog(page, 'of 5 tasks done.');
    await waitForLog(page, 'Not yet: Which host interface is the peer of busybox1');

    const problems = await axeProblems(page, 'lab pane with screen-reader mode on');
    assert.deepEqual(problems, []);
    assert.deepEqual(errors, []);

    // The setting is the reader's: it stays on after a reload.
    await page.reload();
    await waitForPrompt(page);
    assert.equal(await page.locator('[data-pane-sr]').getAttribute('aria-pressed'), 'true');
    assert.equal(await page.locator(LOG).isVisible(), true);
    await endSession(page, server.url, LAB);
    await page.context().close();
  });

  test('the log speaks Chinese on the Chinese page, in the dark theme', async () => {
    const { page, errors } = await openLab('/zh-cn/bridge-network/', 'dark');
    await page.click('[data-pane-sr]');
    await waitForLog(page, '读屏模式已开启');
    await typeCommand(page, 'docker run -d --name busybox1 busybox sleep 3600');
    await typeCommand(page, 'brctl show');
    const entries = await waitForLog(page, '命令：brctl show');
    assert.ok(
      entries.some((entry) => /docker0[\s\S]*已完成。$/.test(entry)),
      entries.join('\n---\n'),
    );
    await waitForLog(page, '任务通过：用 busybox 镜像启动名为 busybox1 的容器');
    const problems = await axeProblems(page, 'zh-cn lab pane with screen-reader mode on');
    assert.deepEqual(problems, []);
    await screenshot(page, 'screen-reader-2-zh-cn-dark');
    assert.deepEqual(errors, []);
    await endSession(page, server.url, LAB);
    await page.context().close();
  });
});

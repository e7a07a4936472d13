/**
 * The lab on a phone, end to end: Chromium emulating a touch phone (390×844,
 * `pointer: coarse`), the real site and lab server, a real sandbox. The key bar
 * sends Ctrl-C, Tab, arrows and `|` to the shell; the terminal fits the screen,
 * above an on-screen keyboard too; "Run this" still types into the terminal.
 * axe finds no serious or critical violation with the key bar showing.
 * Screenshots (both languages, light and dark): test-results/phone-*.png.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { collectPageErrors, screenshot } from './helpers/browser.ts';
import {
  box,
  endSession,
  focusInTerminal,
  lastLine,
  newContext,
  PANE_TERMINAL,
  PROMPT,
  waitForLastLine,
  waitForPrompt,
  waitForText,
} from './helpers/lab.ts';
import { buildImages, buildSite, startServer, type RunningServer } from './helpers/server.ts';
import { focusTerminal, terminalText, waitForTerminal } from './helpers/terminal.ts';
import { axeProblems, launchChromium } from './helpers/workshop.ts';

const LAB = 'bridge';
const PHONE = { width: 390, height: 844 };

describe('the lab on a phone', { timeout: 600_000 }, () => {
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

  async function openLab(
    path: string,
    theme: 'light' | 'dark' = 'light',
  ): Promise<{ page: Page; errors: string[] }> {
    const context = await newContext(browser, { phone: true, theme });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto(server.url + path);
    await page.locator('[data-lab-start]').tap();
    await waitForPrompt(page);
    return { page, errors };
  }

  const key = (page: Page, name: string) =>
    page.locator(`${PANE_TERMINAL} netlab-key-bar button[data-key="${name}"]`);

  test('Ctrl from the key bar then c stops yes; Tab completes; ↑ and | reach the shell', async () => {
    const { page, errors } = await openLab('/bridge-network/');
    const terminal = page.locator(PANE_TERMINAL);
    const bar = terminal.locator('netlab-key-bar');
    assert.equal(await bar.isVisible(), true, 'the key bar shows on a touch screen');

    await focusTerminal(terminal);
    await page.keyboard.type('yes\n');
    await waitForTerminal(page, /\ny\ny\ny\n/, { selector: PANE_TERMINAL });
    await key(page, 'ctrl').tap();
    assert.equal(await bar.getAttribute('data-ctrl'), 'armed');
    assert.equal(await key(page, 'ctrl').getAttribute('aria-pressed'), 'true');
    assert.equal(await focusInTerminal(page), true, 'tapping the bar keeps the phone keyboard');
    await page.keyboard.type('c'); // from the phone's own keyboard
    assert.equal(await bar.getAttribute('data-ctrl'), 'off', 'Ctrl is one-shot');
    await waitForLastLine(page, new RegExp(`^${PROMPT}$`));
    assert.match(await terminalText(page, PANE_TERMINAL), /\^C/);
    await screenshot(page, 'phone-1-ctrl-c');

    // Tab completes a command: "brct" + Tab becomes "brctl ".
    await page.keyboard.type('brct');
    await key(page, 'tab').tap();
    await waitForLastLine(page, new RegExp(`^${PROMPT} brctl$`));
    await page.keyboard.type('show ');
    await key(page, '|').tap();
    await page.keyboard.type(' grep -c docker0\n');
    await waitForText(page, /brctl show \| grep -c docker0\n1\n/);
    await waitForLastLine(page, new RegExp(`^${PROMPT}$`));

    // ↑ brings the last command back from the shell's history.
    await key(page, 'up').tap();
    await waitForLastLine(page, new RegExp(`^${PROMPT} brctl show \\| grep -c docker0$`));
    await key(page, 'ctrl').tap();
    await page.keyboard.type('u'); // Ctrl-U clears the line
    await waitForLastLine(page, new RegExp(`^${PROMPT}$`));
    assert.equal(await focusInTerminal(page), true);
    await screenshot(page, 'phone-2-tab-pipe');
    assert.deepEqual(errors, []);
    await endSession(page, server.url, LAB);
    await page.context().close();
  });

  test('the terminal fits the screen, above an on-screen keyboard too', async () => {
    const { page, errors } = await openLab('/bridge-network/');
    const pane = page.locator('[data-netlab-pane]');
    const terminal = page.locator(PANE_TERMINAL);
    const fits = async (bottom: number): Promise<void> => {
      const p = await box(pane);
      const screen = await box(terminal.locator('.xterm-screen'));
      const bar = await box(terminal.locator('netlab-key-bar'));
      assert.ok(p.x >= 0 && p.x + p.width <= PHONE.width + 0.5, `pane ${JSON.stringify(p)}`);
      assert.ok(screen.x + screen.width <= PHONE.width, `screen ${JSON.stringify(screen)}`);
      assert.ok(
        bar.y + bar.height <= bottom + 0.5,
        `key bar ${JSON.stringify(bar)} above ${bottom}`,
      );
      assert.ok(bar.height >= 24 && bar.width <= PHONE.width, 'keys a finger can hit');
    };
    await fits(PHONE.height);
    const cols = await terminal.evaluate(
      (el) => (el as HTMLElement & { terminal: { cols: number } }).terminal.cols,
    );
    assert.ok(cols >= 40, `${cols} columns`);
    // What lab-pane/keyboard-inset.ts sets when a 340 px keyboard opens.
    await page.evaluate(() => {
      document.documentElement.style.setProperty('--netlab-keyboard-inset', '340px');
      document.documentElement.toggleAttribute('data-netlab-keyboard', true);
    });
    // The terminal refits to the room above the keyboard: every row it has is on screen.
    await page.waitForFunction(() => {
      const el = document.querySelector('.netlab-pane netlab-terminal') as HTMLElement & {
        terminal: { rows: number; element: HTMLElement };
      };
      const rows = el.terminal.element.querySelector('.xterm-screen')?.getBoundingClientRect();
      return rows !== undefined && rows.bottom <= 844 - 340;
    });
    assert.equal(await page.locator('.netlab-pane .netlab-tasks').isVisible(), false);
    const rows = await terminal.evaluate(
      (el) => (el as HTMLElement & { terminal: { rows: number } }).terminal.rows,
    );
    assert.ok(rows >= 12, `${rows} rows above the keyboard`);
    await fits(PHONE.height - 340);
    await focusTerminal(terminal);
    await page.keyboard.type('echo fits-$((40+2))\n');
    await waitForTerminal(page, /\nfits-42\n/, { selector: PANE_TERMINAL });
    await screenshot(page, 'phone-3-keyboard-open');
    assert.deepEqual(errors, []);
    await endSession(page, server.url, LAB);
    await page.context().close();
  });

  test('"Run this" still types into the terminal from the article', async () => {
    const { page, errors } = await openLab('/bridge-network/');
    await page.locator('[data-pane-collapse]').tap(); // "Article"
    const run = page.locator('[data-netlab-run-button]').first();
    const label = (await run.getAttribute('aria-label')) ?? '';
    const command = label.slice(label.indexOf(': ') + 2).split('\n')[0] ?? '';
    await run.scrollIntoViewIfNeeded();
    await run.tap();
    await page.locator('[data-netlab-pane]').waitFor({ state: 'visible' });
    await waitForText(page, `${PROMPT} ${command}\n`);
    await waitForLastLine(page, new RegExp(`^${PROMPT}$`));
    assert.ok((await lastLine(page)).startsWith(PROMPT));
    await screenshot(page, 'phone-4-run-this');
    assert.deepEqual(errors, []);
    await endSession(page, server.url, LAB);
    await page.context().close();
  });

  test('takes screenshots of the open lab on a phone in both languages, light and dark', async () => {
    for (const lang of ['en', 'zh-cn'] as const) {
      for (const theme of ['light', 'dark'] as const) {
        const { page, errors } = await openLab(
          lang === 'en' ? '/bridge-network/' : '/zh-cn/bridge-network/',
          theme,
        );
        const ctrl = key(page, 'ctrl');
        assert.equal(
          await ctrl.getAttribute('aria-label'),
          lang === 'en' ? 'Ctrl, for the next key' : 'Ctrl，作用于下一个按键',
        );
        assert.deepEqual(await axeProblems(page, `phone ${lang} ${theme}`), []);
        await ctrl.tap(); // armed, to see how it looks
        await screenshot(page, `phone-${lang}-${theme}`);
        assert.deepEqual(errors, []);
        await endSession(page, server.url, LAB);
        await page.context().close();
      }
    }
  });
});

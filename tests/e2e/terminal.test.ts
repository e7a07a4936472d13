/**
 * The lab terminal end to end: the real site (npm run build), the real lab
 * server with real sandboxes, real Chromium. Screenshots: test-results/terminal-*.png.
 *
 * NETLAB_E2E_SITE_DIR=<dir> tests another built site instead of building dist/;
 * NETLAB_E2E_SKIP_BUILD=1 reuses an existing dist/.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  collectPageErrors,
  launchBrowser,
  lazyPartsLoaded,
  screenshot,
} from './helpers/browser.ts';
import {
  buildImages,
  buildSite,
  REPO_ROOT,
  startServer,
  type RunningServer,
} from './helpers/server.ts';
import { box } from './helpers/lab.ts';
import { serveStatic } from './helpers/static-server.ts';
import { focusTerminal, terminalText, waitForTerminal } from './helpers/terminal.ts';

const PROMPT = 'root@netlab:~#';
/** Page JS before a lab opens (DESIGN: < 150 KB). */
const JS_BUDGET = 150 * 1024;

interface LabPage {
  /** URL path, e.g. "/bridge-network/". */
  path: string;
  lab: string;
  hasRunBlocks: boolean;
}

/** Pages of the built site that hold a LabPane, English first, those with "Run this" blocks first. */
function labPages(siteDir: string): LabPage[] {
  const pages: LabPage[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) walk(file);
      else if (name === 'index.html') {
        const html = readFileSync(file, 'utf8');
        const lab = /<netlab-lab[^>]*\sdata-lab="([^"]+)"/.exec(html)?.[1];
        if (!lab) continue;
        const rel = path.relative(siteDir, dir).split(path.sep).join('/');
        pages.push({
          path: rel ? `/${rel}/` : '/',
          lab,
          hasRunBlocks: html.includes('data-netlab-run'),
        });
      }
    }
  };
  walk(siteDir);
  const score = (p: LabPage): number =>
    (p.path.startsWith('/zh-cn/') ? 2 : 0) + (p.hasRunBlocks ? 0 : 1);
  return pages.sort((a, b) => score(a) - score(b) || a.path.localeCompare(b.path));
}

describe('lab terminal in the browser', { timeout: 600_000 }, () => {
  let siteDir: string;
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let labPage: LabPage;

  before(async () => {
    buildImages();
    siteDir = process.env.NETLAB_E2E_SITE_DIR ?? buildSite();
    const pages = labPages(siteDir);
    assert.ok(
      pages[0],
      `no page of the built site (${siteDir}) has a <LabPane>; add one to a chapter`,
    );
    labPage = pages[0];
    server = await startServer({ siteDir });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  const lab = (): { server: RunningServer; browser: Browser } => {
    assert.ok(server && browser, 'the server and the browser started');
    return { server, browser };
  };

  async function newPage(width = 1400, height = 900): Promise<{ page: Page; errors: string[] }> {
    const context = await lab().browser.newContext({ viewport: { width, height } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: lab().server.url,
    });
    const page = await context.newPage();
    return { page, errors: collectPageErrors(page) };
  }

  /** Ends the page's lab session through the API (each client may only run a few at once). */
  async function endSession(page: Page): Promise<void> {
    const stored = await page.evaluate(
      (id) => localStorage.getItem(`netlab:session:${id}`),
      labPage.lab,
    );
    if (!stored) return;
    const { id, token } = JSON.parse(stored) as { id: string; token: string };
    await fetch(`${lab().server.url}/api/sessions/${id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}` },
    });
  }

  test('a page with a lab ships no terminal code and stays within the JS budget until the lab opens', async () => {
    const { page, errors } = await newPage();
    const scripts = new Map<string, number>();
    page.on('response', (response) => {
      if (response.request().resourceType() !== 'script') return;
      void response.body().then(
        (body) => scripts.set(response.url(), body.length),
        () => undefined,
      );
    });
    await page.goto(lab().server.url + labPage.path, { waitUntil: 'networkidle' });
    const total = [...scripts.values()].reduce((a, b) => a + b, 0);
    const urls = [...scripts.keys()];
    assert.ok(
      !urls.some((u) => /lab-pane|xterm|netlab-terminal/i.test(u)),
      `terminal code loaded early: ${urls.join(', ')}`,
    );
    assert.ok(
      total < JS_BUDGET,
      `page JS is ${total} bytes (budget ${JS_BUDGET}): ${urls.join(', ')}`,
    );
    await page.waitForSelector('[data-lab-start]');
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  test('Start lab opens a shell; typed commands, "Run this" and a reload all reach the same shell', async () => {
    const { page, errors } = await newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    const sockets: string[] = [];
    page.on('websocket', (socket) => sockets.push(socket.url()));
    await page.goto(lab().server.url + labPage.path);

    await page.click('[data-lab-start]');
    const terminal = page.locator('netlab-terminal');
    await terminal.and(page.locator('[data-state="live"]')).waitFor({ timeout: 60_000 });
    await waitForTerminal(page, PROMPT);
    assert.equal(await page.locator('[data-term-badge]').textContent(), 'Connected');
    // The token goes in the socket's first message, never in its URL.
    const stored = JSON.parse(
      (await page.evaluate((id) => localStorage.getItem(`netlab:session:${id}`), labPage.lab)) ??
        '{}',
    ) as { token?: string };
    const secret = stored.token ?? '';
    assert.ok(secret && sockets.length > 0);
    assert.deepEqual(
      sockets.filter((u) => u.includes(secret) || /[?&](token|ticket)=/.test(u)),
      [],
    );
    await screenshot(page, 'terminal-1-open');

    // Typed input reaches the sandbox's shell.
    await focusTerminal(terminal);
    await page.keyboard.type('brctl show\n');
    await waitForTerminal(page, /brctl show[\s\S]*docker0/);
    await screenshot(page, 'terminal-2-brctl');

    // Selecting copies; Ctrl+Shift+V pastes.
    await page.$eval('netlab-terminal', (element) =>
      (element as HTMLElement & { terminal: { selectAll(): void } }).terminal.selectAll(),
    );
    await page.waitForFunction(async () =>
      (await navigator.clipboard.readText()).includes('docker0'),
    );
    await page.evaluate(() => navigator.clipboard.writeText('echo pasted-$((6*7))'));
    await focusTerminal(terminal);
    await page.keyboard.press('Control+Shift+V');
    await page.keyboard.press('Enter');
    await waitForTerminal(page, /\npasted-42\n/);

    // Output longer than the screen: tmux draws only its last screenful, and
    // scrolling back brings every line of it into the scrollback.
    await page.keyboard.type('seq 1 150\n');
    await waitForTerminal(page, /\n150\n/);
    const every = Array.from({ length: 150 }, (_, i) => String(i + 1)).join('\n');
    const screen = await box(terminal.locator('.xterm-screen'));
    await page.mouse.move(screen.x + screen.width / 2, screen.y + screen.height / 2);
    await page.mouse.wheel(0, -300);
    await waitForTerminal(page, new RegExp(`seq 1 150\n${every}\n${escapeRegExp(PROMPT)}`));
    // The same notch of the wheel moved the view up, once the history was there.
    await page.waitForFunction(() => {
      const element = document.querySelector('netlab-terminal') as HTMLElement & {
        terminal: { buffer: { active: { viewportY: number; baseY: number } } } | null;
      };
      const buffer = element.terminal?.buffer.active;
      return buffer !== undefined && buffer.viewportY < buffer.baseY;
    });

    // A "Run this" button types its command into the same terminal.
    const runButton = page.locator('[data-netlab-run-button]').first();
    assert.ok(
      labPage.hasRunBlocks && (await runButton.count()) > 0,
      `${labPage.path} has no "Run this" code block`,
    );
    const label = (await runButton.getAttribute('aria-label')) ?? '';
    const command = label.slice(label.indexOf(': ') + 2).split('\n')[0] ?? '';
    const before = (await terminalText(page)).split(PROMPT).length;
    await runButton.click();
    const afterRun = await waitForTerminal(
      page,
      new RegExp(
        `${escapeRegExp(PROMPT)} ${escapeRegExp(command)}\\n[\\s\\S]*${escapeRegExp(PROMPT)}`,
      ),
    );
    // It ran: its line appears after a prompt, then output, then the next prompt.
    const runs = afterRun.split(PROMPT);
    assert.ok(runs.length > before, 'a new prompt followed the command');
    const ranAt = runs.findLastIndex((chunk) => chunk.trimStart().startsWith(command));
    const output = runs[ranAt]?.slice(runs[ranAt].indexOf(command) + command.length).trim() ?? '';
    if (/^(brctl show|ip (-\w+ )*a(ddr)?|ip link)\b/.test(command))
      assert.match(output, /docker0|lo:/);
    await screenshot(page, 'terminal-3-run-this');

    // Esc then Tab leaves the terminal with the keyboard.
    await focusTerminal(terminal);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    assert.equal(
      await page.evaluate(() => document.activeElement?.closest('.xterm') !== null),
      false,
    );

    // A reload reopens the lab on the same shell, with the earlier output restored.
    const session = await page.evaluate(
      (lab) => localStorage.getItem(`netlab:session:${lab}`),
      labPage.lab,
    );
    await page.reload();
    await terminal.and(page.locator('[data-state="live"]')).waitFor({ timeout: 60_000 });
    // The history comes in several frames (seq 1 150 is in it): wait for its end.
    const restored = await waitForTerminal(
      page,
      new RegExp(`brctl show[\\s\\S]*docker0[\\s\\S]*${escapeRegExp(command)}`),
    );
    assert.ok(restored.includes(command), 'the "Run this" command is still on screen');
    assert.equal(
      await page.evaluate((lab) => localStorage.getItem(`netlab:session:${lab}`), labPage.lab),
      session,
      'the same session was resumed',
    );
    await screenshot(page, 'terminal-4-reloaded');

    // Ending the lab removes the session and closes the pane.
    const { id, token } = JSON.parse(session ?? '{}') as { id: string; token: string };
    await page.click('[data-pane-end]');
    await page.locator('[data-netlab-pane]').waitFor({ state: 'detached' });
    assert.equal(await page.locator('[data-lab-message]').textContent(), 'The lab has ended.');
    const gone = await fetch(`${lab().server.url}/api/sessions/${id}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const goneBody = (await gone.json()) as { status?: string };
    assert.ok(
      [404, 410].includes(gone.status) || goneBody.status === 'ended',
      `the session is gone (HTTP ${gone.status} ${JSON.stringify(goneBody)})`,
    );
    await screenshot(page, 'terminal-5-ended');
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  test('the pane resizes with the keyboard, collapses, and is a full-width drawer on a phone', async () => {
    const { page, errors } = await newPage(390, 844);
    await page.goto(lab().server.url + labPage.path);
    await page.click('[data-lab-start]');
    await page.locator('netlab-terminal[data-state="live"]').waitFor({ timeout: 60_000 });
    await waitForTerminal(page, PROMPT);
    const pane = page.locator('[data-netlab-pane]');
    const box = await pane.boundingBox();
    assert.equal(Math.round(box?.width ?? 0), 390, 'full width on a narrow screen');
    await screenshot(page, 'terminal-6-phone');

    // Task results pushed by the server are shown against their tasks.
    const firstTask = page.locator('[data-task-id]').first();
    const taskId = (await firstTask.getAttribute('data-task-id')) ?? '';
    await page.$eval(
      'netlab-terminal',
      (element, id) =>
        element.dispatchEvent(
          new CustomEvent('netlab-terminal:tasks', {
            bubbles: true,
            detail: { tasks: [{ id, passed: true, detail: null }] },
          }),
        ),
      taskId,
    );
    assert.equal(await firstTask.getAttribute('data-status'), 'passed');
    assert.match((await page.locator('[data-task-count]').textContent()) ?? '', /^1\//);

    // No serious accessibility problems in the open pane.
    await page.addScriptTag({ path: path.join(REPO_ROOT, 'node_modules/axe-core/axe.min.js') });
    const violations = await page.evaluate(async () => {
      const axe = (
        window as unknown as {
          axe: { run(context: unknown, options: unknown): Promise<AxeResults> };
        }
      ).axe;
      const results = await axe.run(
        {
          include: ['[data-netlab-pane]', 'netlab-lab'],
          exclude: ['.xterm-accessibility', '.xterm-helpers'],
        },
        { resultTypes: ['violations'] },
      );
      return results.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);

      interface AxeResults {
        violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[];
      }
    });
    assert.deepEqual(violations, []);
    await page.click('[data-pane-collapse]');
    assert.equal(await pane.isHidden(), true);
    await page.click('[data-pane-show]');
    assert.equal(await pane.isVisible(), true);

    await page.setViewportSize({ width: 1400, height: 900 });
    // The lab's title whole beside the article: the buttons go to a second row first.
    const title = page.locator('.netlab-pane__title');
    assert.equal(
      await title.evaluate((el) => el.scrollWidth <= el.clientWidth),
      true,
      `the pane's title is cut: ${await title.textContent()}`,
    );
    const handle = page.locator('[data-pane-handle]');
    await handle.focus();
    const before = Number(await handle.getAttribute('aria-valuenow'));
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    assert.equal(Number(await handle.getAttribute('aria-valuenow')), before + 4);
    const wide = (await pane.boundingBox())?.width ?? 0;
    await page.keyboard.press('Home');
    assert.equal(Number(await handle.getAttribute('aria-valuenow')), 20);
    const narrow = (await pane.boundingBox())?.width ?? 0;
    const expected = (wide * 20) / (before + 4);
    assert.ok(
      Math.abs(narrow - expected) < 2,
      `pane shrank to ${narrow}px, expected ${expected}px`,
    );

    // Dragging the handle resizes too.
    const grip = await handle.boundingBox();
    assert.ok(grip);
    await page.mouse.move(grip.x + grip.width / 2, grip.y + 200);
    await page.mouse.down();
    await page.mouse.move(grip.x - 200, grip.y + 200, { steps: 5 });
    await page.mouse.up();
    const dragged = (await pane.boundingBox())?.width ?? 0;
    assert.ok(
      Math.abs(dragged - (narrow + 200)) < 15,
      `dragged to ${dragged}px, expected about ${narrow + 200}px`,
    );
    await screenshot(page, 'terminal-7-narrow-pane');
    assert.deepEqual(errors, []);
    await endSession(page);
    await page.context().close();
  });

  test('"Run this" opens the lab first; a lost WebGL context falls back to the DOM renderer', async () => {
    const { page, errors } = await newPage();
    await page.goto(lab().server.url + labPage.path);
    const runButton = page.locator('[data-netlab-run-button]').first();
    assert.ok((await runButton.count()) > 0, `${labPage.path} has no "Run this" code block`);
    const label = (await runButton.getAttribute('aria-label')) ?? '';
    const command = label.slice(label.indexOf(': ') + 2).split('\n')[0] ?? '';
    await runButton.click();
    const terminal = page.locator('netlab-terminal');
    await terminal.and(page.locator('[data-state="live"]')).waitFor({ timeout: 60_000 });
    await waitForTerminal(page, `${PROMPT} ${command}`);

    const renderer = await terminal.getAttribute('data-renderer');
    if (renderer === 'webgl') {
      const lost = await page.$$eval('netlab-terminal canvas', (canvases) =>
        canvases.some((canvas) => {
          const gl = (canvas as HTMLCanvasElement).getContext('webgl2');
          gl?.getExtension('WEBGL_lose_context')?.loseContext();
          return gl !== null;
        }),
      );
      assert.ok(lost, 'found the WebGL canvas');
      await page.locator('netlab-terminal[data-renderer="dom"]').waitFor({ timeout: 15_000 });
    }
    assert.equal(await terminal.getAttribute('data-renderer'), 'dom');
    await focusTerminal(terminal);
    await page.keyboard.type('echo dom-$((2+3))\n');
    await page.locator('.xterm-rows', { hasText: 'dom-5' }).waitFor();
    await screenshot(page, 'terminal-9-dom-renderer');
    assert.deepEqual(errors, []);
    await endSession(page);
    await page.context().close();
  });

  test('the terminal reconnects by itself when the lab server restarts, to the same shell', async () => {
    // One data folder for both servers: the second adopts the first one's sessions.
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'netlab-e2e-restart-'));
    const first = await startServer({ siteDir, dataDir, env: { SHUTDOWN_SANDBOXES: 'keep' } });
    let second: RunningServer | undefined;
    const context = await lab().browser.newContext({ viewport: { width: 1400, height: 900 } });
    try {
      const page = await context.newPage();
      const errors = collectPageErrors(page);
      await page.goto(first.url + labPage.path);
      await page.click('[data-lab-start]');
      const terminal = page.locator('netlab-terminal');
      await terminal.and(page.locator('[data-state="live"]')).waitFor({ timeout: 60_000 });
      await waitForTerminal(page, PROMPT);
      await focusTerminal(terminal);
      await page.keyboard.type('echo before-$((1+1))-restart\n');
      await waitForTerminal(page, 'before-2-restart');

      await lazyPartsLoaded(page);
      await first.stop();
      await terminal.and(page.locator('[data-state="reconnecting"]')).waitFor({ timeout: 15_000 });
      await screenshot(page, 'terminal-10-reconnecting');
      second = await startServer({ siteDir, dataDir, port: first.port });
      // Its backoff may have grown to 10 s while the server was down; on a loaded
      // machine attaching takes seconds more. Say what the terminal and server said.
      const restarted = second;
      await terminal
        .and(page.locator('[data-state="live"]'))
        .waitFor({ timeout: 60_000 })
        .catch(async (error: unknown) => {
          const status = await terminal.getAttribute('data-state');
          const said = await page.locator('netlab-terminal [role="status"]').allTextContents();
          throw new Error(
            `no live terminal after the restart (state ${String(status)}: ${said.join(' ')});` +
              ` the new server printed:\n${restarted.output().slice(-4000)}`,
            { cause: error },
          );
        });
      const text = await waitForTerminal(page, 'before-2-restart');
      assert.ok(text.includes('before-2-restart'), 'the earlier output is back');
      await focusTerminal(terminal);
      await page.keyboard.type('echo after-$((1+2))-restart\n');
      await waitForTerminal(page, 'after-3-restart');
      await screenshot(page, 'terminal-11-reconnected');
      assert.deepEqual(
        errors.filter((e) => !/WebSocket|ERR_CONNECTION_REFUSED|Failed to load resource/.test(e)),
        [],
      );
    } finally {
      await context.close();
      await second?.stop();
      await first.stop();
      if (!second) {
        // The first server kept its sandboxes; a server on the same data removes them.
        await (await startServer({ siteDir: null, dataDir })).stop();
      }
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('the Chinese page speaks Chinese', async () => {
    const zh = labPages(siteDir).find((p) => p.path.startsWith('/zh-cn/'));
    assert.ok(zh, 'a zh-cn page has a LabPane');
    const { page } = await newPage();
    await page.goto(lab().server.url + zh.path);
    assert.equal((await page.locator('[data-lab-start]').textContent())?.trim(), '开始实验');
    await page.context().close();
  });

  test('on a static host without the lab server, Start lab says the server is not reachable', async () => {
    const host = await serveStatic(siteDir);
    try {
      const context = await lab().browser.newContext();
      const page = await context.newPage();
      await page.goto(host.url + labPage.path);
      await page.click('[data-lab-start]');
      const message = page.locator('[data-lab-message][data-kind="error"]');
      await message.waitFor();
      assert.match((await message.textContent()) ?? '', /^The lab server is not reachable/);
      assert.equal(await page.locator('[data-lab-start]').isEnabled(), true);
      await screenshot(page, 'terminal-8-static-host');
      await context.close();
    } finally {
      await host.close();
    }
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

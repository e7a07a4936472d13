/**
 * `cat` of 50 MB as a reader sees it: in Chromium, from Enter to the line
 * after it on the screen. Netlab's lab page (tmux in the sandbox sends the
 * screen, discarding what no screen has time to show) against WeTTY 3.2's page
 * (every byte to the browser, its xterm.js parsing all of it), into the same
 * sandbox, in interleaved rounds. `peers terminals` times the same `cat` with a
 * client that acknowledges but parses nothing; here the browser's parsing and
 * drawing count, as they do for a reader. The pane's xterm.js alone, 50 MB
 * written into it in the page, bounds what a holder that passes every byte on
 * (dtach) could give. PEERS_AB (see ab.ts) compares Netlab variants the same
 * way, each in a lab page of its own.
 *
 * Uses the built site (NETLAB_E2E_SITE_DIR, or dist/ with
 * NETLAB_E2E_SKIP_BUILD=1, or a fresh build).
 */
import type { ChildProcess } from 'node:child_process';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../../tests/e2e/helpers/browser.ts';
import { PANE_TERMINAL, waitForPrompt } from '../../tests/e2e/helpers/lab.ts';
import { buildSite, startServer, type RunningServer } from '../../tests/e2e/helpers/server.ts';
import { focusTerminal } from '../../tests/e2e/helpers/terminal.ts';
import { percentile, range, rotated, sleep, type Row } from '../stats.ts';
import { abVariants } from './ab.ts';
import { startWetty } from './terminal-peers.ts';

const LAB_PAGE = '/bridge-network/';
const MAKE_BIG =
  '[ -s /tmp/big ] || head -c 37500000 /dev/urandom | base64 -w 100 > /tmp/big; echo big-$((1+1))-ready';

interface Opened {
  page: Page;
  /** Whether the terminal's 30 lines up to the cursor hold `text` (its xterm.js buffer, read in the page). */
  shows(text: string): Promise<boolean>;
}

interface XtermLike {
  buffer: {
    active: {
      length: number;
      baseY: number;
      cursorY: number;
      getLine(i: number): { translateToString(trim: boolean): string } | undefined;
    };
  };
}

/** Runs in the page: Netlab's pane terminal, or WeTTY's global one, shows `text` just above its cursor. */
function pageShows([selector, text]: readonly [string | null, string]): boolean {
  const term = selector
    ? document.querySelector<Element & { terminal?: XtermLike }>(selector)?.terminal
    : (window as unknown as { wetty_term?: XtermLike }).wetty_term;
  if (!term) return false;
  const b = term.buffer.active;
  const cursor = b.baseY + b.cursorY;
  for (let i = Math.max(0, cursor - 30); i <= cursor; i++)
    if (b.getLine(i)?.translateToString(true).includes(text)) return true;
  return false;
}

async function openNetlab(page: Page, url: string): Promise<Opened> {
  await page.goto(url + LAB_PAGE);
  await page.click('[data-lab-start]');
  await waitForPrompt(page);
  await focusTerminal(page.locator(PANE_TERMINAL));
  return { page, shows: (text) => page.evaluate(pageShows, [PANE_TERMINAL, text] as const) };
}

async function openWetty(page: Page, port: number): Promise<Opened> {
  await page.goto(`http://127.0.0.1:${port}/wetty/`);
  const opened: Opened = { page, shows: (text) => page.evaluate(pageShows, [null, text] as const) };
  await until(() => opened.shows('@netlab:~#'), 30_000).catch(async (e: unknown) => {
    const held = await page.evaluate(() => {
      const t = (window as unknown as { wetty_term?: XtermLike }).wetty_term;
      if (!t) return '(no terminal)';
      const b = t.buffer.active;
      return Array.from({ length: b.length }, (_, i) => b.getLine(i)?.translateToString(true))
        .join('\n')
        .trim();
    });
    throw new Error(`WeTTY showed no prompt; it holds:\n${held}`, { cause: e });
  });
  await page.locator('.xterm-screen').click();
  return opened;
}

async function until(test: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await test())) {
    if (performance.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await sleep(20);
  }
}

/**
 * Types the `cat` and answers MB/s until the marker after it shows: a marker
 * of its own each time (the last one may still be above the cursor), not in
 * the typed line itself (the shell computes it).
 */
async function catRound(t: Opened): Promise<number> {
  const mark = 1000 + Math.floor(Math.random() * 1e9);
  await t.page.keyboard.type(`${MAKE_BIG}\n`);
  await until(() => t.shows('big-2-ready'), 120_000);
  await t.page.keyboard.type('clear\n');
  await sleep(1000);
  const started = performance.now();
  await t.page.keyboard.type(`cat /tmp/big; echo cat-$((${mark - 1}+1))-done\n`);
  await until(() => t.shows(`cat-${mark}-done`), 300_000);
  return 50 / ((performance.now() - started) / 1000);
}

/**
 * Runs in the page: 50 MB of `cat`'s kind of text (100 base64 characters a
 * line) written straight into the pane's xterm.js, 1 MB at a time, each write
 * awaited as flow control would; answers MB/s until the last is drawn. What a
 * holder that passes every byte on would ask of the reader's browser.
 */
async function writeEveryByte(selector: string): Promise<number> {
  const term = document.querySelector<Element & { terminal?: Writable }>(selector)?.terminal;
  if (!term) throw new Error('no terminal');
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let chunk = '';
  while (chunk.length < 1e6)
    chunk += `${Array.from({ length: 100 }, () => alphabet[Math.floor(Math.random() * 64)]).join('')}\r\n`;
  const started = performance.now();
  for (let i = 0; i < 50; i++) await new Promise<void>((resolve) => term.write(chunk, resolve));
  await new Promise((resolve) => requestAnimationFrame(resolve));
  return (chunk.length * 50) / 1e6 / ((performance.now() - started) / 1000);

  interface Writable {
    write(data: string, done: () => void): void;
  }
}

interface Way {
  name: string;
  /** What is timed, in the table's words. */
  what: string;
  run(): Promise<number>;
}

const CAT = 'cat of 50 MB, Enter → the line after it on screen';

/** Each Netlab variant's lab page; for Netlab alone, WeTTY's page and xterm.js alone in the lab page. */
async function openWays(
  browser: Browser,
  servers: { name: string; url: string }[],
  wettyPort: (sessionId: string) => Promise<number>,
): Promise<Way[]> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const ways: Way[] = [];
  for (const { name, url } of servers) {
    const t = await openNetlab(await context.newPage(), url);
    ways.push({ name, what: CAT, run: () => inFront(t, () => catRound(t)) });
  }
  const first = context.pages()[0];
  if (!first) throw new Error('no Netlab page');
  // Netlab against Netlab (PEERS_AB): the peers below are measured without it.
  if (servers.length > 1) return ways;
  const stored = await first.evaluate(() => localStorage.getItem('netlab:session:bridge'));
  const session = JSON.parse(stored ?? '{}') as { id?: string };
  if (!session.id) throw new Error('the lab page stored no session');
  const wetty = await openWetty(await context.newPage(), await wettyPort(session.id));
  ways.push({ name: 'WeTTY 3.2', what: CAT, run: () => inFront(wetty, () => catRound(wetty)) });
  ways.push({
    name: `${servers[0]?.name ?? 'Netlab'}'s xterm.js alone`,
    what: '50 MB of the same text written into it in the page',
    run: async () => {
      await first.bringToFront();
      return first.evaluate(writeEveryByte, PANE_TERMINAL);
    },
  });
  return ways;
}

async function inFront(t: Opened, run: () => Promise<number>): Promise<number> {
  await t.page.bringToFront();
  return run();
}

export async function browserCat(rounds: number): Promise<Row[]> {
  const siteDir = process.env.NETLAB_E2E_SITE_DIR ?? buildSite();
  const variants = process.env.PEERS_AB ? abVariants() : [{ name: 'Netlab', env: {} }];
  const servers: RunningServer[] = [];
  const wetty: ChildProcess[] = [];
  const browser = await launchBrowser();
  const samples = new Map<Way, number[]>();
  try {
    for (const v of variants)
      servers.push(
        await startServer({ siteDir, env: { MAX_SESSIONS_PER_CLIENT: '10', ...v.env } }),
      );
    const named = servers.map((s, i) => ({ name: variants[i]?.name ?? '', url: s.url }));
    const ways = await openWays(browser, named, async (id) => {
      const w = await startWetty(id);
      wetty.push(w.child);
      return w.port;
    });
    for (const w of ways) samples.set(w, []);
    for (let r = 0; r < rounds; r++)
      for (const w of rotated(ways, r)) samples.get(w)?.push(await w.run());
  } finally {
    wetty.forEach((c) => c.kill('SIGTERM'));
    await browser.close();
    await Promise.all(servers.map((s) => s.stop()));
  }
  const [base] = [...samples.values()];
  return [...samples].map(([w, s]) => ({
    measure: `${w.name}: ${w.what}: p50 (min–max); ÷ ${variants[0]?.name ?? ''}`,
    value: `${percentile(s, 50).toFixed(1)} MB/s (${range(s)}); ${(percentile(s, 50) / percentile(base ?? [], 50)).toFixed(2)}`,
    target: '',
  }));
}

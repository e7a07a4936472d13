/**
 * Helpers of the learner e2e tests (phone, screen reader, deep links): a
 * context with a theme, a phone context, opening a chapter's lab, waiting for
 * the shell, and ending the session so that the per-client limit is not hit.
 */
import type { Browser, BrowserContext, Frame, Locator, Page } from 'playwright-core';
import { focusTerminal, terminalText } from './terminal.ts';

export const PROMPT = 'root@netlab:~#';
export const PANE_TERMINAL = '.netlab-pane netlab-terminal';

export interface ContextOptions {
  theme?: 'light' | 'dark';
  /**
   * A phone: 390×844, touch, mobile viewport. At device scale 1: headless
   * Chromium's software WebGL draws xterm.js's canvas blank or doubled at 2.
   */
  phone?: boolean;
}

export async function newContext(
  browser: Browser,
  options: ContextOptions = {},
): Promise<BrowserContext> {
  const theme = options.theme ?? 'light';
  const context = await browser.newContext({
    colorScheme: theme,
    ...(options.phone
      ? {
          viewport: { width: 390, height: 844 },
          isMobile: true,
          hasTouch: true,
          deviceScaleFactor: 1,
        }
      : { viewport: { width: 1400, height: 900 } }),
  });
  await context.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
  return context;
}

/** Waits until the pane's terminal is live and shows the shell prompt on its last line. */
export async function waitForPrompt(page: Page, timeoutMs = 60_000): Promise<void> {
  await page.locator(`${PANE_TERMINAL}[data-state="live"]`).waitFor({ timeout: timeoutMs });
  const deadline = Date.now() + timeoutMs;
  while (!(await lastLine(page)).startsWith(PROMPT)) {
    if (Date.now() > deadline)
      throw new Error(`no prompt; the terminal holds:\n${await terminalText(page, PANE_TERMINAL)}`);
    await page.waitForTimeout(100);
  }
}

/** Types a command into the pane's terminal and waits for the prompt after it. */
export async function typeCommand(page: Page, command: string): Promise<void> {
  await focusTerminal(page.locator(PANE_TERMINAL));
  await page.keyboard.type(`${command}\n`);
  await waitForLastLine(page, new RegExp(`^${PROMPT}$`), 60_000);
}

/** The last non-blank line of the pane's terminal. */
export async function lastLine(page: Page): Promise<string> {
  return (await terminalText(page, PANE_TERMINAL)).split('\n').at(-1) ?? '';
}

/** Waits until the last line of the pane's terminal matches. */
export async function waitForLastLine(
  page: Page,
  pattern: RegExp,
  timeoutMs = 30_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let line = '';
  while (Date.now() < deadline) {
    line = await lastLine(page);
    if (pattern.test(line)) return line;
    await page.waitForTimeout(100);
  }
  throw new Error(`the last line never matched ${String(pattern)}: ${JSON.stringify(line)}`);
}

/** The pane terminal's text with wrapped rows joined back into their lines (a phone wraps a lot). */
export async function logicalText(page: Page): Promise<string> {
  return page.$eval(PANE_TERMINAL, (element) => {
    const term = (element as HTMLElement & { terminal: { buffer: { active: XtermBuffer } } | null })
      .terminal;
    if (!term) return '';
    const buffer = term.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < buffer.length; i++) {
      const row = buffer.getLine(i);
      const next = buffer.getLine(i + 1);
      // A row that continues on the next one keeps its trailing blanks: they are part of the line.
      const text = row?.translateToString(!next?.isWrapped) ?? '';
      if (row?.isWrapped && lines.length) lines.push((lines.pop() ?? '') + text);
      else lines.push(text);
    }
    return lines.join('\n').replace(/\s+$/, '');

    interface XtermBuffer {
      length: number;
      getLine(
        i: number,
      ): { isWrapped: boolean; translateToString(trim: boolean): string } | undefined;
    }
  });
}

/**
 * Waits until the pane terminal's cursor sits just after the prompt on its last
 * non-blank row, where tmux puts it: a screen drawn for another size leaves it
 * rows away.
 */
export async function waitForCursorAtPrompt(page: Page, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let where = '';
  while (Date.now() < deadline) {
    const at = await page.$eval(PANE_TERMINAL, (element) => {
      const term = (
        element as HTMLElement & { terminal: { buffer: { active: XtermCursor } } | null }
      ).terminal;
      if (!term) return null;
      const buffer = term.buffer.active;
      let last = buffer.length - 1;
      while (last > 0 && !buffer.getLine(last)?.translateToString(true)) last--;
      return {
        line: buffer.getLine(last)?.translateToString(false).trimEnd() ?? '',
        lastRow: last,
        cursorRow: buffer.baseY + buffer.cursorY,
        cursorX: buffer.cursorX,
      };

      interface XtermCursor {
        length: number;
        baseY: number;
        cursorX: number;
        cursorY: number;
        getLine(i: number): { translateToString(trim: boolean): string } | undefined;
      }
    });
    where = JSON.stringify(at);
    if (at?.line === PROMPT && at.cursorRow === at.lastRow && at.cursorX === PROMPT.length + 1)
      return;
    await page.waitForTimeout(100);
  }
  throw new Error(`the cursor never sat after the last prompt: ${where}`);
}

/** Waits until the pane terminal's text, wrapped rows joined, matches. */
export async function waitForText(
  page: Page,
  pattern: RegExp | string,
  timeoutMs = 30_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let text = '';
  while (Date.now() < deadline) {
    text = await logicalText(page);
    if (typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text)) return text;
    await page.waitForTimeout(100);
  }
  throw new Error(`the terminal never showed ${String(pattern)}; it holds:\n${text.slice(-2000)}`);
}

/** Ends a lab's session through the API (each client may run only a few at once). */
export async function endSession(
  page: Page | Frame,
  serverUrl: string,
  lab: string,
): Promise<void> {
  const stored = await page.evaluate((id) => localStorage.getItem(`netlab:session:${id}`), lab);
  if (!stored) return;
  const { id, token } = JSON.parse(stored) as { id: string; token: string };
  await fetch(`${serverUrl}/api/sessions/${id}`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${token}` },
  });
}

/** Whether the focus is in the terminal's xterm (its textarea): the phone keyboard stays open. */
export async function focusInTerminal(
  page: Page | { evaluate: Page['evaluate'] },
): Promise<boolean> {
  return page.evaluate(() => document.activeElement?.closest('.xterm') !== null);
}

/** The box of a locator, which must be rendered. */
export async function box(
  locator: Locator,
): Promise<{ x: number; y: number; width: number; height: number }> {
  const found = await locator.boundingBox();
  if (!found) throw new Error(`${String(locator)} is not rendered`);
  return found;
}

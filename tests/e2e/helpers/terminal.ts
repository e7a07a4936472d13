/**
 * Reading a `<netlab-terminal>` from a test: its xterm buffer as text (works
 * with the WebGL renderer, which draws no DOM rows), and waiting for text.
 */
import type { Locator, Page } from 'playwright-core';

/** Every line of the terminal's buffer (scrollback and screen), trailing blanks trimmed. */
export async function terminalText(page: Page, selector = 'netlab-terminal'): Promise<string> {
  return page.$eval(selector, (element) => {
    const term = (element as HTMLElement & { terminal: { buffer: { active: XtermBuffer } } | null })
      .terminal;
    if (!term) return '';
    const buffer = term.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < buffer.length; i++)
      lines.push(buffer.getLine(i)?.translateToString(true) ?? '');
    return lines.join('\n').replace(/\s+$/, '');

    interface XtermBuffer {
      length: number;
      getLine(i: number): { translateToString(trim: boolean): string } | undefined;
    }
  });
}

/** Waits until the terminal's text matches; the error shows what it held. */
export async function waitForTerminal(
  page: Page,
  pattern: RegExp | string,
  options: { timeoutMs?: number; selector?: string } = {},
): Promise<string> {
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  let text = '';
  while (Date.now() < deadline) {
    text = await terminalText(page, options.selector);
    if (typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text)) return text;
    await page.waitForTimeout(100);
  }
  throw new Error(`the terminal never showed ${String(pattern)}; it holds:\n${text}`);
}

/** Clicks into the terminal so that keystrokes go to the shell. */
export async function focusTerminal(terminal: Locator): Promise<void> {
  await terminal.locator('.xterm-screen').click();
}

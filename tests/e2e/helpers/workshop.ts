/**
 * Helpers of the workshop e2e test: Chromium with the project's flags, a
 * learner who types into their own terminal, reading the CSV export, axe, and
 * a local webhook endpoint.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import assert from 'node:assert/strict';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { collectPageErrors } from './browser.ts';
import { REPO_ROOT } from './server.ts';
import { focusTerminal, terminalText, waitForTerminal } from './terminal.ts';

export const PROMPT = 'root@netlab:~#';
export const XSS_NAME = '<img src=x onerror=alert(1)>';

export interface Learner {
  name: string;
  locale: 'en' | 'zh-cn';
  theme: 'light' | 'dark';
  lab: string;
  task: string;
  page?: Page;
  dialogs?: string[];
  errors?: string[];
  id?: string;
}

export const LEARNERS: Learner[] = [
  { name: 'Ada', locale: 'en', theme: 'light', lab: 'bridge', task: 'run-busybox1' },
  { name: 'Linus', locale: 'en', theme: 'dark', lab: 'user-defined', task: 'create-network' },
  { name: XSS_NAME, locale: 'zh-cn', theme: 'dark', lab: 'subnet', task: 'create-net' },
];

/** What each learner types: the task's own solution (the subnet one from its filled-in hint). */
export async function solution(learner: Learner, page: Page): Promise<string[]> {
  if (learner.task === 'run-busybox1') return ['docker run -d --name busybox1 busybox sleep 3600'];
  if (learner.task === 'create-network') return ['docker network create -d bridge my_bridge'];
  const hint = await page
    .locator(`.netlab-pane [data-task-id="create-net"] .netlab-task__hint p`)
    .textContent();
  assert.match(hint ?? '', /^docker network create .*my_bridge2$/);
  return [hint ?? ''];
}

/** A page in a fresh context with the theme set, recording console errors and dialogs. */
export async function openPage(
  browser: Browser,
  contexts: BrowserContext[],
  theme: 'light' | 'dark',
): Promise<{ page: Page; errors: string[]; dialogs: string[] }> {
  const context = await browser.newContext({
    colorScheme: theme,
    viewport: { width: 1400, height: 900 },
  });
  await context.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
  contexts.push(context);
  const page = await context.newPage();
  return { page, errors: collectPageErrors(page), dialogs: recordDialogs(page) };
}

/** Debian's Chromium, headless, with the flags the project's e2e tests use. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-dev-shm-usage',
    ],
  });
}

/** Records every dialog a page opens (a fired `alert(1)` would show here) and accepts it. */
export function recordDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.accept();
  });
  return dialogs;
}

/** Types commands into the page's lab terminal, each followed by Enter, waiting for the prompt. */
export async function typeCommands(page: Page, commands: string[]): Promise<void> {
  const terminal = page.locator('.netlab-pane netlab-terminal');
  await terminal.and(page.locator('[data-state="live"]')).waitFor({ timeout: 90_000 });
  await waitForTerminal(page, PROMPT, {
    selector: '.netlab-pane netlab-terminal',
    timeoutMs: 30_000,
  });
  for (const command of commands) {
    const selector = '.netlab-pane netlab-terminal';
    const prompts = async (): Promise<number> =>
      (await terminalText(page, selector)).split(PROMPT).length;
    const before = await prompts();
    await focusTerminal(terminal);
    await page.keyboard.type(command);
    await page.keyboard.press('Enter');
    // Done when a new prompt follows (long commands wrap, so their text is not matched).
    const deadline = Date.now() + 60_000;
    while ((await prompts()) <= before) {
      if (Date.now() > deadline) throw new Error(`no prompt after ${command}`);
      await page.waitForTimeout(100);
    }
  }
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Parses CSV (quoted cells, doubled quotes, CRLF) into rows of cells. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

/** "learnerId lab/task" of every green cell of the dashboard's grid. */
export async function gridPasses(page: Page): Promise<string[]> {
  return page.$$eval('[data-ws-grid] tbody tr', (rows) =>
    rows
      .flatMap((row) =>
        Array.from(
          row.querySelectorAll<HTMLElement>('td[data-status="passed"]'),
          (cell) => `${(row as HTMLElement).dataset.learner ?? ''} ${cell.dataset.task ?? ''}`,
        ),
      )
      .sort(),
  );
}

const AXE_SOURCE = readFileSync(path.join(REPO_ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  nodes: { target: unknown[] }[];
}

/** Serious and critical axe violations of the page as it is now, one line each. */
export async function axeProblems(page: Page, what: string): Promise<string[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: () => Promise<{ violations: AxeViolation[] }> } }
    ).axe;
    return (await axe.run()).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${what}: ${v.id} at ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
}

/** A local endpoint that records the webhook calls it receives (body and signature). */
export async function webhookReceiver(): Promise<{
  url: string;
  calls: { body: string; signature: string }[];
  close(): Promise<void>;
}> {
  const calls: { body: string; signature: string }[] = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      calls.push({ body, signature: String(request.headers['x-netlab-signature'] ?? '') });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    calls,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

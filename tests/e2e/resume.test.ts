/**
 * Resume, end to end in Chromium on the real site, server and engine: a reader
 * does half of the user-defined lab, the session reaches its time limit, the
 * reader reloads, rebuilds, and finds their network, containers and passed
 * tasks back, the replay shown in the terminal; the pane warns before the end
 * and extends. The same for a workshop learner across two browser contexts
 * (another device, through their link). Screenshots: test-results/resume-*.png.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type {
  CreateWorkshopResponse,
  JoinWorkshopResponse,
  ParticipantView,
  SessionView,
} from '../../server/protocol.ts';
import { collectPageErrors, screenshot } from './helpers/browser.ts';
import {
  endSession,
  logicalText,
  newContext,
  PROMPT,
  typeCommand,
  waitForCursorAtPrompt,
  waitForPrompt,
  waitForText,
} from './helpers/lab.ts';
import { buildImages, buildSite, startServer, type RunningServer } from './helpers/server.ts';
import { launchChromium } from './helpers/workshop.ts';

const LAB = 'user-defined';
const TTL_S = 45;
const ADMIN_TOKEN = 'resume-e2e-admin-token-0123456789';
const HALF_A_LAB = [
  'docker network create -d bridge my_bridge',
  'brctl show',
  'for b in box1 box2; do docker run -d --name $b --network my_bridge busybox sleep 3600; done',
];

async function taskPassed(page: Page, task: string): Promise<void> {
  await page
    .locator(`.netlab-pane [data-task-id="${task}"][data-status="passed"]`)
    .waitFor({ timeout: 30_000 });
}

/** Polls `read` every second until it is true, within the time limit and some. */
async function until(what: string, read: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + (TTL_S + 30) * 1000;
  while (!(await read())) {
    if (Date.now() > deadline) throw new Error(`never: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** Waits until the session this page keeps for the lab has ended at its time limit. */
async function waitEnded(page: Page, server: RunningServer): Promise<void> {
  const stored = await page.evaluate((k) => localStorage.getItem(k), `netlab:session:${LAB}`);
  const { id, token } = JSON.parse(stored ?? '{}') as { id: string; token: string };
  await until(`session ${id} ended at its time limit`, async () => {
    const r = await fetch(`${server.url}/api/sessions/${id}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const view = (await r.json()) as SessionView;
    return view.status === 'ended' && /time limit/.test(view.reason ?? '');
  });
}

/** Rebuilds from the card's offer; the pane opens on the rebuilt machine. */
async function rebuild(page: Page, name: string, server: RunningServer): Promise<void> {
  await page.locator('netlab-lab[data-rebuild="offered"]:visible').waitFor({ timeout: 30_000 });
  await screenshot(page, `resume-${name}-offer`);
  const attaches: string[] = [];
  page.on('websocket', (socket) => {
    if (new URL(socket.url()).pathname.endsWith('/terminal')) attaches.push(socket.url());
  });
  // A workshop's page holds a card per lab; the one offered is the one shown.
  await page.locator('netlab-lab[data-rebuild="offered"] [data-action="rebuild"]:visible').click();
  await page
    .locator('[data-netlab-pane][data-rebuild="done"]')
    .waitFor({ timeout: 120_000 })
    .catch(async (error: unknown) => {
      await screenshot(page, `resume-${name}-not-done`);
      throw error;
    });
  await waitForPrompt(page);
  // The first screen is tmux's, line for line: a screen drawn for another size
  // (the pane's notices came after the terminal measured itself) scrolled lines twice.
  const first = await logicalText(page);
  for (const line of HALF_A_LAB) {
    assert.equal(first.split(`${PROMPT} ${line}`).length - 1, 1, `${line} once in:\n${first}`);
  }
  await waitForCursorAtPrompt(page);
  await screenshot(page, `resume-${name}-replayed`);
  // The notices above the terminal had their height before it measured its rows:
  // one attach, not one at a stale size and a redraw.
  assert.deepEqual(attaches.length, 1, attaches.join('\n'));
  // The notice says why, should the rebuild have fallen back on the lab's solution.
  const notice = (await page.locator('[data-rebuild-notice-text]').textContent()) ?? '';
  assert.match(notice, /3/, `${notice}\n${server.output()}`);
  await waitForText(
    page,
    /replaying your 3 command lines on a new machine[\s\S]*for b in box1 box2[\s\S]*machine is back/,
  );
  await taskPassed(page, 'create-network');
  await taskPassed(page, 'run-box1-box2');
}

/** What the reader finds on the rebuilt machine. */
async function workIsBack(page: Page): Promise<void> {
  await typeCommand(page, "docker ps --format '{{.Names}} on {{.Networks}}' | sort");
  await waitForText(page, /box1 on my_bridge\s+box2 on my_bridge/);
}

describe('resume after the machine ended', { timeout: 900_000 }, () => {
  let server: RunningServer;
  let browser: Browser;

  before(async () => {
    buildImages();
    server = await startServer({
      siteDir: process.env.NETLAB_E2E_SITE_DIR ?? buildSite(),
      env: { HARD_TTL_S: String(TTL_S), ADMIN_TOKEN, MAX_SESSIONS_PER_CLIENT: '6' },
    });
    browser = await launchChromium();
  });

  after(async () => {
    await browser.close();
    await server.stop();
  });

  test('a reader rebuilds after the time limit and finds their work and tasks back', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    try {
      await page.goto(`${server.url}/user-defined-networks/`);
      await page.click('[data-lab-start]');
      await waitForPrompt(page);
      // The machine ends within 5 minutes: the pane says so from the start.
      await page.locator('[data-expiry-warning]:not([hidden])').waitFor();
      for (const line of HALF_A_LAB) await typeCommand(page, line);
      await taskPassed(page, 'create-network');
      await taskPassed(page, 'run-box1-box2');
      await waitEnded(page, server);

      await page.reload();
      await rebuild(page, 'reader', server);
      await screenshot(page, 'resume-reader-rebuilt');
      await workIsBack(page);
      // The rebuilt machine has the same short limit: extend it from the warning.
      const warning = page.locator('[data-expiry-warning]:not([hidden])');
      await warning.waitFor();
      await screenshot(page, 'resume-reader-warning');
      await warning.locator('[data-action="extend"]').click();
      await warning.waitFor({ state: 'hidden' });
      const stored = await page.evaluate((k) => localStorage.getItem(k), `netlab:session:${LAB}`);
      const { expiresAt } = JSON.parse(stored ?? '{}') as { expiresAt: string };
      assert.ok(Date.parse(expiresAt) - Date.now() > 20 * 60_000, expiresAt);
      assert.deepEqual(errors, []);
    } finally {
      await endSession(page, server.url, LAB);
      await context.close();
    }
  });

  test('a workshop learner rebuilds on another device through their link', async () => {
    const api = async <T>(path: string, body: unknown, token?: string): Promise<T> => {
      const r = await fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token && { authorization: `Bearer ${token}` }),
        },
        body: JSON.stringify(body),
      });
      assert.ok(r.ok, `${path}: ${r.status} ${await r.clone().text()}`);
      return (await r.json()) as T;
    };
    const workshop = await api<CreateWorkshopResponse>(
      '/api/workshops',
      { title: 'Resume', labs: [LAB], capacity: 5, randomParams: false },
      ADMIN_TOKEN,
    );
    const joined = await api<JoinWorkshopResponse>('/api/workshops/join', {
      code: workshop.code,
      name: 'Grace',
    });
    const laptop = await newContext(browser);
    const first = await laptop.newPage();
    await first.goto(`${server.url}${joined.learnUrl}`);
    await first.locator('netlab-workshop-learn[data-state="ready"]').waitFor();
    await first.locator(`[data-ws-tab="${LAB}"]`).click();
    await first.click('[data-lab-start]').catch(() => undefined);
    await waitForPrompt(first);
    for (const line of HALF_A_LAB) await typeCommand(first, line);
    await taskPassed(first, 'run-box1-box2');
    await until("the learner's session is rebuildable", async () => {
      const r = await fetch(`${server.url}/api/workshops/${joined.workshopId}/me`, {
        headers: { authorization: `Bearer ${joined.participantToken}` },
      });
      return LAB in ((await r.json()) as ParticipantView).rebuildable;
    });
    await laptop.close();

    const phone = await newContext(browser);
    const second = await phone.newPage();
    const errors = collectPageErrors(second);
    try {
      await second.goto(`${server.url}${joined.learnUrl}`);
      await second.locator('netlab-workshop-learn[data-state="ready"]').waitFor();
      const tab = second.locator(`[data-ws-tab="${LAB}"][data-ws-rebuildable]`);
      await tab.click();
      await rebuild(second, 'learner', server);
      await workIsBack(second);
      await screenshot(second, 'resume-learner-rebuilt');
      assert.deepEqual(errors, []);
    } finally {
      await phone.close();
    }
  });
});

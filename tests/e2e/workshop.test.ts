/**
 * A workshop end to end: the real site, the real lab server (with ADMIN_TOKEN)
 * and real sandboxes, in real Chromium. The instructor creates a workshop in
 * the form; three learners join in their own browser contexts (one with a name
 * that is HTML); each passes a different task in their own terminal, and the
 * dashboard shows every pass within 2 s; peek shows what a learner typed; the
 * CSV export matches the grid; broadcast and end reach the learners.
 * Screenshots: test-results/workshop-*.png.
 *
 * NETLAB_E2E_SITE_DIR=<dir> tests another built site; NETLAB_E2E_SKIP_BUILD=1 reuses dist/.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { lazyPartsLoaded, screenshot } from './helpers/browser.ts';
import { buildImages, buildSite, startServer, type RunningServer } from './helpers/server.ts';
import { terminalText, waitForTerminal } from './helpers/terminal.ts';
import {
  axeProblems,
  gridPasses,
  launchChromium,
  LEARNERS,
  openPage,
  parseCsv,
  typeCommands,
  solution,
  webhookReceiver,
  XSS_NAME,
} from './helpers/workshop.ts';

const ADMIN_TOKEN = 'e2e-admin-token-0123456789';
/** The dashboard shows a pass at most this long after the learner's own page does. */
const LIVE_MS = 2000;

describe('workshops in the browser', { timeout: 900_000 }, () => {
  let server: RunningServer;
  let siteDir: string;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let instructor: Page;
  let instructorDialogs: string[];
  let links: { code: string; join: string; dashboard: string; webhookSecret: string };
  let hook: Awaited<ReturnType<typeof webhookReceiver>>;
  /** Accessibility problems found along the way (asserted empty at the end). */
  const a11y: string[] = [];

  before(async () => {
    buildImages();
    siteDir = process.env.NETLAB_E2E_SITE_DIR ?? buildSite();
    server = await startServer({ siteDir, env: { ADMIN_TOKEN, WARM_POOL: '3' } });
    browser = await launchChromium();
    hook = await webhookReceiver();
  });

  after(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser.close();
    await server.stop();
    await hook.close();
  });

  const newPage = (theme: 'light' | 'dark') => openPage(browser, contexts, theme);

  test('the instructor creates a workshop in the form', async () => {
    const opened = await newPage('light');
    instructor = opened.page;
    instructorDialogs = opened.dialogs;
    await instructor.goto(`${server.url}/workshop/new/`);
    await instructor.getByLabel('Admin token').fill(ADMIN_TOKEN);
    await instructor.getByLabel('Title').fill('Docker networking, cohort 7');
    for (const lab of ['bridge', 'user-defined', 'subnet']) {
      await instructor.locator(`input[name="labs"][value="${lab}"]`).check();
    }
    await instructor.getByLabel('Most learners').fill('3');
    await instructor.getByLabel('Webhook URL (optional)').fill(hook.url);
    await screenshot(instructor, 'workshop-new-form-en-light');
    a11y.push(...(await axeProblems(instructor, 'new (form)')));
    await instructor.getByRole('button', { name: 'Create workshop' }).click();
    await instructor.locator('[data-ws-created]').waitFor();
    const code = (await instructor.locator('[data-ws-code]').textContent()) ?? '';
    assert.match(code, /^[A-Z0-9-]{4,}$/);
    const join = (await instructor.locator('[data-ws-join-link]').getAttribute('href')) ?? '';
    const dashboard =
      (await instructor.locator('[data-ws-instructor-link]').getAttribute('href')) ?? '';
    assert.ok(join.includes(`/workshop/join/?code=${code}`), join);
    assert.match(dashboard, /\/workshop\/dashboard\/\?id=[^#]+#secret=.+/);
    assert.equal(
      await instructor.evaluate(() => sessionStorage.getItem('netlab:admin-token')),
      ADMIN_TOKEN,
    );
    assert.equal(await instructor.evaluate(() => localStorage.getItem('netlab:admin-token')), null);
    const webhookSecret =
      (await instructor.locator('[data-ws-webhook-secret]').textContent()) ?? '';
    assert.match(webhookSecret, /\w{16,}/);
    await screenshot(instructor, 'workshop-new-created-en-light');
    a11y.push(...(await axeProblems(instructor, 'new (created)')));
    links = { code, join, dashboard, webhookSecret };
    assert.deepEqual(opened.errors, []);
  });

  test('three learners join; a wrong code and a full workshop are refused in words', async () => {
    for (const learner of LEARNERS) {
      const { page, errors, dialogs } = await newPage(learner.theme);
      Object.assign(learner, { page, errors, dialogs });
      const prefix = learner.locale === 'zh-cn' ? '/zh-cn' : '';
      if (learner === LEARNERS[0]) {
        await page.goto(`${server.url}/workshop/join/?code=NOPE-00`);
        await page.locator('#ws-name').fill('Ada');
        await page.locator('[data-ws-submit]').click();
        await page.locator('[data-ws-error]', { hasText: /workshop/i }).waitFor();
        assert.match((await page.locator('[data-ws-error]').textContent()) ?? '', /code/i);
      }
      await page.goto(
        `${server.url}${prefix}/workshop/join/?code=${encodeURIComponent(links.code)}`,
      );
      assert.equal(await page.locator('#ws-code').inputValue(), links.code);
      await page.locator('#ws-name').fill(learner.name);
      await screenshot(page, `workshop-join-${learner.locale}-${learner.theme}`);
      a11y.push(...(await axeProblems(page, `join ${learner.locale} ${learner.theme}`)));
      await page.locator('[data-ws-submit]').click();
      await page.waitForURL(/\/workshop\/learn\/\?id=[^#]+#p=[^.]+\..+/);
      await page.locator('netlab-workshop-learn[data-state="ready"]').waitFor();
      assert.equal(
        await page.locator('[data-ws-title]').textContent(),
        'Docker networking, cohort 7',
      );
      const place = await page.evaluate(() => localStorage.getItem('netlab:workshop-place'));
      const id = (JSON.parse(place ?? '{}') as { participantId?: string }).participantId;
      assert.ok(id, 'the place is kept in localStorage');
      learner.id = id;
      assert.equal(await page.locator('[data-ws-keep]').getAttribute('href'), page.url());
    }
    const xss = LEARNERS[2]?.page;
    assert.ok(xss);
    assert.equal(await xss.locator('img[src="x"]').count(), 0);
    assert.ok(((await xss.locator('[data-ws-you]').textContent()) ?? '').includes(XSS_NAME));

    // The fourth learner finds the workshop full (capacity 3).
    const late = await newPage('light');
    await late.page.goto(`${server.url}${new URL(links.join).pathname}?code=${links.code}`);
    await late.page.locator('#ws-name').fill('Late');
    await late.page.locator('[data-ws-submit]').click();
    await late.page.locator('[data-ws-error]', { hasText: /full/i }).waitFor();
  });

  test('the dashboard lists the learners live, names as text', async () => {
    const urls: string[] = [];
    instructor.on('request', (r) => urls.push(r.url()));
    await instructor.goto(links.dashboard);
    await instructor.locator('netlab-workshop-dashboard[data-state="live"]').waitFor();
    // The secret opens the stream through a one-time ticket; it is in no URL the page asks for.
    const secret = new URLSearchParams(new URL(links.dashboard).hash.slice(1)).get('secret') ?? '';
    assert.ok(secret.length > 20);
    assert.deepEqual(
      urls.filter((u) => u.includes(secret)),
      [],
    );
    assert.ok(urls.some((u) => /\/events\?ticket=[\w-]{20,}$/.test(u)));
    await instructor.locator('[data-ws-grid] tbody tr').nth(2).waitFor();
    const names = await instructor.locator('.netlab-ws__name').allTextContents();
    assert.deepEqual(names.sort(), LEARNERS.map((l) => l.name).sort());
    assert.equal(await instructor.locator('[data-ws-grid] img').count(), 0);
    assert.equal(await instructor.locator('img[src="x"]').count(), 0);
  });

  test('the dashboard reopens its stream with a fresh ticket when its server restarts', async () => {
    // A server of its own (same site, data folder and port across the restart), so the
    // cohort's labs are not touched; its streams end when it stops.
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'netlab-e2e-restart-'));
    const env = { ADMIN_TOKEN, WARM_POOL: '0' };
    let own = await startServer({ siteDir, dataDir, env });
    const { page, errors } = await newPage('light');
    try {
      const created = await fetch(`${own.url}/api/workshops`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          title: 'Restart',
          labs: ['bridge'],
          capacity: 2,
          randomParams: false,
        }),
      });
      const { instructorUrl } = (await created.json()) as { instructorUrl: string };
      const tickets: string[] = [];
      page.on('request', (r) => {
        const ticket = /\/events\?ticket=([\w-]+)$/.exec(r.url())?.[1];
        if (ticket) tickets.push(ticket);
      });
      await page.goto(`${own.url}${instructorUrl}`);
      const dashboard = page.locator('netlab-workshop-dashboard');
      await page.locator('netlab-workshop-dashboard[data-state="live"]').waitFor();
      await lazyPartsLoaded(page);
      await own.stop();
      await page.locator('netlab-workshop-dashboard[data-state="reconnecting"]').waitFor();
      own = await startServer({ siteDir, dataDir, env, port: own.port });
      await page.locator('netlab-workshop-dashboard[data-state="live"]').waitFor();
      assert.equal(await dashboard.locator('[data-ws-title]').textContent(), 'Restart');
      assert.ok(tickets.length >= 2, `opened ${tickets.length} times`);
      assert.equal(new Set(tickets).size, tickets.length, 'each opening with its own ticket');
      // Only the refused attempts while the server was down may show as errors.
      assert.deepEqual(
        errors.filter((e) => !/ERR_CONNECTION_REFUSED|Failed to load resource/.test(e)),
        [],
      );
    } finally {
      await page.context().close();
      await own.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('each learner passes a different task; the dashboard shows it within 2 s', async (t) => {
    await Promise.all(
      LEARNERS.map(async (learner) => {
        const page = learner.page;
        assert.ok(page && learner.id);
        await page.locator(`[data-ws-tab="${learner.lab}"]`).click();
        await typeCommands(page, await solution(learner, page));
        const cell = instructor.locator(
          `tr[data-learner="${learner.id}"] td[data-task="${learner.lab}/${learner.task}"][data-status="passed"]`,
        );
        const seenOnDashboard = cell.waitFor({ timeout: 60_000 }).then(() => Date.now());
        // The learner checks; the pass shows in their own task list first (or at once).
        await page.locator('.netlab-pane [data-tasks-check]').click();
        await page
          .locator(`.netlab-pane [data-task-id="${learner.task}"][data-status="passed"]`)
          .waitFor({ timeout: 60_000 });
        const seenByLearner = Date.now();
        const lag = (await seenOnDashboard) - seenByLearner;
        t.diagnostic(`${learner.lab}/${learner.task}: dashboard ${lag} ms after the learner`);
        assert.ok(lag <= LIVE_MS, `${learner.name}'s pass reached the dashboard ${lag} ms later`);
      }),
    );
    for (const learner of LEARNERS) {
      assert.ok(learner.page);
      await screenshot(learner.page, `workshop-learn-${learner.locale}-${learner.theme}`);
      a11y.push(...(await axeProblems(learner.page, `learn ${learner.locale} ${learner.theme}`)));
    }
    // Each passed only their own task.
    const passes = await gridPasses(instructor);
    assert.deepEqual(passes, LEARNERS.map((l) => `${l.id ?? ''} ${l.lab}/${l.task}`).sort());
    const rates = await instructor.locator('.netlab-ws__rates td').allTextContents();
    assert.ok(rates.includes('33%'), rates.join(' '));
    assert.equal(await instructor.locator('img[src="x"]').count(), 0);
    await screenshot(instructor, 'workshop-dashboard-en-light');
    a11y.push(...(await axeProblems(instructor, 'dashboard en light')));
    // Each pass was also posted, signed, to the webhook.
    const deadline = Date.now() + 15_000;
    while (hook.calls.length < LEARNERS.length && Date.now() < deadline) {
      await instructor.waitForTimeout(100);
    }
    assert.ok(hook.calls.length >= LEARNERS.length, `${hook.calls.length} webhook calls`);
    for (const call of hook.calls) {
      const hmac = createHmac('sha256', links.webhookSecret).update(call.body).digest('hex');
      assert.equal(call.signature, `sha256=${hmac}`);
    }
  });

  test('peek shows what the learner typed, read-only', async () => {
    const ada = LEARNERS[0];
    assert.ok(ada?.page && ada.id);
    await instructor.locator(`tr[data-learner="${ada.id}"] [data-peek="bridge"]`).click();
    const selector = '[data-ws-peek] netlab-terminal';
    await instructor.locator(`${selector}[data-state="live"]`).waitFor({ timeout: 30_000 });
    await waitForTerminal(instructor, 'docker run -d --name busybox1', { selector });
    await screenshot(instructor, 'workshop-dashboard-peek-en-light');
    // Keystrokes in the peek do not reach the learner's shell.
    await instructor.locator(`${selector} .xterm-screen`).click();
    await instructor.keyboard.type('echo peeked\n');
    await ada.page.waitForTimeout(1000);
    assert.ok(!(await terminalText(ada.page, '.netlab-pane netlab-terminal')).includes('peeked'));
    await instructor.locator('[data-ws-peek-close]').click();
  });

  test("a learner's link reopens their place and lab on another device", async () => {
    const ada = LEARNERS[0];
    assert.ok(ada?.page);
    const link = (await ada.page.locator('[data-ws-keep]').getAttribute('href')) ?? '';
    const { page, errors, dialogs } = await newPage('light');
    await page.goto(link);
    await page.locator('netlab-workshop-learn[data-state="ready"]').waitFor();
    assert.equal(await page.locator('[data-ws-you]').textContent(), 'You: Ada');
    // The same lab machine: what Ada typed is on its screen.
    await page.locator('[data-ws-tab="bridge"]').click();
    const selector = '.netlab-pane netlab-terminal';
    await page.locator(`${selector}[data-state="live"]`).waitFor({ timeout: 60_000 });
    await waitForTerminal(page, 'docker run -d --name busybox1', { selector });
    assert.deepEqual(dialogs, []);
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  test('the CSV export matches the grid', async () => {
    const [download] = await Promise.all([
      instructor.waitForEvent('download'),
      instructor.locator('[data-ws-export="csv"]').click(),
    ]);
    const rows = parseCsv(readFileSync(await download.path(), 'utf8'));
    const [header, ...data] = rows;
    assert.deepEqual(header?.slice(0, 5), ['learner', 'learnerId', 'lab', 'task', 'passed']);
    const passed = data
      .filter((r) => r[4] === 'true')
      .map((r) => `${r[1] ?? ''} ${r[2] ?? ''}/${r[3] ?? ''}`)
      .sort();
    assert.deepEqual(passed, await gridPasses(instructor));
    const learnerIds = new Set(data.map((r) => r[1]));
    assert.deepEqual([...learnerIds].sort(), LEARNERS.map((l) => l.id).sort());
    assert.ok(
      data.some((r) => r[0] === XSS_NAME),
      'names are exported as written',
    );
  });

  test('the dashboard reads in dark theme and in Chinese', async () => {
    for (const [locale, theme] of [
      ['en', 'dark'],
      ['zh-cn', 'light'],
      ['zh-cn', 'dark'],
    ] as const) {
      const { page, errors, dialogs } = await newPage(theme);
      const url = new URL(links.dashboard);
      if (locale === 'zh-cn') url.pathname = `/zh-cn${url.pathname}`;
      await page.goto(url.href);
      await page.locator('netlab-workshop-dashboard[data-state="live"]').waitFor();
      await page.locator('[data-ws-grid] td[data-status="passed"]').nth(2).waitFor();
      if (locale === 'zh-cn') {
        assert.equal(await page.locator('[data-ws-end]').textContent(), '结束工作坊');
      }
      assert.equal(await page.locator('img[src="x"]').count(), 0);
      await screenshot(page, `workshop-dashboard-${locale}-${theme}`);
      a11y.push(...(await axeProblems(page, `dashboard ${locale} ${theme}`)));
      assert.deepEqual(dialogs, []);
      assert.deepEqual(errors, []);
    }
  });

  test('learners without progress for N minutes are marked stuck', async () => {
    const { page, errors } = await newPage('light');
    await page.clock.install();
    await page.goto(links.dashboard);
    await page.locator('[data-ws-grid] td[data-status="passed"]').nth(2).waitFor();
    assert.equal(await page.locator('tr[data-stuck="true"]').count(), 0);
    // Eleven minutes later nobody has passed anything new: all three are stuck (default 10 min).
    await page.clock.fastForward('11:00');
    await page.locator('tr[data-stuck="true"]').nth(2).waitFor();
    assert.equal(
      await page.locator('tr[data-stuck="true"] .netlab-ws__stuck').first().isVisible(),
      true,
    );
    await screenshot(page, 'workshop-dashboard-stuck-en-light');
    await page.getByLabel('Mark as stuck after').selectOption('15');
    assert.equal(await page.locator('tr[data-stuck="true"]').count(), 0);
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  test('a broadcast reaches the learners; ending the workshop ends their labs', async () => {
    await instructor.locator('#ws-broadcast-text').fill('Break until 11:00');
    await instructor.getByRole('button', { name: 'Send' }).click();
    for (const learner of LEARNERS) {
      assert.ok(learner.page);
      await learner.page
        .locator('[data-ws-banner]:not([hidden])', { hasText: 'Break until 11:00' })
        .waitFor({ timeout: 10_000 });
    }
    await instructor.locator('[data-ws-end]').click();
    await instructor.locator('netlab-workshop-dashboard[data-state="ended"]').waitFor();
    assert.ok(instructorDialogs.some((d) => d.startsWith('confirm:')));
    for (const learner of LEARNERS) {
      assert.ok(learner.page);
      await learner.page.locator('netlab-workshop-learn[data-state="ended"]').waitFor();
      await learner.page.locator('[data-ws-ended]:not([hidden])').waitFor();
    }
    const last = LEARNERS[2]?.page;
    assert.ok(last);
    await screenshot(last, 'workshop-learn-ended-zh-cn-dark');
    const late = await newPage('light');
    await late.page.goto(`${server.url}/workshop/join/?code=${links.code}`);
    await late.page.locator('#ws-name').fill('Later');
    await late.page.locator('[data-ws-submit]').click();
    await late.page.locator('[data-ws-error]', { hasText: /ended/i }).waitFor();
    for (const learner of LEARNERS) {
      assert.deepEqual(learner.dialogs, [], `${learner.name}'s page opened no dialog`);
      // Refusals the test asked for (the wrong code) are logged by Chromium as failed loads.
      const unexpected = learner.errors?.filter((e) => !/Failed to load resource.*40[49]/.test(e));
      assert.deepEqual(unexpected, []);
    }
    assert.ok(!instructorDialogs.some((d) => d.startsWith('alert')), instructorDialogs.join());
    assert.deepEqual(a11y, []);
  });
});

/**
 * A workshop under load, through the real server: 50 learners join within
 * 10 s (warm pool as large as the class), each until a live terminal shows a
 * prompt; then, with all of them connected, learners pass a task and the
 * instructor's event stream is timed from the learner's passed check to the
 * dashboard event that shows it.
 */
import { request } from '../tests/integration/helpers/api.ts';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startServer } from '../tests/integration/helpers/server.ts';
import { streamTicket } from '../tests/integration/helpers/sse.ts';
import {
  connectTerminal,
  plain,
  type TerminalClient,
} from '../tests/integration/helpers/terminal-client.ts';
import type {
  CreateSessionResponse,
  CreateWorkshopResponse,
  HealthResponse,
  JoinWorkshopResponse,
  TaskResult,
  WorkshopEvent,
} from '../server/protocol.ts';
import { ms, percentile, printTable, sleep } from './stats.ts';

const LEARNERS = 50;
const JOIN_WINDOW_MS = 10_000;
const PASSERS = 20;
const ADMIN = 'bench-admin-token-0123456789';
const run = promisify(execFile);

interface Learner {
  joined: JoinWorkshopResponse;
  session: CreateSessionResponse;
  terminal: TerminalClient;
  readyMs: number;
}

export async function post<T>(url: string, token: string | undefined, body: unknown): Promise<T> {
  const r = await request<T>(url, { method: 'POST', body, ...(token ? { token } : {}) });
  if (r.status >= 300)
    throw new Error(`POST ${url} answered ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
}

/** Does the bridge lab's first task in a session's sandbox, as the learner would. */
export async function startBusybox1(sessionId: string): Promise<void> {
  const cmd = ['docker', 'run', '-d', '--name', 'busybox1', 'busybox', 'sleep', '3600'];
  await run('docker', ['exec', `netlab-${sessionId}`, ...cmd]);
}

/** Joins, gets the bridge lab's session, waits until it is ready and its terminal shows a prompt. */
async function learner(
  base: string,
  code: string,
  workshopId: string,
  i: number,
): Promise<Learner> {
  const started = performance.now();
  const joined = await post<JoinWorkshopResponse>(`${base}/api/workshops/join`, undefined, {
    code,
    name: `learner ${i}`,
  });
  const session = await post<CreateSessionResponse>(
    `${base}/api/workshops/${workshopId}/me/sessions`,
    joined.participantToken,
    { lab: 'bridge' },
  );
  for (;;) {
    const view = await request<{ status: string }>(`${base}/api/sessions/${session.id}`, {
      token: session.token,
    });
    if (view.body.status === 'ready') break;
    if (view.body.status !== 'starting')
      throw new Error(`learner ${i}: session ${view.body.status}`);
    await sleep(100);
  }
  const terminal = await connectTerminal(base, session.id, { token: session.token });
  await terminal.waitFor(/[#$] $/m, 60_000);
  return { joined, session, terminal, readyMs: performance.now() - started };
}

/** The instructor's event stream: calls `onEvent` with each parsed event. */
async function follow(
  url: string,
  onEvent: (event: WorkshopEvent) => void,
): Promise<AbortController> {
  const abort = new AbortController();
  const response = await fetch(url, { signal: abort.signal });
  if (!response.body) throw new Error('no event stream');
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: '', done: true }));
      if (done) return;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const data = buffer
          .slice(0, end)
          .split('\n')
          .filter((l) => l.startsWith('data:'))
          .map((l) => l.slice(5).trim())
          .join('\n');
        buffer = buffer.slice(end + 2);
        if (data) onEvent(JSON.parse(data) as WorkshopEvent);
      }
    }
  })();
  return abort;
}

export async function benchWorkshops(): Promise<void> {
  const server = await startServer({
    ADMIN_TOKEN: ADMIN,
    WARM_POOL: String(LEARNERS),
    MAX_SANDBOXES: String(LEARNERS + 5),
    CHECK_INTERVAL_S: '3',
  });
  const base = server.url;
  try {
    const warmStart = performance.now();
    while ((await request<HealthResponse>(`${base}/api/health`)).body.sandboxes.warm < LEARNERS)
      await sleep(500);
    const warmMs = performance.now() - warmStart;
    const created = await post<CreateWorkshopResponse>(`${base}/api/workshops`, ADMIN, {
      title: 'bench',
      labs: ['bridge'],
      capacity: LEARNERS,
      randomParams: false,
    });
    const passedAt = new Map<string, number>();
    const stream = `/api/workshops/${created.id}/events`;
    // As the dashboard opens it: a one-time ticket in the URL, never the secret.
    const { ticket } = await streamTicket(base, stream, created.instructorSecret);
    const events = await follow(
      `${base}${stream}?ticket=${encodeURIComponent(ticket)}`,
      (event) => {
        if (event.type !== 'learner') return;
        if (event.learner.tasks['bridge/run-busybox1']?.passed && !passedAt.has(event.learner.id))
          passedAt.set(event.learner.id, performance.now());
      },
    );
    const started = performance.now();
    const learners = await Promise.all(
      Array.from({ length: LEARNERS }, async (_, i) => {
        await sleep((i * JOIN_WINDOW_MS) / LEARNERS);
        return learner(base, created.code, created.id, i);
      }),
    );
    const allReadyMs = performance.now() - started;

    // From the learner's work done in the sandbox, and from their passed check's
    // answer, to the dashboard event showing the pass (0 when the dashboard had
    // it first: the live re-check can find the pass before the reader clicks).
    const fromWork: number[] = [];
    const fromCheck: number[] = [];
    await Promise.all(
      learners.slice(0, PASSERS).map(async (l) => {
        await startBusybox1(l.session.id);
        const doneAt = performance.now();
        const r = await post<{ tasks: TaskResult[] }>(
          `${base}/api/sessions/${l.session.id}/check`,
          l.session.token,
          { task: 'run-busybox1' },
        );
        const checkedAt = performance.now();
        if (!r.tasks[0]?.passed)
          throw new Error(`learner's task did not pass: ${JSON.stringify(r)}`);
        const deadline = checkedAt + 10_000;
        while (!passedAt.has(l.joined.participantId) && performance.now() < deadline)
          await sleep(5);
        const at = passedAt.get(l.joined.participantId) ?? Number.POSITIVE_INFINITY;
        fromWork.push(at - doneAt);
        fromCheck.push(Math.max(0, at - checkedAt));
      }),
    );
    events.abort();
    const ready = learners.map((l) => l.readyMs);
    const shells = learners.filter((l) => /[#$] $/m.test(plain(l.terminal.output()))).length;
    await Promise.all(learners.map((l) => l.terminal.close()));
    printTable(`Workshop: ${LEARNERS} learners joining within ${JOIN_WINDOW_MS / 1000} s`, [
      { measure: `warm pool of ${LEARNERS} filled`, value: ms(warmMs), target: '—' },
      { measure: 'join → live terminal, p50', value: ms(percentile(ready, 50)), target: '—' },
      { measure: 'join → live terminal, p95', value: ms(percentile(ready, 95)), target: '—' },
      { measure: 'join → live terminal, max', value: ms(percentile(ready, 100)), target: '—' },
      { measure: 'first join → all terminals live', value: ms(allReadyMs), target: '—' },
      {
        measure: 'learners with a live shell',
        value: `${shells}/${LEARNERS}`,
        target: `${LEARNERS}/${LEARNERS}`,
      },
      {
        measure: `work done → dashboard shows it, p50 / p95 (${PASSERS} learners)`,
        value: `${ms(percentile(fromWork, 50))} / ${ms(percentile(fromWork, 95))}`,
        target: '—',
      },
      {
        measure: 'passed check answered → dashboard event, p50 / p95 / max',
        value: `${ms(percentile(fromCheck, 50))} / ${ms(percentile(fromCheck, 95))} / ${ms(percentile(fromCheck, 100))}`,
        target: '< 2000 ms',
      },
    ]);
  } finally {
    await server.stop();
  }
}

/**
 * Two lab servers on one PostgreSQL (each with its own INSTANCE): the
 * instructor's dashboard on one server sees a learner who works on the other
 * (and the learner's session answers through either), a broadcast reaches
 * learners on both, restarting one server leaves the other's sessions alone,
 * and ending the workshop removes the sandboxes on both. A learner switching
 * servers mid-lab: several-servers.test.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type {
  CreateSessionResponse,
  CreateWorkshopResponse,
  JoinWorkshopResponse,
  LearnerEvent,
  SessionView,
  WorkshopEvent,
} from '../../server/protocol.ts';
import { request, waitReady } from './helpers/api.ts';
import { labelledContainers, runSolution, until } from './helpers/docker.ts';
import { createTestDatabase, type TestDatabase } from './helpers/postgres.ts';
import { startServer, type RunningServer } from './helpers/server.ts';
import { openEvents, openWithTicket, type EventStream } from './helpers/sse.ts';

const ADMIN = 'admin-token-for-two-servers-7';

let database: TestDatabase;
let a: RunningServer;
let b: RunningServer;
const streams: EventStream<unknown>[] = [];

function start(dataDir?: string): Promise<RunningServer> {
  return startServer({ ADMIN_TOKEN: ADMIN, DATABASE_URL: database.url }, dataDir);
}

/** A stream opened as the pages do: the dashboard with a ticket, a learner with the header. */
async function events<E>(
  base: string,
  path: string,
  token: string,
  by: 'ticket' | 'header',
): Promise<EventStream<E>> {
  const stream =
    by === 'ticket'
      ? await openWithTicket<E>(base, path, token)
      : await openEvents<E>(`${base}${path}`, { authorization: `Bearer ${token}` });
  assert.equal(stream.status, 200);
  streams.push(stream);
  return stream;
}

async function joinOn(server: RunningServer, code: string, name: string) {
  const r = await request<JoinWorkshopResponse>(`${server.url}/api/workshops/join`, {
    method: 'POST',
    body: { code, name },
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body;
}

async function labOn(server: RunningServer, learner: JoinWorkshopResponse) {
  const r = await request<CreateSessionResponse>(
    `${server.url}/api/workshops/${learner.workshopId}/me/sessions`,
    { method: 'POST', token: learner.participantToken, body: { lab: 'host' } },
  );
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const view = await waitReady(server.url, r.body);
  assert.equal(view.status, 'ready');
  return { session: r.body, view };
}

describe('two lab servers on one PostgreSQL', () => {
  let workshop: CreateWorkshopResponse;
  let onB: JoinWorkshopResponse;
  let bSession: CreateSessionResponse;
  let dashboard: EventStream<WorkshopEvent>;

  before(async () => {
    database = await createTestDatabase();
    a = await start();
    b = await start();
    assert.notEqual(a.instance, b.instance);
  });

  after(async () => {
    for (const stream of streams) stream.close();
    await Promise.all([a.stop(), b.stop()]);
    await database.drop();
  });

  test('shows on a dashboard on one server a task passed on the other', async () => {
    const created = await request<CreateWorkshopResponse>(`${a.url}/api/workshops`, {
      method: 'POST',
      token: ADMIN,
      body: { title: 'Two servers', labs: ['host'], capacity: 10, randomParams: false },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    workshop = created.body;
    dashboard = await events<WorkshopEvent>(
      a.url,
      `/api/workshops/${workshop.id}/events`,
      workshop.instructorSecret,
      'ticket',
    );
    await dashboard.waitFor((e) => e.type === 'snapshot');
    onB = await joinOn(b, workshop.code, 'Bea');
    await dashboard.waitFor(
      (e) => e.type === 'snapshot' && e.dashboard.learners.some((l) => l.name === 'Bea'),
    );
    const { session, view } = await labOn(b, onB);
    bSession = session;
    assert.deepEqual(labelledContainers(session.id, b.instance).length, 1);
    runSolution(session.id, 'host', view.params);
    const check = await request(`${b.url}/api/sessions/${session.id}/check`, {
      method: 'POST',
      token: onB.participantToken,
      body: {},
    });
    assert.equal(check.status, 200);
    // Asked of A, the check runs on B, which holds the machine.
    const elsewhere = await request<{ tasks: { id: string; passed: boolean }[] }>(
      `${a.url}/api/sessions/${session.id}/check`,
      { method: 'POST', token: onB.participantToken, body: {} },
    );
    assert.equal(elsewhere.status, 200, JSON.stringify(elsewhere.body));
    assert.equal(elsewhere.body.tasks.find((t) => t.id === 'run-web1')?.passed, true);
    await dashboard.waitFor(
      (e) =>
        e.type === 'learner' &&
        e.learner.id === onB.participantId &&
        e.learner.tasks['host/run-web1']?.passed === true,
    );
  });

  test("delivers the instructor's broadcast to learners on either server", async () => {
    const onA = await joinOn(a, workshop.code, 'Abe');
    const mine = `/api/workshops/${workshop.id}/me/events`;
    const learnerA = await events<LearnerEvent>(a.url, mine, onA.participantToken, 'ticket');
    const learnerB = await events<LearnerEvent>(b.url, mine, onB.participantToken, 'header');
    const sent = await request(`${a.url}/api/workshops/${workshop.id}/broadcast`, {
      method: 'POST',
      token: workshop.instructorSecret,
      body: { text: 'Ten minutes left' },
    });
    assert.equal(sent.status, 200);
    for (const stream of [learnerA, learnerB]) {
      await stream.waitFor((e) => e.type === 'message' && e.message.text === 'Ten minutes left');
    }
  });

  test("keeps the other server's sessions when one server is killed and started again", async () => {
    await a.kill();
    a = await start(a.dataDir);
    const seen = await request<SessionView>(`${b.url}/api/sessions/${bSession.id}`, {
      token: bSession.token,
    });
    assert.equal(seen.body.status, 'ready');
    // B's own restart adopts its session only if A's start left it live in the store.
    const dataDir = b.dataDir;
    await b.kill();
    b = await start(dataDir);
    const adopted = await request<SessionView>(`${b.url}/api/sessions/${bSession.id}`, {
      token: bSession.token,
    });
    assert.equal(adopted.body.status, 'ready', JSON.stringify(adopted.body));
    assert.equal(labelledContainers(bSession.id, b.instance).length, 1);
  });

  test('removes the sandboxes on both servers when the workshop ends on one', async () => {
    const learnerB = await events<LearnerEvent>(
      b.url,
      `/api/workshops/${workshop.id}/me/events`,
      onB.participantToken,
      'header',
    );
    const ended = await request(`${a.url}/api/workshops/${workshop.id}/end`, {
      method: 'POST',
      token: workshop.instructorSecret,
    });
    assert.equal(ended.status, 200);
    await learnerB.waitFor((e) => e.type === 'ended');
    await until(
      () => labelledContainers(bSession.id, b.instance).length === 0,
      15_000,
      "B's sandbox removed",
    );
    const view = await request<SessionView>(`${b.url}/api/sessions/${bSession.id}`, {
      token: bSession.token,
    });
    assert.equal(view.body.status, 'ended');
  });
});

/**
 * Any server serves any session, on two real lab servers sharing one
 * PostgreSQL and the real engine: a reader's machine runs on A, and their
 * device moves to B mid-lab. B forwards the terminal and the API to A, so the
 * reader finds the same shell (same process, earlier output in tmux's
 * history), checks their work and ends the lab through B. A learner asking
 * both servers at once for a lab gets one machine (the database's lock). When
 * A is gone for good, B ends its sessions and its reader rebuilds on B.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type {
  CreateSessionResponse,
  CreateWorkshopResponse,
  JoinWorkshopResponse,
  RebuildResponse,
  SessionView,
  TaskResult,
} from '../../server/protocol.ts';
import { LOST_SERVER_REASON } from '../../server/sessions/ending.ts';
import { createSession, request, waitReady } from './helpers/api.ts';
import { docker, labelledContainers, runSolution, until } from './helpers/docker.ts';
import { createTestDatabase, type TestDatabase } from './helpers/postgres.ts';
import { startServer, type RunningServer } from './helpers/server.ts';
import { connectTerminal, plain } from './helpers/terminal-client.ts';

const ADMIN = 'admin-token-for-several-servers';
/** The servers' SERVER_LOST_S: the least the setting allows, so the test waits little. */
const SERVER_LOST_S = 15;
const PROMPT = /root@netlab:~# /;

let database: TestDatabase;
let a: RunningServer;
let b: RunningServer;

describe('several lab servers on one PostgreSQL', () => {
  before(async () => {
    database = await createTestDatabase();
    const env = {
      ADMIN_TOKEN: ADMIN,
      DATABASE_URL: database.url,
      SERVER_LOST_S: String(SERVER_LOST_S),
    };
    a = await startServer(env);
    b = await startServer(env);
  });
  after(async () => {
    await Promise.all([a.stop(), b.stop()]);
    await database.drop();
  });

  test('keeps a reader their shell, their checks and their lab when they move from A to B', async () => {
    const session: CreateSessionResponse = await createSession(a.url, 'host');
    const ready = await waitReady(a.url, session);
    assert.equal(ready.status, 'ready');
    assert.equal(labelledContainers(session.id, a.instance).length, 1);

    // On A: a shell with something on its screen.
    const first = await connectTerminal(a.url, session.id, { token: session.token });
    await first.waitFor(PROMPT);
    first.type('echo "pid=$$"; echo before-$((6*7))\r');
    const pid = (await first.waitFor(/^pid=(\d+)\r$/m))[1];
    await first.waitFor(/^before-42\r$/m);
    await first.close();

    // The device now reaches B, which holds no machine: the terminal is A's, through B.
    const second = await connectTerminal(b.url, session.id, { token: session.token });
    await second.waitFor(/before-42/);
    second.type('echo "again=$$"\r');
    assert.equal((await second.waitFor(/^again=(\d+)\r$/m))[1], pid);
    assert.deepEqual(second.messages[0], {
      type: 'status',
      state: 'live',
      window: 'main',
      readOnly: false,
    });
    await second.close();
    assert.equal(labelledContainers(session.id, b.instance).length, 0, 'B made no machine');

    // The reader's work, checked through B, is A's machine's.
    runSolution(session.id, 'host', ready.params);
    const check = await request<{ tasks: TaskResult[] }>(
      `${b.url}/api/sessions/${session.id}/check`,
      { method: 'POST', token: session.token, body: {} },
    );
    assert.equal(check.status, 200, JSON.stringify(check.body));
    assert.ok(
      check.body.tasks.some((t) => t.passed),
      JSON.stringify(check.body.tasks),
    );
    const view = await request<SessionView>(`${b.url}/api/sessions/${session.id}`, {
      token: session.token,
    });
    assert.deepEqual(
      view.body.tasks.filter((t) => t.passed).map((t) => t.id),
      check.body.tasks.filter((t) => t.passed).map((t) => t.id),
    );

    // Ending the lab through B removes A's machine.
    const ended = await request(`${b.url}/api/sessions/${session.id}`, {
      method: 'DELETE',
      token: session.token,
    });
    assert.equal(ended.status, 204);
    assert.equal(labelledContainers(session.id, a.instance).length, 0);
    const after = await request<SessionView>(`${a.url}/api/sessions/${session.id}`, {
      token: session.token,
    });
    assert.equal(after.body.status, 'ended');
    assert.match(plain(first.output()), /before-42/);
  });

  test('gives a learner who asks both servers at once for a lab one machine', async () => {
    const created = await request<CreateWorkshopResponse>(`${a.url}/api/workshops`, {
      method: 'POST',
      token: ADMIN,
      body: { title: 'Lock', labs: ['host'], capacity: 5, randomParams: false },
    });
    assert.equal(created.status, 201);
    const joined = await request<JoinWorkshopResponse>(`${b.url}/api/workshops/join`, {
      method: 'POST',
      body: { code: created.body.code, name: 'Ada' },
    });
    assert.equal(joined.status, 201);
    const ask = (server: RunningServer) =>
      request<CreateSessionResponse>(`${server.url}/api/workshops/${created.body.id}/me/sessions`, {
        method: 'POST',
        token: joined.body.participantToken,
        body: { lab: 'host' },
      });
    const answers = await Promise.all([ask(a), ask(b), ask(a), ask(b)]);
    assert.deepEqual(
      answers.map((r) => r.status),
      [200, 200, 200, 200],
    );
    const ids = new Set(answers.map((r) => r.body.id));
    assert.equal(ids.size, 1, [...ids].join());
    const [id = ''] = ids;
    await until(
      () =>
        labelledContainers(id, a.instance).length + labelledContainers(id, b.instance).length === 1,
      30_000,
      'one machine',
    );
    await request(`${a.url}/api/workshops/${created.body.id}/end`, {
      method: 'POST',
      token: created.body.instructorSecret,
    });
  });

  // Last: A does not come back.
  test('lets the reader of a server gone for good rebuild their machine on another', async () => {
    const session = await createSession(a.url, 'host');
    assert.equal((await waitReady(a.url, session)).status, 'ready');
    await a.kill();
    const killedAt = Date.now();
    let view = await viewOn(b, session);
    while (view.status !== 'ended' && Date.now() - killedAt < 60_000) {
      await sleep(250);
      view = await viewOn(b, session);
    }
    const endedAfter = Date.now() - killedAt;
    assert.deepEqual([view.status, view.reason], ['ended', LOST_SERVER_REASON]);
    // A registered at most one sweep (5 s) before it was killed.
    assert.ok(endedAfter >= (SERVER_LOST_S - 5) * 1000, `ended ${endedAfter} ms after the kill`);

    const rebuilt = await request<RebuildResponse>(`${b.url}/api/sessions/${session.id}/rebuild`, {
      method: 'POST',
      token: session.token,
    });
    assert.equal(rebuilt.status, 201, JSON.stringify(rebuilt.body));
    const ready = await waitReady(b.url, rebuilt.body);
    assert.equal(ready.status, 'ready');
    assert.equal(ready.rebuild?.fallback?.why, 'no-record', JSON.stringify(ready.rebuild));
    assert.equal(labelledContainers(rebuilt.body.id, b.instance).length, 1);
    await request(`${b.url}/api/sessions/${rebuilt.body.id}`, {
      method: 'DELETE',
      token: rebuilt.body.token,
    });
    // The lost machine stays until A starts again; this A never does.
    for (const id of labelledContainers(session.id, a.instance)) docker('rm', '-f', id);
  });
});

async function viewOn(server: RunningServer, session: CreateSessionResponse): Promise<SessionView> {
  const r = await request<SessionView>(`${server.url}/api/sessions/${session.id}`, {
    token: session.token,
  });
  return r.body;
}

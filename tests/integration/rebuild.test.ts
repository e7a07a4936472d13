/**
 * Rebuilding an ended session on the real engine: the reader's lines typed in
 * their terminal come back on a new machine (containers, networks, passed
 * tasks), an interactive session falls back on the lab's solution, and a
 * session is extended within the server's limits.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type {
  CreateSessionResponse,
  ErrorBody,
  ExtendResponse,
  RebuildResponse,
  SessionView,
  TaskResult,
} from '../../server/protocol.ts';
import { createSession, request, waitReady } from './helpers/api.ts';
import { inSandbox } from './helpers/docker.ts';
import { startServer, type RunningServer } from './helpers/server.ts';
import { connectTerminal, plain, type TerminalClient } from './helpers/terminal-client.ts';

const PROMPT = /root@netlab:~# /g;

/** Types a line and waits for the prompt after it (the prompts counted so far, plus one). */
async function run(term: TerminalClient, line: string): Promise<void> {
  const prompts = () => plain(term.output()).match(PROMPT)?.length ?? 0;
  const before = prompts();
  term.type(`${line}\r`);
  const deadline = Date.now() + 30_000;
  while (prompts() <= before) {
    if (Date.now() > deadline)
      throw new Error(`no prompt after ${line}:\n${term.output().slice(-800)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function started(server: RunningServer, lab: string): Promise<CreateSessionResponse> {
  const s = await createSession(server.url, lab);
  const view = await waitReady(server.url, s);
  assert.equal(view.status, 'ready');
  return s;
}

async function check(server: RunningServer, s: CreateSessionResponse): Promise<TaskResult[]> {
  const r = await request<{ tasks: TaskResult[] }>(`${server.url}/api/sessions/${s.id}/check`, {
    method: 'POST',
    token: s.token,
    body: {},
  });
  return r.body.tasks;
}

const passed = (tasks: TaskResult[]) => tasks.filter((t) => t.passed).map((t) => t.id);

async function rebuild(server: RunningServer, s: CreateSessionResponse) {
  await request(`${server.url}/api/sessions/${s.id}`, { method: 'DELETE', token: s.token });
  const r = await request<RebuildResponse>(`${server.url}/api/sessions/${s.id}/rebuild`, {
    method: 'POST',
    token: s.token,
    body: {},
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.equal(r.body.rebuiltFrom, s.id);
  return { session: r.body, view: await waitReady(server.url, r.body, 120_000) };
}

describe('rebuild', () => {
  let server: RunningServer;
  before(async () => {
    server = await startServer({
      MAX_SESSIONS_PER_CLIENT: '10',
      HARD_TTL_S: '600',
      EXTEND_S: '200',
      MAX_SESSION_S: '900',
    });
  });
  after(() => server.stop());

  test('replays the reader’s lines: networks, containers and passed tasks come back', async () => {
    const s = await started(server, 'user-defined');
    const term = await connectTerminal(server.url, s.id, { token: s.token });
    await term.waitFor(PROMPT);
    await run(term, 'docker network create -d bridge my_bridge');
    await run(term, 'brctl show | grep -c br-');
    await run(
      term,
      'for b in box1 box2; do docker run -d --name $b --network my_bridge busybox sleep 3600; done',
    );
    await run(term, 'docker exec box1 ping -c 1 nowhere-at-all');
    await term.close();
    const before = passed(await check(server, s));
    assert.ok(
      before.includes('create-network') && before.includes('run-box1-box2'),
      String(before),
    );

    const { session, view } = await rebuild(server, s);
    assert.equal(view.status, 'ready');
    assert.equal(view.rebuild?.state, 'done');
    assert.equal(view.rebuild.mode, 'journal');
    assert.deepEqual(view.rebuild.failed, null);
    assert.equal(view.rebuild.replayed, 3);
    assert.deepEqual(view.rebuild.carried.sort(), [...before].sort());
    assert.ok(view.tasks.filter((t) => t.passed).length >= before.length);
    assert.match(inSandbox(session.id, "docker ps --format '{{.Names}}' | sort"), /box1\nbox2/);
    assert.match(inSandbox(session.id, 'docker network ls'), /my_bridge/);
    assert.deepEqual(passed(await check(server, session)).sort(), [...before].sort());

    const again = await connectTerminal(server.url, session.id, { token: session.token });
    await again.waitFor(
      /replaying your 3 command lines on a new machine[\s\S]*for b in box1 box2[\s\S]*machine is back/,
    );
    await again.close();
  });

  test('falls back on the lab’s solution after an interactive program, and says why', async () => {
    const s = await started(server, 'user-defined');
    const term = await connectTerminal(server.url, s.id, { token: s.token });
    await term.waitFor(PROMPT);
    await run(term, 'docker network create -d bridge my_bridge');
    term.type('docker run -it --rm busybox sh\r');
    await term.waitFor(/\/ # /);
    await run(term, 'exit');
    await term.close();
    assert.deepEqual(passed(await check(server, s)), ['create-network']);

    const { session, view } = await rebuild(server, s);
    assert.equal(view.rebuild?.mode, 'solution');
    assert.deepEqual(view.rebuild.fallback, {
      why: 'interactive',
      line: 'docker run -it --rm busybox sh',
    });
    assert.equal(view.rebuild.failed, null);
    assert.match(inSandbox(session.id, 'docker network ls'), /my_bridge/);
    assert.ok(passed(await check(server, session)).includes('create-network'));
  });

  test('refuses to rebuild a live session or with another token', async () => {
    const s = await started(server, 'bridge');
    const live = await request<ErrorBody>(`${server.url}/api/sessions/${s.id}/rebuild`, {
      method: 'POST',
      token: s.token,
      body: {},
    });
    assert.equal(live.status, 409);
    assert.equal(live.body.error.code, 'NETLAB_ERR_SESSION_LIVE');
    const other = await request<ErrorBody>(`${server.url}/api/sessions/${s.id}/rebuild`, {
      method: 'POST',
      token: 'not-the-token',
      body: {},
    });
    assert.equal(other.status, 403);
    await request(`${server.url}/api/sessions/${s.id}`, { method: 'DELETE', token: s.token });
  });

  test('extends a session by EXTEND_S up to MAX_SESSION_S, then refuses', async () => {
    const s = await started(server, 'bridge');
    const extend = () =>
      request<ExtendResponse & ErrorBody>(`${server.url}/api/sessions/${s.id}/extend`, {
        method: 'POST',
        token: s.token,
        body: {},
      });
    const first = await extend();
    assert.equal(first.status, 200);
    assert.equal(Date.parse(first.body.expiresAt) - Date.parse(s.expiresAt), 200_000);
    const second = await extend();
    assert.equal(Date.parse(second.body.expiresAt), Date.parse(second.body.extendableUntil));
    const third = await extend();
    assert.equal(third.status, 409);
    assert.equal(third.body.error.code, 'NETLAB_ERR_EXTEND_LIMIT');
    const view = await request<SessionView>(`${server.url}/api/sessions/${s.id}`, {
      token: s.token,
    });
    assert.equal(view.body.expiresAt, second.body.expiresAt);
    await request(`${server.url}/api/sessions/${s.id}`, { method: 'DELETE', token: s.token });
  });
});

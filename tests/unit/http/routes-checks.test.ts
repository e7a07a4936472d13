/**
 * Checks, answers and the topology through Fastify's inject, on the whole app:
 * the fake driver answers the grader with what a real sandbox of the bridge
 * lab answered (tests/fixtures/grading, fresh and solved), so the real
 * CheckService, grader and session manager run in milliseconds. Also how the
 * engine's failures reach the client: a sandbox gone, an engine down, a
 * machine still starting.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { readAnswer, type Recording } from '../../../server/grading/grader.ts';
import { replayExec } from '../../../server/grading/probes/recording.ts';
import type {
  AnswerResponse,
  CreateSessionResponse,
  ErrorBody,
  SessionView,
  TaskResult,
  Topology,
} from '../../../server/protocol.ts';
import { realLabs, testApp, type TestApp } from '../helpers/app.ts';
import { until } from '../helpers/sessions.ts';

type State = 'fresh' | 'solved';

function recording(state: State): Recording {
  const file = path.resolve(import.meta.dirname, `../../fixtures/grading/bridge-${state}.json`);
  return JSON.parse(readFileSync(file, 'utf8')) as Recording;
}
const replays = { fresh: replayExec(recording('fresh')), solved: replayExec(recording('solved')) };

let t: TestApp;
/** What the sandbox looks like to the grader now. */
let state: State = 'fresh';
let clients = 0;

before(async () => {
  t = await testApp({ labs: realLabs() });
  t.driver.onExec = (cmd) => replays[state](cmd);
});
after(() => t.close());

async function readySession(): Promise<CreateSessionResponse> {
  state = 'fresh';
  const r = await t.call('POST', '/api/sessions', {
    body: { lab: 'bridge' },
    client: `10.1.0.${++clients}`,
  });
  const session = r.json<CreateSessionResponse>();
  await until(() => t.sessions.handle(session.id)?.status() === 'ready');
  return session;
}

const check = (s: CreateSessionResponse, body: object = {}) =>
  t.call('POST', `/api/sessions/${s.id}/check`, { token: s.token, body });
const passed = (tasks: TaskResult[]) => tasks.filter((x) => x.passed).map((x) => x.id);

describe('POST /api/sessions/:id/check', () => {
  test('returns every task open on a fresh machine, with what was expected', async () => {
    const s = await readySession();
    const r = await check(s);
    assert.equal(r.statusCode, 200);
    const { tasks } = r.json<{ tasks: TaskResult[] }>();
    assert.deepEqual(passed(tasks), []);
    assert.ok(tasks.find((x) => x.id === 'run-busybox1')?.detail?.expected);
  });

  test('returns the state and action tasks passed once solved, and keeps them passed after', async () => {
    const s = await readySession();
    state = 'solved';
    const solved = passed((await check(s)).json<{ tasks: TaskResult[] }>().tasks);
    assert.ok(solved.includes('run-busybox1') && solved.includes('look-at-bridge'), solved.join());
    state = 'fresh';
    const later = passed((await check(s)).json<{ tasks: TaskResult[] }>().tasks);
    const lab = t.labs.get('bridge');
    const sticky = solved.filter((id) => !lab?.tasks.find((x) => x.id === id)?.live);
    assert.deepEqual(later, sticky);
    const view = (
      await t.call('GET', `/api/sessions/${s.id}`, { token: s.token })
    ).json<SessionView>();
    assert.deepEqual(passed(view.tasks), sticky);
  });

  test('returns only the task asked for, and 404 for a task the lab lacks', async () => {
    const s = await readySession();
    const one = (await check(s, { task: 'run-busybox1' })).json<{ tasks: TaskResult[] }>();
    assert.deepEqual(
      one.tasks.map((x) => x.id),
      ['run-busybox1'],
    );
    const r = await check(s, { task: 'no-such-task' });
    assert.equal(r.statusCode, 404);
    assert.equal(r.json<ErrorBody>().error.code, 'NETLAB_ERR_UNKNOWN_TASK');
  });

  test('returns 409 retry while the machine starts', async () => {
    const release = t.driver.holdCreates();
    const r = await t.call('POST', '/api/sessions', {
      body: { lab: 'bridge' },
      client: '10.1.1.1',
    });
    const s = r.json<CreateSessionResponse>();
    const early = await check(s);
    release();
    assert.equal(early.statusCode, 409);
    assert.deepEqual(early.json<ErrorBody>().error, {
      code: 'NETLAB_ERR_SESSION_NOT_READY',
      message: 'The lab machine is still starting; try again in a moment.',
      retry: 'retry',
    });
  });

  test('returns 410 final and ends the session when its sandbox is gone', async () => {
    const s = await readySession();
    const sandbox = [...t.driver.sandboxes.values()].find((x) => x.sessionId === s.id);
    t.driver.vanish(sandbox?.containerId ?? '');
    const r = await check(s);
    assert.equal(r.statusCode, 410);
    assert.deepEqual(
      [r.json<ErrorBody>().error.code, r.json<ErrorBody>().error.retry],
      ['NETLAB_ERR_SESSION_ENDED', 'final'],
    );
    const view = (
      await t.call('GET', `/api/sessions/${s.id}`, { token: s.token })
    ).json<SessionView>();
    assert.equal(view.status, 'ended');
  });

  test('returns 503 later, not 500, while the engine is down', async () => {
    const s = await readySession();
    t.driver.engineDown = true;
    const r = await check(s);
    t.driver.engineDown = false;
    assert.equal(r.statusCode, 503);
    assert.deepEqual(
      [r.json<ErrorBody>().error.code, r.json<ErrorBody>().error.retry],
      ['NETLAB_ERR_DOCKER_UNREACHABLE', 'later'],
    );
  });

  test('returns 403 to an instructor peeking, who may watch but not check', async () => {
    const s = await readySession();
    const r = await t.call('POST', `/api/sessions/${s.id}/check`, {
      token: 'not-its-token',
      body: {},
    });
    assert.equal(r.statusCode, 403);
  });
});

describe('POST /api/sessions/:id/answers/:task', () => {
  test('returns passed for the value read live, and not passed for another', async () => {
    const s = await readySession();
    state = 'solved';
    const task = t.labs.get('bridge')?.tasks.find((x) => x.id === 'veth-peer');
    assert.ok(task);
    const right = (await readAnswer(replays.solved, task, {}))?.value;
    assert.ok(right);
    const answer = (value: string) =>
      t.call('POST', `/api/sessions/${s.id}/answers/veth-peer`, {
        token: s.token,
        body: { answer: value },
      });
    assert.equal((await answer('eth99')).json<AnswerResponse>().passed, false);
    assert.equal((await answer(right)).json<AnswerResponse>().passed, true);
  });

  test('returns 400 for a task checked from the sandbox, which takes no answer', async () => {
    const s = await readySession();
    const r = await t.call('POST', `/api/sessions/${s.id}/answers/run-busybox1`, {
      token: s.token,
      body: { answer: 'x' },
    });
    assert.equal(r.statusCode, 400);
  });
});

describe('GET /api/sessions/:id/topology', () => {
  test('returns the nodes and links read from the sandbox', async () => {
    const s = await readySession();
    state = 'solved';
    const r = await t.call('GET', `/api/sessions/${s.id}/topology`, { token: s.token });
    assert.equal(r.statusCode, 200);
    assert.ok(Array.isArray(r.json<Topology>().nodes));
  });
});

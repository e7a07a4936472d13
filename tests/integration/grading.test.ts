/**
 * A reader plays the bridge lab end to end on the real server: commands typed
 * through the terminal websocket, tasks turning passed through pushed status,
 * and the veth question answered wrongly, then rightly.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type {
  CreateSessionResponse,
  ErrorBody,
  ServerMessage,
  TaskResult,
} from '../../server/protocol.ts';
import { createSession, request, waitReady } from './helpers/api.ts';
import { inSandbox } from './helpers/docker.ts';
import { startServer, type RunningServer } from './helpers/server.ts';
import { connectTerminal } from './helpers/terminal-client.ts';

let server: RunningServer;
let session: CreateSessionResponse;

function pushedTasks(messages: ServerMessage[]): Map<string, TaskResult> {
  const last = messages.filter((m) => m.type === 'tasks').at(-1);
  return new Map((last?.type === 'tasks' ? last.tasks : []).map((t) => [t.id, t]));
}

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('grading the bridge lab', () => {
  before(async () => {
    server = await startServer({ CHECK_INTERVAL_S: '1' });
    session = await createSession(server.url, 'bridge');
    await waitReady(server.url, session);
  });
  after(async () => {
    await server.stop();
  });

  test('reports every task open, with what it expected and found, before any work', async () => {
    const r = await request<{ tasks: TaskResult[] }>(
      `${server.url}/api/sessions/${session.id}/check`,
      {
        method: 'POST',
        body: {},
        token: session.token,
      },
    );
    assert.equal(r.status, 200);
    const first = r.body.tasks.find((t) => t.id === 'run-busybox1');
    assert.equal(first?.passed, false);
    assert.match(first.detail?.actual ?? '', /busybox1/);
    assert.ok(first.detail?.expected && first.detail.hint);
  });

  test('answers in Chinese when asked', async () => {
    const r = await request<{ tasks: TaskResult[] }>(
      `${server.url}/api/sessions/${session.id}/check?lang=zh-cn`,
      {
        method: 'POST',
        body: { task: 'run-busybox1' },
        token: session.token,
      },
    );
    assert.equal(r.body.tasks.length, 1);
    assert.match(r.body.tasks[0]?.detail?.expected ?? '', /[\u4e00-\u9fff]/);
  });

  test('ticks tasks off through the terminal as the reader works', async () => {
    const t = await connectTerminal(server.url, session.id, { token: session.token });
    await t.waitFor(/root@netlab:~# /);
    t.type('docker run -d --name busybox1 busybox sleep 3600\r');
    await until(
      () => pushedTasks(t.messages).get('run-busybox1')?.passed === true,
      20_000,
      'run-busybox1 to pass',
    );
    t.type('brctl show\r');
    await until(
      () => pushedTasks(t.messages).get('look-at-bridge')?.passed === true,
      20_000,
      'look-at-bridge to pass',
    );
    await t.close();
  });

  test('judges the veth question against the live sandbox', async () => {
    const peer = /eth0@if(\d+)/.exec(
      inSandbox(session.id, 'docker exec busybox1 ip a show eth0'),
    )?.[1];
    const veth = inSandbox(
      session.id,
      `ip -o link | awk -F': ' '$1 == ${peer} {print $2}' | cut -d@ -f1`,
    );
    assert.match(veth, /^veth[0-9a-f]+$/);
    const url = `${server.url}/api/sessions/${session.id}/answers/veth-peer`;
    const wrong = await request<{ passed: boolean; detail: { actual: string } }>(url, {
      method: 'POST',
      body: { answer: 'docker0' },
      token: session.token,
    });
    assert.equal(wrong.body.passed, false);
    assert.match(wrong.body.detail.actual, /docker0/);
    const right = await request<{ passed: boolean }>(url, {
      method: 'POST',
      body: { answer: ` ${veth.toUpperCase()} ` },
      token: session.token,
    });
    assert.equal(right.body.passed, true);
    const view = await request<{ tasks: TaskResult[] }>(
      `${server.url}/api/sessions/${session.id}`,
      { token: session.token },
    );
    assert.equal(view.body.tasks.find((t) => t.id === 'veth-peer')?.passed, true);
  });

  test('refuses an unknown task and an answer to a state task', async () => {
    const unknown = await request<ErrorBody>(
      `${server.url}/api/sessions/${session.id}/answers/nope`,
      {
        method: 'POST',
        body: { answer: 'x' },
        token: session.token,
      },
    );
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.code, 'NETLAB_ERR_UNKNOWN_TASK');
    const state = await request<ErrorBody>(
      `${server.url}/api/sessions/${session.id}/answers/run-busybox1`,
      {
        method: 'POST',
        body: { answer: 'x' },
        token: session.token,
      },
    );
    assert.equal(state.status, 400);
  });

  test('draws the live topology: docker0, busybox1 and the veth between them', async () => {
    const r = await request<{ nodes: { id: string; kind: string }[]; links: unknown[] }>(
      `${server.url}/api/sessions/${session.id}/topology`,
      { token: session.token },
    );
    assert.equal(r.status, 200);
    const text = JSON.stringify(r.body);
    assert.match(text, /docker0/);
    assert.match(text, /busybox1/);
    assert.ok(r.body.links.length >= 1);
  });
});

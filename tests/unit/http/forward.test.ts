/**
 * Any server serves any session: two apps on one store (INSTANCE "a" and "b",
 * each listening on loopback and registered in the server directory), a
 * session whose machine is on A, and a client talking to B. B forwards its
 * requests and its terminal to A. The same with two real servers on one
 * PostgreSQL and the real engine: tests/integration/servers.test.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { FORWARDED_HEADER } from '../../../server/http/forward.ts';
import type {
  CreateSessionResponse,
  ErrorBody,
  ServerMessage,
  SessionView,
  TaskResult,
} from '../../../server/protocol.ts';
import { listen, testApp, type TestApp } from '../helpers/app.ts';
import { until } from '../helpers/sessions.ts';

let a: TestApp;
let b: TestApp;
let clients = 0;

before(async () => {
  a = await testApp({ instance: 'a' });
  b = await testApp({ instance: 'b', opened: a.opened });
  await listen(a, 'a');
  await listen(b, 'b');
});
after(async () => {
  await b.close();
  await a.close();
});

async function onA(): Promise<CreateSessionResponse> {
  const r = await a.call('POST', '/api/sessions', {
    body: { lab: 'bridge' },
    client: `10.4.0.${++clients}`,
  });
  const session = r.json<CreateSessionResponse>();
  await until(() => a.sessions.handle(session.id)?.status() === 'ready');
  return session;
}

describe('Peers.forward', () => {
  test("answers on B a session whose machine A holds, with A's live view", async () => {
    const s = await onA();
    await a.sessions.recordResults(s.id, [{ id: 't', passed: true, detail: null }], true);
    const r = await b.call('GET', `/api/sessions/${s.id}`, { token: s.token });
    assert.equal(r.statusCode, 200);
    const view = r.json<SessionView>();
    assert.equal(view.status, 'ready');
    assert.equal(view.tasks.find((x) => x.id === 't')?.passed, true);
  });

  test("runs a check asked of B in A's sandbox", async () => {
    const s = await onA();
    const before = a.driver.execs.length;
    const r = await b.call('POST', `/api/sessions/${s.id}/check`, { token: s.token, body: {} });
    assert.equal(r.statusCode, 200);
    assert.ok(Array.isArray(r.json<{ tasks: TaskResult[] }>().tasks));
    assert.ok(a.driver.execs.length > before, "the check ran on A's engine");
    assert.equal(b.driver.execs.length, 0, "and never on B's");
  });

  test('ends on A a session deleted through B, and says so with the same status', async () => {
    const s = await onA();
    const r = await b.call('DELETE', `/api/sessions/${s.id}`, { token: s.token });
    assert.equal(r.statusCode, 204);
    assert.equal(a.sessions.handle(s.id), undefined);
    const wrong = await b.call('GET', `/api/sessions/${s.id}`, { token: 'wrong' });
    assert.equal(wrong.statusCode, 403);
  });

  test('refuses to forward a request that was already forwarded, so none loops', async () => {
    const s = await onA();
    const r = await b.call('GET', `/api/sessions/${s.id}`, {
      token: s.token,
      headers: { [FORWARDED_HEADER]: 'c' },
    });
    assert.equal(r.statusCode, 421);
    assert.equal(r.json<ErrorBody>().error.code, 'NETLAB_ERR_OTHER_SERVER');
  });

  test('returns 421 later when the holder cannot be reached', async () => {
    const s = await onA();
    await a.opened.servers.register('a', 'http://127.0.0.1:9', Date.now());
    const r = await b.call('GET', `/api/sessions/${s.id}`, { token: s.token });
    await a.opened.servers.register('a', urlOf(a), Date.now());
    assert.equal(r.statusCode, 421);
    assert.deepEqual(
      [r.json<ErrorBody>().error.code, r.json<ErrorBody>().error.retry],
      ['NETLAB_ERR_OTHER_SERVER', 'later'],
    );
  });
});

function urlOf(t: TestApp): string {
  const address = t.app.server.address();
  assert.ok(address && typeof address === 'object');
  return `http://127.0.0.1:${address.port}`;
}

describe('forwardTerminal', () => {
  async function openOnB(s: CreateSessionResponse) {
    const messages: ServerMessage[] = [];
    let output = '';
    const ws = await b.app.injectWS(`/api/sessions/${s.id}/terminal?rows=33`, {
      headers: { host: 'localhost' },
    });
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (isBinary) output += data.toString();
      else messages.push(JSON.parse(data.toString()) as ServerMessage);
    });
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send(JSON.stringify({ type: 'auth', token: s.token }));
    return { ws, messages, output: () => output, closed };
  }

  test("opens A's terminal through B: live from A, keystrokes both ways, attached on A", async () => {
    const s = await onA();
    const term = await openOnB(s);
    await until(() => term.messages.some((m) => m.type === 'status'), 'live');
    assert.deepEqual(term.messages[0], {
      type: 'status',
      state: 'live',
      window: 'main',
      readOnly: false,
    });
    term.ws.send(Buffer.from('whoami\r'));
    await until(() => term.output().includes('whoami'), 'the echo');
    assert.deepEqual(a.hub.attached(), [s.id]);
    assert.deepEqual(b.hub.attached(), []);
    assert.equal(a.driver.terminals.at(-1)?.options.rows, 33);
    term.ws.terminate();
    await until(() => !a.hub.attached().includes(s.id), 'detached on A');
  });

  test('closes the terminal on B with the status A sends when the session ends', async () => {
    const s = await onA();
    const term = await openOnB(s);
    await until(() => term.messages.some((m) => m.type === 'status'), 'live');
    await a.sessions.end(s.id, 'ended', 'the workshop ended');
    assert.equal(await term.closed, 4410);
    assert.deepEqual(term.messages.at(-1), {
      type: 'status',
      state: 'ended',
      code: 'NETLAB_ERR_SESSION_ENDED',
      retry: 'final',
      reason: 'the workshop ended',
    });
  });
});

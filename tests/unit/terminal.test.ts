/**
 * The terminal websocket through @fastify/websocket's injectWS, on the whole
 * app over the fake driver (whose terminal echoes what is typed): who may open
 * one, the limit per session, task lists pushed as results change, and how a
 * session's end and the engine's failures close it, each with its code and
 * retry class. The real shell is tests/integration/terminal.test.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ServerMessage } from '../../server/protocol.ts';
import { testApp, type TestApp } from './helpers/app.ts';
import { until } from './helpers/sessions.ts';

let t: TestApp;
type Socket = Awaited<ReturnType<TestApp['app']['injectWS']>>;
let clients = 0;
before(async () => {
  t = await testApp({ env: { TERMINALS_PER_SESSION: '2' } });
});
after(() => t.close());

interface Opened {
  ws: Socket;
  messages: ServerMessage[];
  output: () => string;
  closed: Promise<{ code: number; reason: string }>;
}

/** Opens a terminal as a browser does: the token in the first message. */
async function open(sessionId: string, token: string, query = ''): Promise<Opened> {
  const messages: ServerMessage[] = [];
  let output = '';
  const ws = await t.app.injectWS(`/api/sessions/${sessionId}/terminal${query}`, {
    headers: { host: 'localhost' },
  });
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    if (isBinary) output += data.toString();
    else messages.push(JSON.parse(data.toString()) as ServerMessage);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  ws.send(JSON.stringify({ type: 'auth', token }));
  return { ws, messages, output: () => output, closed };
}

async function readySession() {
  const { session } = await t.sessions.create({ lab: 'bridge', client: `10.3.0.${++clients}` });
  await until(() => t.sessions.handle(session.id)?.status() === 'ready');
  return session;
}

const live = (o: Opened) => until(() => o.messages.some((m) => m.type === 'status'));

describe('the terminal websocket', () => {
  test('goes live with the task list, carries keystrokes, and attaches the session', async () => {
    const s = await readySession();
    const term = await open(s.id, s.token, '?cols=100&rows=30&lang=zh-cn');
    await live(term);
    assert.deepEqual(term.messages[0], {
      type: 'status',
      state: 'live',
      window: 'main',
      readOnly: false,
    });
    assert.equal(term.messages[1]?.type, 'tasks');
    term.ws.send(Buffer.from('echo hi\r'));
    await until(() => term.output().includes('echo hi'));
    assert.deepEqual(t.hub.attached(), [s.id]);
    assert.equal(t.sessions.handle(s.id)?.locale(), 'zh-cn');
    const terminal = t.driver.terminals.at(-1);
    assert.deepEqual(terminal?.options.cmd, ['/opt/netlab/terminal.sh', 'main', 'rw', '30', '100']);
    const detached = new Promise<void>((resolve) => {
      const stop = t.hub.onChange((id, attached) => {
        if (id !== s.id || attached) return;
        stop();
        resolve();
      });
    });
    term.ws.terminate();
    await detached;
    assert.deepEqual(t.hub.attached(), []);
  });

  test('pushes the task list when the session records results', async () => {
    const s = await readySession();
    const term = await open(s.id, s.token);
    await live(term);
    const before = term.messages.length;
    await t.sessions.recordResults(s.id, [{ id: 't', passed: true, detail: null }], true);
    await until(() => term.messages.length > before);
    const pushed = term.messages.at(-1);
    assert.ok(pushed?.type === 'tasks' && pushed.tasks.find((x) => x.id === 't')?.passed);
    term.ws.terminate();
  });

  test('refuses a terminal over TERMINALS_PER_SESSION, telling the client not to retry', async () => {
    const s = await readySession();
    const open2 = [await open(s.id, s.token), await open(s.id, s.token)];
    await Promise.all(open2.map(live));
    const third = await open(s.id, s.token);
    const { code } = await third.closed;
    assert.equal(code, 4429);
    assert.deepEqual(
      [third.messages[0]?.type === 'status' && third.messages[0].code, third.messages[0]],
      ['NETLAB_ERR_TOO_MANY_TERMINALS', third.messages[0]],
    );
    for (const o of open2) o.ws.terminate();
  });

  test('ends every terminal of a session that ends, with its reason', async () => {
    const s = await readySession();
    const term = await open(s.id, s.token);
    await live(term);
    await t.sessions.end(s.id, 'ended', 'ended by the reader');
    const { code } = await term.closed;
    assert.equal(code, 4410);
    assert.deepEqual(term.messages.at(-1), {
      type: 'status',
      state: 'ended',
      code: 'NETLAB_ERR_SESSION_ENDED',
      retry: 'final',
      reason: 'ended by the reader',
    });
  });

  const failures: [string, (containerId: string) => void, string, string, number][] = [
    [
      'a sandbox that is gone',
      (id) => t.driver.vanish(id),
      'NETLAB_ERR_SESSION_ENDED',
      'final',
      4410,
    ],
    [
      'an engine that does not answer',
      () => (t.driver.engineDown = true),
      'NETLAB_ERR_DOCKER_UNREACHABLE',
      'later',
      4503,
    ],
  ];
  for (const [what, fail, code, retry, closeCode] of failures) {
    test(`closes with ${code} (${retry}), not an internal error, for ${what}`, async () => {
      const s = await readySession();
      const sandbox = [...t.driver.sandboxes.values()].find((x) => x.sessionId === s.id);
      fail(sandbox?.containerId ?? '');
      const term = await open(s.id, s.token);
      const closed = await term.closed;
      t.driver.engineDown = false;
      assert.equal(closed.code, closeCode);
      const status = term.messages.at(-1);
      assert.ok(status?.type === 'status');
      assert.deepEqual([status.code, status.retry], [code, retry]);
    });
  }

  test('refuses a wrong token after the upgrade, finally', async () => {
    const s = await readySession();
    const term = await open(s.id, 'wrong');
    assert.equal((await term.closed).code, 4403);
  });
});

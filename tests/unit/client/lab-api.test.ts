import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  describeLabError,
  errorFrom,
  LabApiError,
  LabClient,
} from '../../../src/client/lab-api.ts';

interface Call {
  method: string;
  url: string;
  headers: Partial<Record<string, string>>;
  body: unknown;
}

/** A fetch that answers from a script, one response per call, and records the calls. */
function fakeFetch(responses: (Response | Error)[]) {
  const calls: Call[] = [];
  const impl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    await Promise.resolve();
    calls.push({
      method: init?.method ?? 'GET',
      url: input instanceof Request ? input.url : input.toString(),
      headers: (init?.headers ?? {}) as Partial<Record<string, string>>,
      body: typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
    });
    const next = responses.shift();
    if (!next) throw new Error('no scripted response left');
    if (next instanceof Error) throw next;
    return next;
  }) as typeof fetch;
  return { impl, calls };
}

const json = (status: number, body: unknown): Response =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
const apiError = (status: number, code: string, message = 'm'): Response =>
  json(status, { error: { code, message } });

class MemoryStorage {
  readonly map = new Map<string, string>();
  getItem(key: string): string | null {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.map.set(key, value);
  }
  removeItem(key: string): void {
    this.map.delete(key);
  }
}

const NOW = Date.parse('2030-01-01T00:00:00Z');
const LATER = '2030-01-01T02:00:00.000Z';
const created = {
  id: 's1',
  token: 't1',
  lab: 'bridge',
  generation: 'docker-28' as const,
  expiresAt: LATER,
};
const view = (status: string, extra: object = {}) => ({
  id: 's1',
  lab: 'bridge',
  status,
  expiresAt: LATER,
  tasks: [],
  ...extra,
});

function client(responses: (Response | Error)[], storage = new MemoryStorage()) {
  const fetch = fakeFetch(responses);
  const sleeps: number[] = [];
  const lab = new LabClient({
    baseUrl: 'http://lab.test',
    storage,
    fetch: fetch.impl,
    now: () => NOW,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
  });
  return { lab, calls: fetch.calls, storage, sleeps };
}

describe('LabClient', () => {
  test('creates a session, remembers it for the lab, and polls until ready', async () => {
    const { lab, calls, storage, sleeps } = client([
      json(201, created),
      json(200, view('starting')),
      json(200, view('ready')),
    ]);
    const statuses: string[] = [];
    const started = await lab.start('bridge', { onStatus: (v) => statuses.push(v.status) });
    assert.equal(started.resumed, false);
    assert.deepEqual(started.session, created);
    assert.equal(started.view.status, 'ready');
    assert.deepEqual(statuses, ['starting', 'ready']);
    assert.equal(sleeps.length, 1);
    assert.deepEqual(calls[0], {
      method: 'POST',
      url: 'http://lab.test/api/sessions',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: { lab: 'bridge' },
    });
    assert.equal(calls[1]?.url, 'http://lab.test/api/sessions/s1');
    assert.equal(calls[1].headers['authorization'], 'Bearer t1');
    assert.deepEqual(JSON.parse(storage.getItem('netlab:session:bridge') ?? ''), created);
  });

  test('asks for the generation the reader picked and remembers it with the session', async () => {
    const old = { ...created, generation: 'docker-26' as const };
    const { lab, calls, storage } = client([json(201, old), json(200, view('ready'))]);
    const started = await lab.start('bridge', { generation: 'docker-26' });
    assert.deepEqual(calls[0]?.body, { lab: 'bridge', generation: 'docker-26' });
    assert.equal(started.session.generation, 'docker-26');
    assert.equal(lab.stored('bridge')?.generation, 'docker-26');
    assert.ok(storage.getItem('netlab:session:bridge')?.includes('docker-26'));
  });

  test('returns docker-26 for a session stored before there was a choice', () => {
    const storage = new MemoryStorage();
    storage.setItem(
      'netlab:session:bridge',
      JSON.stringify({ id: 's0', token: 't0', lab: 'bridge', expiresAt: LATER }),
    );
    assert.equal(client([], storage).lab.stored('bridge')?.generation, 'docker-26');
  });

  test('resumes the stored session after a reload while it lives', async () => {
    const storage = new MemoryStorage();
    storage.setItem('netlab:session:bridge', JSON.stringify(created));
    const { lab, calls } = client([json(200, view('ready'))], storage);
    const started = await lab.start('bridge');
    assert.equal(started.resumed, true);
    assert.equal(started.session.id, 's1');
    assert.equal(calls.length, 1);
    assert.equal(calls[0]?.method, 'GET');
  });

  test('starts a fresh session when the stored one is gone (404), ended (410) or ended in status', async () => {
    for (const gone of [
      apiError(404, 'NETLAB_ERR_NOT_FOUND'),
      apiError(410, 'NETLAB_ERR_SESSION_ENDED'),
      json(200, view('ended')),
    ]) {
      const storage = new MemoryStorage();
      storage.setItem(
        'netlab:session:bridge',
        JSON.stringify({ ...created, id: 'old', token: 'old' }),
      );
      const { lab, calls } = client([gone, json(201, created), json(200, view('ready'))], storage);
      const started = await lab.start('bridge');
      assert.equal(started.resumed, false);
      assert.equal(started.session.id, 's1');
      assert.deepEqual(
        calls.map((c) => c.method),
        ['GET', 'POST', 'GET'],
      );
      assert.equal(
        (JSON.parse(storage.getItem('netlab:session:bridge') ?? '') as { id: string }).id,
        's1',
      );
    }
  });

  test('resumeOnly never creates a session (a reload after the machine is gone)', async () => {
    const storage = new MemoryStorage();
    storage.setItem('netlab:session:bridge', JSON.stringify(created));
    const { lab, calls } = client([apiError(410, 'NETLAB_ERR_SESSION_ENDED')], storage);
    await assert.rejects(lab.start('bridge', { resumeOnly: true }), { kind: 'ended' });
    assert.deepEqual(
      calls.map((c) => c.method),
      ['GET'],
    );
    assert.equal(storage.getItem('netlab:session:bridge'), null);
  });

  test('drops a stored session past its expiry without asking the server', async () => {
    const storage = new MemoryStorage();
    storage.setItem(
      'netlab:session:bridge',
      JSON.stringify({ ...created, expiresAt: '2029-12-31T23:00:00Z' }),
    );
    const { lab, calls } = client([json(201, created), json(200, view('ready'))], storage);
    await lab.start('bridge');
    assert.equal(calls[0]?.method, 'POST');
  });

  test('ignores malformed stored data', () => {
    const storage = new MemoryStorage();
    storage.setItem('netlab:session:bridge', '{not json');
    const { lab } = client([], storage);
    assert.equal(lab.stored('bridge'), null);
    assert.equal(storage.getItem('netlab:session:bridge'), null);
  });

  test('a failed machine rejects with its reason', async () => {
    const { lab } = client([
      json(201, created),
      json(200, view('failed', { reason: 'setup command 1 failed' })),
    ]);
    await assert.rejects(lab.start('bridge'), (error: unknown) => {
      assert.ok(error instanceof LabApiError);
      assert.equal(error.kind, 'failed');
      assert.equal(
        describeLabError(error, 'en'),
        'The lab machine failed to start: setup command 1 failed',
      );
      return true;
    });
  });

  test('gives up after the timeout while the machine keeps starting', async () => {
    let now = NOW;
    const fetch = fakeFetch([
      json(201, created),
      ...Array.from({ length: 50 }, () => json(200, view('starting'))),
    ]);
    const lab = new LabClient({
      baseUrl: 'http://lab.test',
      storage: null,
      fetch: fetch.impl,
      now: () => now,
      sleep: (ms) => {
        now += ms;
        return Promise.resolve();
      },
    });
    await assert.rejects(lab.start('bridge', { timeoutMs: 5000 }), { kind: 'timeout' });
  });

  test('end() deletes the session and forgets it, even when it is already gone', async () => {
    const storage = new MemoryStorage();
    storage.setItem('netlab:session:bridge', JSON.stringify(created));
    const { lab, calls } = client([new Response(null, { status: 204 })], storage);
    await lab.end(created);
    assert.equal(calls[0]?.method, 'DELETE');
    assert.equal(calls[0].headers['authorization'], 'Bearer t1');
    assert.equal(storage.getItem('netlab:session:bridge'), null);
    const again = client([apiError(404, 'NETLAB_ERR_NOT_FOUND')]);
    await again.lab.end(created);
  });
});

describe('lab errors', () => {
  test('a network failure or a non-API answer (static hosting) means the lab server is not reachable', async () => {
    for (const answer of [
      new TypeError('Failed to fetch'),
      new Response('<html>404</html>', { status: 404, headers: { 'content-type': 'text/html' } }),
      new Response('Method Not Allowed', { status: 405 }),
      new Response('<html>ok</html>', { status: 200, headers: { 'content-type': 'text/html' } }),
    ]) {
      const { lab } = client([answer]);
      await assert.rejects(lab.create('bridge'), (error: unknown) => {
        assert.ok(error instanceof LabApiError);
        assert.equal(error.kind, 'offline');
        assert.match(describeLabError(error, 'en'), /^The lab server is not reachable/);
        assert.match(describeLabError(error, 'zh-cn'), /^无法连接实验服务器/);
        return true;
      });
    }
  });

  test('each server error code becomes its own sentence in both languages', () => {
    const cases: [number, string, RegExp, RegExp][] = [
      [503, 'NETLAB_ERR_CAPACITY', /All lab machines are in use/, /所有实验机器都在使用中/],
      [503, 'NETLAB_ERR_DOCKER_UNREACHABLE', /cannot reach its Docker engine/, /Docker 引擎/],
      [429, 'NETLAB_ERR_CLIENT_LIMIT', /most lab sessions allowed/, /已达上限/],
      [400, 'NETLAB_ERR_UNKNOWN_LAB', /does not know this lab/, /不认识这个实验/],
      [503, 'NETLAB_ERR_SHUTTING_DOWN', /restarting/, /正在重启/],
      [
        500,
        'NETLAB_ERR_INTERNAL',
        /reported a problem: The server broke\.$/,
        /报告了一个问题：The server broke\./,
      ],
    ];
    for (const [status, code, en, zh] of cases) {
      const error = errorFrom(status, { error: { code, message: 'The server broke.' } });
      assert.match(describeLabError(error, 'en'), en, code);
      assert.match(describeLabError(error, 'zh-cn'), zh, code);
      assert.doesNotMatch(describeLabError(error, 'en'), /\{\w+\}/);
    }
  });
});

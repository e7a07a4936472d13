import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  describeLabError,
  errorFrom,
  LabApiError,
  LabClient,
  RebuildableError,
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

const TIME_LIMIT = 'the session reached its time limit';
const IDLE = 'no terminal was attached for 30 minutes';

/** Storage holding one record of the lab `bridge`: its session, or its ended one. */
function storageWith(record: object, kind: 'session' | 'ended' = 'session'): MemoryStorage {
  const storage = new MemoryStorage();
  storage.setItem(`netlab:${kind}:bridge`, JSON.stringify(record));
  return storage;
}

function storedId(storage: MemoryStorage, key: string): string | undefined {
  return (JSON.parse(storage.getItem(key) ?? '{}') as { id?: string }).id;
}

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

  test('starts a fresh session when the server does not know the stored one (404) or refuses it (403)', async () => {
    for (const gone of [
      apiError(404, 'NETLAB_ERR_NOT_FOUND'),
      apiError(403, 'NETLAB_ERR_FORBIDDEN'),
    ]) {
      const storage = storageWith({ ...created, id: 'old', token: 'old' });
      const { lab, calls } = client([gone, json(201, created), json(200, view('ready'))], storage);
      const started = await lab.start('bridge');
      assert.equal(started.resumed, false);
      assert.equal(started.session.id, 's1');
      assert.deepEqual(
        calls.map((c) => c.method),
        ['GET', 'POST', 'GET'],
      );
      assert.equal(storedId(storage, 'netlab:session:bridge'), 's1');
      assert.equal(storage.getItem('netlab:ended:bridge'), null);
    }
  });

  const endings: [string, Response, string | null][] = [
    ['its time limit', json(200, view('ended', { reason: TIME_LIMIT })), TIME_LIMIT],
    ['idling', json(200, view('ended', { reason: IDLE })), IDLE],
    [
      'a failure',
      json(200, view('failed', { reason: 'setup command 1 failed' })),
      'setup command 1 failed',
    ],
    ['an ended answer (410)', apiError(410, 'NETLAB_ERR_SESSION_ENDED'), null],
  ];
  for (const [why, answer, reason] of endings) {
    test(`keeps the stored session as the rebuildable one when it ended by ${why}, and starts nothing`, async () => {
      const storage = storageWith({ ...created, id: 'old', token: 'old' });
      const { lab, calls } = client([answer], storage);
      await assert.rejects(lab.start('bridge'), (error: unknown) => {
        assert.ok(error instanceof RebuildableError);
        assert.equal(error.kind, 'rebuildable');
        assert.deepEqual(error.ended, { ...created, id: 'old', token: 'old', reason });
        return true;
      });
      assert.deepEqual(
        calls.map((c) => c.method),
        ['GET'],
      );
      assert.equal(storage.getItem('netlab:session:bridge'), null);
      assert.deepEqual(lab.ended('bridge'), { ...created, id: 'old', token: 'old', reason });
    });
  }

  test('forgets a session the reader ended and starts afresh', async () => {
    const storage = storageWith({ ...created, id: 'old', token: 'old' });
    const { lab, calls } = client(
      [
        json(200, view('ended', { reason: 'ended by the reader' })),
        json(201, created),
        json(200, view('ready')),
      ],
      storage,
    );
    const started = await lab.start('bridge');
    assert.equal(started.session.id, 's1');
    assert.deepEqual(
      calls.map((c) => c.method),
      ['GET', 'POST', 'GET'],
    );
    assert.equal(lab.ended('bridge'), null);
  });

  test('rejects with the rebuildable session on every start until the reader chooses', async () => {
    const storage = storageWith(
      { ...created, id: 'old', token: 'old', reason: TIME_LIMIT },
      'ended',
    );
    const { lab, calls } = client([], storage);
    await assert.rejects(lab.start('bridge'), { kind: 'rebuildable' });
    await assert.rejects(lab.start('bridge', { resumeOnly: true }), { kind: 'rebuildable' });
    assert.equal(calls.length, 0);
  });

  test('fresh: starts a new machine and no longer offers the ended one', async () => {
    const storage = storageWith({ ...created, id: 'old', token: 'old', reason: null }, 'ended');
    const { lab, calls } = client([json(201, created), json(200, view('ready'))], storage);
    const started = await lab.start('bridge', { fresh: true });
    assert.equal(started.session.id, 's1');
    assert.equal(calls[0]?.method, 'POST');
    assert.equal(lab.ended('bridge'), null);
  });

  test('resumeOnly never creates a session (a reload after the machine is gone)', async () => {
    const storage = storageWith(created);
    const { lab, calls } = client([apiError(404, 'NETLAB_ERR_NOT_FOUND')], storage);
    await assert.rejects(lab.start('bridge', { resumeOnly: true }), { kind: 'ended' });
    assert.deepEqual(
      calls.map((c) => c.method),
      ['GET'],
    );
    assert.equal(storage.getItem('netlab:session:bridge'), null);
  });

  test('keeps a stored session past its expiry until the server says it ended (the clock may be wrong)', async () => {
    const storage = storageWith({ ...created, expiresAt: '2029-12-31T23:00:00Z' });
    const { lab, calls } = client([json(200, view('ready'))], storage);
    const stored = lab.stored('bridge');
    assert.ok(stored);
    assert.equal(lab.expired(stored), true);
    const started = await lab.start('bridge');
    assert.equal(started.resumed, true);
    assert.equal(calls[0]?.method, 'GET');
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
    assert.equal(lab.ended('bridge'), null, 'a machine the reader ended is not offered back');
    const again = client([apiError(404, 'NETLAB_ERR_NOT_FOUND')]);
    await again.lab.end(created);
  });
});

describe('LabClient.settle', () => {
  test('answers live, or keeps an ended session to rebuild, or forgets one the reader ended', async () => {
    const cases: [Response, boolean, string | null][] = [
      [json(200, view('ready')), true, null],
      [json(200, view('ended', { reason: IDLE })), false, 's1'],
      [json(200, view('ended', { reason: 'ended by the reader' })), false, null],
      [apiError(404, 'NETLAB_ERR_NOT_FOUND'), false, null],
    ];
    for (const [answer, live, ended] of cases) {
      const storage = storageWith(created);
      const { lab } = client([answer], storage);
      const settled = await lab.settle(created);
      assert.equal(settled.live, live);
      assert.equal(lab.stored('bridge')?.id ?? null, live ? 's1' : null);
      assert.equal(lab.ended('bridge')?.id ?? null, ended);
    }
  });

  test('ignores a malformed ended record', () => {
    const storage = new MemoryStorage();
    storage.setItem('netlab:ended:bridge', JSON.stringify({ id: 'old' }));
    const { lab } = client([], storage);
    assert.equal(lab.ended('bridge'), null);
    assert.equal(storage.getItem('netlab:ended:bridge'), null);
  });
});

describe('LabClient.rebuild', () => {
  const ended = { ...created, id: 'old', token: 'old', reason: TIME_LIMIT };
  const rebuilt = { ...created, id: 's2', token: 't2', rebuiltFrom: 'old' };
  const report = (state: 'running' | 'done', replayed: number) => ({
    from: 'old',
    state,
    mode: 'journal',
    fallback: null,
    lines: ['docker network create red', 'docker run -d --network red nginx'],
    replayed,
    failed: null,
    carried: ['network'],
    ms: state === 'done' ? 9000 : null,
  });

  test('posts with the ended token, keeps the new session, forgets the ended one and reports the replay', async () => {
    const storage = storageWith(ended, 'ended');
    const { lab, calls } = client(
      [
        json(201, rebuilt),
        json(200, view('starting', { id: 's2', rebuild: report('running', 1) })),
        json(200, view('ready', { id: 's2', rebuild: report('done', 2) })),
      ],
      storage,
    );
    const progress: number[] = [];
    const started = await lab.rebuild(ended, {
      onStatus: (v) => progress.push(v.rebuild?.replayed ?? -1),
    });
    assert.deepEqual(calls[0], {
      method: 'POST',
      url: 'http://lab.test/api/sessions/old/rebuild',
      headers: {
        accept: 'application/json',
        'content-type': 'application/json',
        authorization: 'Bearer old',
      },
      body: {},
    });
    assert.equal(calls[1]?.url, 'http://lab.test/api/sessions/s2');
    assert.equal(calls[1].headers['authorization'], 'Bearer t2');
    assert.deepEqual(progress, [1, 2]);
    assert.equal(started.resumed, false);
    assert.equal(started.view.rebuild?.state, 'done');
    assert.deepEqual(started.session, { ...created, id: 's2', token: 't2' });
    assert.equal(storedId(storage, 'netlab:session:bridge'), 's2');
    assert.equal(storage.getItem('netlab:ended:bridge'), null);
  });

  test('resumes the session when the server says it is still live (409)', async () => {
    const storage = storageWith(ended, 'ended');
    const { lab } = client(
      [apiError(409, 'NETLAB_ERR_SESSION_LIVE'), json(200, view('ready', { id: 'old' }))],
      storage,
    );
    const started = await lab.rebuild(ended);
    assert.equal(started.resumed, true);
    assert.equal(started.session.id, 'old');
    assert.equal(storedId(storage, 'netlab:session:bridge'), 'old');
    assert.equal(lab.ended('bridge'), null);
  });

  test('forgets the ended session when the server cannot rebuild it, keeps it on a passing failure', async () => {
    const cases: [Response | Error, string, boolean][] = [
      [apiError(404, 'NETLAB_ERR_NOT_FOUND'), 'not-found', false],
      [apiError(410, 'NETLAB_ERR_SESSION_ENDED'), 'ended', false],
      [apiError(503, 'NETLAB_ERR_CAPACITY'), 'capacity', true],
      [new TypeError('Failed to fetch'), 'offline', true],
    ];
    for (const [answer, kind, kept] of cases) {
      const storage = storageWith(ended, 'ended');
      const { lab } = client([answer], storage);
      await assert.rejects(lab.rebuild(ended), { kind });
      assert.equal(lab.ended('bridge') !== null, kept, kind);
      assert.equal(storage.getItem('netlab:session:bridge'), null);
    }
  });
});

describe('LabClient.extend', () => {
  test('posts with the session token and stores the new end', async () => {
    const storage = storageWith(created);
    const later = '2030-01-01T02:30:00.000Z';
    const answer = { expiresAt: later, extendableUntil: '2030-01-01T04:00:00.000Z' };
    const { lab, calls } = client([json(200, answer)], storage);
    assert.deepEqual(await lab.extend(created), answer);
    assert.equal(calls[0]?.method, 'POST');
    assert.equal(calls[0].url, 'http://lab.test/api/sessions/s1/extend');
    assert.equal(calls[0].headers['authorization'], 'Bearer t1');
    assert.deepEqual(calls[0].body, {});
    assert.equal(lab.stored('bridge')?.expiresAt, later);
  });

  test('at the limit rejects with kind extend-limit and its own sentence, and keeps the end', async () => {
    const storage = storageWith(created);
    const { lab } = client([apiError(409, 'NETLAB_ERR_EXTEND_LIMIT')], storage);
    await assert.rejects(lab.extend(created), (error: unknown) => {
      assert.ok(error instanceof LabApiError);
      assert.equal(error.kind, 'extend-limit');
      assert.match(describeLabError(error, 'en'), /cannot be extended any further/);
      assert.match(describeLabError(error, 'zh-cn'), /不能再延长/);
      return true;
    });
    assert.equal(lab.stored('bridge')?.expiresAt, LATER);
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

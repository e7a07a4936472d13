/**
 * The session routes through Fastify's inject, on the whole app over the fake
 * driver: creating, reading and ending a session, who may open it, and how
 * malformed requests are answered (the real engine: tests/integration).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CreateSessionResponse, ErrorBody, SessionView } from '../../../server/protocol.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import { until } from '../helpers/sessions.ts';

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(() => t.close());

let clients = 0;

/** A session of its own client, so that no test meets the per-client limit. */
async function created(): Promise<CreateSessionResponse> {
  const r = await t.call('POST', '/api/sessions', {
    body: { lab: 'bridge' },
    client: `10.0.0.${++clients}`,
  });
  assert.equal(r.statusCode, 201, r.body);
  return r.json<CreateSessionResponse>();
}

describe('POST /api/sessions', () => {
  test('returns 201 with the id, token, lab, generation, expiry and a location', async () => {
    const r = await t.call('POST', '/api/sessions', { body: { lab: 'bridge' } });
    assert.equal(r.statusCode, 201);
    const body = r.json<CreateSessionResponse>();
    assert.deepEqual(Object.keys(body).sort(), ['expiresAt', 'generation', 'id', 'lab', 'token']);
    assert.equal(body.generation, 'docker-28');
    assert.equal(r.headers.location, `/api/sessions/${body.id}`);
  });

  test('returns 201 with the generation the reader named', async () => {
    const r = await t.call('POST', '/api/sessions', {
      body: { lab: 'bridge', generation: 'docker-26' },
      client: '10.9.0.1',
    });
    assert.equal(r.statusCode, 201, r.body);
    assert.equal(r.json<CreateSessionResponse>().generation, 'docker-26');
  });

  const malformed: [string, unknown, string | undefined, number, string][] = [
    ['no lab', {}, undefined, 400, 'NETLAB_ERR_BAD_REQUEST'],
    ['an unknown field', { lab: 'bridge', extra: 1 }, undefined, 400, 'NETLAB_ERR_BAD_REQUEST'],
    [
      'a lab of the wrong type',
      { lab: { id: 'bridge' } },
      undefined,
      400,
      'NETLAB_ERR_BAD_REQUEST',
    ],
    ['an unknown lab', { lab: 'nope' }, undefined, 400, 'NETLAB_ERR_UNKNOWN_LAB'],
    [
      'an unknown generation',
      { lab: 'bridge', generation: 'docker-1' },
      undefined,
      400,
      'NETLAB_ERR_BAD_REQUEST',
    ],
    [
      'a form instead of JSON',
      'lab=bridge',
      'application/x-www-form-urlencoded',
      415,
      'NETLAB_ERR_UNSUPPORTED_MEDIA_TYPE',
    ],
    ['broken JSON', '{"lab":', 'application/json', 400, 'NETLAB_ERR_BAD_REQUEST'],
    [
      'a body over 16 KiB',
      { lab: 'x'.repeat(20_000) },
      undefined,
      413,
      'NETLAB_ERR_BODY_TOO_LARGE',
    ],
  ];
  for (const [what, body, type, status, code] of malformed) {
    test(`returns ${status} ${code} for ${what}`, async () => {
      const before = t.sessions.sandboxCount();
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/sessions',
        payload: typeof body === 'string' ? body : JSON.stringify(body),
        headers: { 'content-type': type ?? 'application/json' },
      });
      assert.equal(r.statusCode, status);
      assert.equal((JSON.parse(r.body) as ErrorBody).error.code, code);
      assert.equal(t.sessions.sandboxCount(), before, 'nothing half-created');
    });
  }
});

describe('GET /api/sessions/:id', () => {
  test('returns the view, ready once its machine is', async () => {
    const s = await created();
    await until(() => t.sessions.handle(s.id)?.status() === 'ready');
    const r = await t.call('GET', `/api/sessions/${s.id}`, { token: s.token });
    assert.equal(r.statusCode, 200);
    const view = r.json<SessionView>();
    assert.equal(view.status, 'ready');
    assert.equal(view.tasks.length, t.labs.get('bridge')?.tasks.length);
  });

  const refused: [string, (s: CreateSessionResponse) => [string, string | undefined], number][] = [
    ['no token', (s) => [s.id, undefined], 401],
    ['a wrong token', (s) => [s.id, 'wrong'], 403],
    ['an unknown session with a real token', (s) => ['0000', s.token], 403],
  ];
  for (const [what, ask, status] of refused) {
    test(`returns ${status} for ${what}`, async () => {
      const [id, token] = ask(await created());
      const r = await t.call('GET', `/api/sessions/${id}`, token === undefined ? {} : { token });
      assert.equal(r.statusCode, status);
      assert.equal(r.json<ErrorBody>().error.retry, 'final');
    });
  }
});

describe('DELETE /api/sessions/:id', () => {
  test('returns 204, removes the sandbox, and the session reads as ended', async () => {
    const s = await created();
    await until(() => t.sessions.handle(s.id)?.status() === 'ready');
    const sandboxes = t.driver.sandboxes.size;
    const r = await t.call('DELETE', `/api/sessions/${s.id}`, { token: s.token });
    assert.equal(r.statusCode, 204);
    assert.equal(t.driver.sandboxes.size, sandboxes - 1);
    const view = (
      await t.call('GET', `/api/sessions/${s.id}`, { token: s.token })
    ).json<SessionView>();
    assert.deepEqual([view.status, view.reason], ['ended', 'ended by the reader']);
  });
});

describe('unknown API paths', () => {
  test('returns 404 NETLAB_ERR_NOT_FOUND as JSON', async () => {
    const r = await t.call('GET', '/api/nothing-here');
    assert.equal(r.statusCode, 404);
    assert.equal(r.json<ErrorBody>().error.code, 'NETLAB_ERR_NOT_FOUND');
  });
});

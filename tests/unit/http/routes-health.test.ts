/**
 * /api/health through Fastify's inject: the public view names no software, the
 * admin's does, and another token is refused. The engine is a stand-in whose
 * ping answers as Docker's does (the real one: tests/integration/sessions-api).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import Fastify from 'fastify';
import { installErrorHandler } from '../../../server/http/error-handler.ts';
import { healthRoutes } from '../../../server/http/routes-health.ts';
import type { ErrorBody, HealthResponse } from '../../../server/protocol.ts';

const ADMIN = 'admin-token-0123456789';
const VERSIONS = { netlab: '0.1.0', node: 'v24.0.0' };

async function app(ping: () => Promise<{ version: string }>) {
  const a = Fastify();
  installErrorHandler(a);
  healthRoutes(a, {
    sessions: { ping, sandboxCount: () => 3, warmCount: 1 },
    maxSandboxes: 10,
    isAdmin: (token) => token === ADMIN,
    versions: VERSIONS,
  });
  await a.ready();
  return (token?: string) =>
    a.inject({
      url: '/api/health',
      headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
    });
}

const up = () => Promise.resolve({ version: '26.1.5' });
const down = () => Promise.reject(new Error('cannot reach Docker at /var/run/docker.sock'));

describe('healthRoutes', () => {
  test('returns reachability and load, and no version, to an anonymous caller', async () => {
    const r = await (await app(up))();
    assert.equal(r.statusCode, 200);
    assert.deepEqual(r.json<HealthResponse>(), {
      ok: true,
      docker: { reachable: true },
      sandboxes: { running: 3, max: 10, warm: 1 },
    });
  });

  test('returns no reason (it names the socket) to an anonymous caller when the engine is down', async () => {
    const body = (await (await app(down))()).json<HealthResponse>();
    assert.equal(body.ok, false);
    assert.deepEqual(body.docker, { reachable: false });
  });

  test('returns the engine and server versions to the admin', async () => {
    const body = (await (await app(up))(ADMIN)).json<HealthResponse>();
    assert.deepEqual(body.docker, { reachable: true, version: '26.1.5' });
    assert.deepEqual(body.server, VERSIONS);
  });

  test('returns why the engine is unreachable to the admin', async () => {
    const body = (await (await app(down))(ADMIN)).json<HealthResponse>();
    assert.deepEqual(body.docker, {
      reachable: false,
      version: null,
      reason: 'cannot reach Docker at /var/run/docker.sock',
    });
  });

  test('answers 403 NETLAB_ERR_FORBIDDEN to any other token', async () => {
    const r = await (await app(up))('a-session-token');
    assert.equal(r.statusCode, 403);
    assert.equal(r.json<ErrorBody>().error.code, 'NETLAB_ERR_FORBIDDEN');
  });
});

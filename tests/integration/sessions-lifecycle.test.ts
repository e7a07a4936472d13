/**
 * Sandboxes come and go on time: TTLs, the capacity limit, the warm pool, a
 * server killed with SIGKILL, and an engine that cannot be reached.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ErrorBody, HealthResponse, SessionView } from '../../server/protocol.ts';
import { createSession, request, waitReady } from './helpers/api.ts';
import { docker, inSandbox, labelledContainers, until } from './helpers/docker.ts';
import { startServer } from './helpers/server.ts';

describe('session lifecycle', () => {
  test('ends an idle session and removes its sandbox after IDLE_TTL_S', async () => {
    const server = await startServer({ IDLE_TTL_S: '10' });
    try {
      const s = await createSession(server.url);
      await waitReady(server.url, s);
      assert.equal(labelledContainers(s.id).length, 1);
      await until(
        () => labelledContainers(s.id).length === 0,
        25_000,
        'the idle sandbox to be removed',
      );
      const r = await request<SessionView>(`${server.url}/api/sessions/${s.id}`, {
        token: s.token,
      });
      assert.equal(r.body.status, 'ended');
      assert.match(r.body.reason ?? '', /no terminal was attached/);
    } finally {
      await server.stop();
    }
  });

  test('ends a session at HARD_TTL_S even while in use', async () => {
    const server = await startServer({ HARD_TTL_S: '10', IDLE_TTL_S: '3600' });
    try {
      const s = await createSession(server.url);
      assert.ok(Date.parse(s.expiresAt) - Date.now() <= 10_000);
      await waitReady(server.url, s);
      await until(
        () => labelledContainers(s.id).length === 0,
        25_000,
        'the expired sandbox to be removed',
      );
      const r = await request<SessionView>(`${server.url}/api/sessions/${s.id}`, {
        token: s.token,
      });
      assert.match(r.body.reason ?? '', /time limit/);
    } finally {
      await server.stop();
    }
  });

  test('answers 503 with Retry-After beyond MAX_SANDBOXES and 429 beyond the per-client limit', async () => {
    const server = await startServer({ MAX_SANDBOXES: '2', MAX_SESSIONS_PER_CLIENT: '5' });
    try {
      await createSession(server.url);
      await createSession(server.url);
      const full = await request<ErrorBody>(`${server.url}/api/sessions`, {
        method: 'POST',
        body: { lab: 'bridge' },
      });
      assert.equal(full.status, 503);
      assert.equal(full.body.error.code, 'NETLAB_ERR_CAPACITY');
      assert.equal(full.headers.get('retry-after'), '60');
      const health = await request<HealthResponse>(`${server.url}/api/health`);
      assert.deepEqual(health.body.sandboxes, { running: 2, max: 2, warm: 0 });
    } finally {
      await server.stop();
    }
    const limited = await startServer({ MAX_SESSIONS_PER_CLIENT: '1' });
    try {
      await createSession(limited.url);
      const r = await request<ErrorBody>(`${limited.url}/api/sessions`, {
        method: 'POST',
        body: { lab: 'bridge' },
      });
      assert.equal(r.status, 429);
      assert.equal(r.body.error.code, 'NETLAB_ERR_CLIENT_LIMIT');
    } finally {
      await limited.stop();
    }
  });

  test('hands out a ready sandbox from the warm pool, made before it was asked for', async () => {
    const server = await startServer({ WARM_POOL: '1' });
    try {
      const deadline = Date.now() + 60_000;
      while ((await request<HealthResponse>(`${server.url}/api/health`)).body.sandboxes.warm < 1) {
        assert.ok(Date.now() < deadline, 'the pool fills within 60 s');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const pooled = labelledContainers(undefined, server.instance);
      assert.equal(pooled.length, 1);
      const s = await createSession(server.url);
      // The session runs in the pooled sandbox: no machine was started for it.
      assert.deepEqual(labelledContainers(s.id, server.instance), pooled);
      const view = await waitReady(server.url, s);
      assert.equal(view.status, 'ready');
      assert.equal(inSandbox(s.id, 'docker info --format {{.ServerVersion}}').length > 0, true);
    } finally {
      await server.stop();
    }
  });

  test('re-adopts live sessions and removes the rest after a SIGKILL restart', async () => {
    const first = await startServer({ WARM_POOL: '1' });
    const s = await createSession(first.url);
    await waitReady(first.url, s);
    inSandbox(s.id, 'docker run -d --name kept busybox sleep 3600');
    await until(
      () => labelledContainers(undefined, first.instance).length >= 2,
      30_000,
      'the pool sandbox',
    );
    const before = labelledContainers(undefined, first.instance);
    await first.kill();
    const second = await startServer({ WARM_POOL: '0' }, first.dataDir);
    try {
      await until(
        () =>
          labelledContainers(undefined, first.instance).filter((id) => before.includes(id))
            .length === 1,
        60_000,
        'the old pool sandbox to be removed',
      );
      const view = await request<SessionView>(`${second.url}/api/sessions/${s.id}`, {
        token: s.token,
      });
      assert.equal(view.body.status, 'ready');
      assert.match(inSandbox(s.id, 'docker ps --format {{.Names}}'), /^kept$/m);
    } finally {
      await second.stop();
    }
    assert.equal(labelledContainers(s.id).length, 0, 'SIGTERM removes session sandboxes');
  });

  test('fails a session whose sandbox never becomes ready, with the reason, and removes it', async () => {
    // The sandbox image with an entrypoint that exits at once.
    const image = 'netlab-test/exits-at-once:latest';
    const base = docker('create', '--entrypoint', 'true', 'netlab/sandbox:latest');
    docker('commit', '-c', 'ENTRYPOINT ["sh", "-c", "exit 3"]', base, image);
    docker('rm', base);
    const server = await startServer({
      // Both generations, so that a session of the default one gets it too.
      SANDBOX_IMAGE: image,
      SANDBOX_IMAGE_DOCKER28: image,
      SANDBOX_READY_TIMEOUT_S: '5',
    });
    try {
      const s = await createSession(server.url);
      const view = await waitReady(server.url, s, 20_000);
      assert.equal(view.status, 'failed');
      assert.match(view.reason ?? '', /failed to start: the sandbox exited during start/);
      assert.equal(labelledContainers(s.id).length, 0);
    } finally {
      await server.stop();
      docker('rmi', '-f', image);
    }
  });

  test('serves health and answers 503 naming the socket when the engine is unreachable', async () => {
    const admin = 'admin-token-for-health-0123';
    const server = await startServer({
      DOCKER_SOCKET: '/tmp/netlab-no-such.sock',
      ADMIN_TOKEN: admin,
    });
    try {
      const health = await request<HealthResponse>(`${server.url}/api/health`);
      assert.equal(health.status, 200);
      assert.deepEqual(health.body.docker, { reachable: false });
      // Why, with the socket's path, is for the admin.
      const told = await request<HealthResponse>(`${server.url}/api/health`, { token: admin });
      assert.match(told.body.docker.reason ?? '', /\/tmp\/netlab-no-such\.sock/);
      const r = await request<ErrorBody>(`${server.url}/api/sessions`, {
        method: 'POST',
        body: { lab: 'bridge' },
      });
      assert.equal(r.status, 503);
      assert.equal(r.body.error.code, 'NETLAB_ERR_DOCKER_UNREACHABLE');
      assert.match(r.body.error.message, /\/tmp\/netlab-no-such\.sock.*DOCKER_SOCKET/s);
    } finally {
      await server.stop();
    }
  });
});

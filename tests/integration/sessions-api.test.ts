/**
 * The session API's contract on the real server and engine: tokens open only
 * their own session, and every malformed request gets a clear 4xx with a
 * catalogue code while nothing is created or leaked. The whole suite runs on
 * each store (SQLite, PostgreSQL).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ErrorBody, HealthResponse, LabSummary, SessionView } from '../../server/protocol.ts';
import { createSession, request, waitReady } from './helpers/api.ts';
import { docker, labelledContainers } from './helpers/docker.ts';
import { startServer, type RunningServer } from './helpers/server.ts';
import { STORES, storeEnv } from './helpers/stores.ts';

let server: RunningServer;

for (const store of STORES)
  describe(`the session API on ${store}`, () => {
    let drop = (): Promise<void> => Promise.resolve();
    before(async () => {
      const place = await storeEnv(store);
      drop = place.drop;
      server = await startServer(place.env);
    });
    after(async () => {
      await server.stop();
      await drop();
    });

    test('reports a reachable engine in /api/health, naming no software version', async () => {
      const r = await request<HealthResponse>(`${server.url}/api/health`);
      assert.equal(r.status, 200);
      assert.equal(r.body.ok, true);
      assert.deepEqual(r.body.docker, { reachable: true });
      assert.deepEqual(Object.keys(r.body).sort(), ['docker', 'ok', 'sandboxes']);
      const engine = JSON.parse(
        docker('version', '--format', '{{json .Server.Version}}'),
      ) as string;
      assert.ok(!JSON.stringify(r.body).includes(engine), `no engine version ${engine}`);
    });

    test('lists the labs with titles in both languages', async () => {
      const r = await request<LabSummary[]>(`${server.url}/api/labs`);
      const bridge = r.body.find((lab) => lab.id === 'bridge');
      assert.ok(bridge);
      assert.equal(bridge.chapter, 2);
      assert.ok(bridge.title.en && bridge.title['zh-cn']);
      assert.ok(bridge.tasks.some((t) => t.kind === 'answer'));
    });

    test('creates a session whose sandbox is labelled with its id and removes it on DELETE', async () => {
      const s = await createSession(server.url);
      assert.match(s.id, /^[0-9a-f]{16}$/);
      assert.ok(Date.parse(s.expiresAt) > Date.now());
      const view = await waitReady(server.url, s);
      assert.equal(view.status, 'ready');
      assert.equal(labelledContainers(s.id).length, 1);
      assert.equal(
        docker('inspect', '-f', '{{.HostConfig.NetworkMode}}', `netlab-${s.id}`),
        'none',
      );
      const del = await request(`${server.url}/api/sessions/${s.id}`, {
        method: 'DELETE',
        token: s.token,
      });
      assert.equal(del.status, 204);
      assert.equal(labelledContainers(s.id).length, 0);
      const gone = await request<SessionView>(`${server.url}/api/sessions/${s.id}`, {
        token: s.token,
      });
      assert.equal(gone.body.status, 'ended');
    });

    test('opens a session only with its own token', async () => {
      const a = await createSession(server.url);
      const b = await createSession(server.url);
      // The sandbox is created after the 201; wait so the count below is not a race.
      for (const s of [a, b]) assert.equal((await waitReady(server.url, s)).status, 'ready');
      const table: [string, string | undefined, number, string][] = [
        [a.id, a.token, 200, ''],
        [a.id, b.token, 403, 'NETLAB_ERR_FORBIDDEN'],
        [a.id, undefined, 401, 'NETLAB_ERR_UNAUTHORIZED'],
        ['0000000000000000', a.token, 403, 'NETLAB_ERR_FORBIDDEN'],
      ];
      for (const [id, token, status, code] of table) {
        const r = await request<ErrorBody>(
          `${server.url}/api/sessions/${id}`,
          token ? { token } : {},
        );
        assert.equal(
          r.status,
          status,
          `GET ${id} with ${token === a.token ? 'A' : token ? 'B' : 'no'} token`,
        );
        if (code) assert.equal(r.body.error.code, code);
      }
      const del = await request(`${server.url}/api/sessions/${a.id}`, {
        method: 'DELETE',
        token: b.token,
      });
      assert.equal(del.status, 403);
      assert.equal(labelledContainers(a.id).length + labelledContainers(b.id).length, 2);
      for (const s of [a, b])
        await request(`${server.url}/api/sessions/${s.id}`, { method: 'DELETE', token: s.token });
    });

    test('answers malformed requests with a clear 4xx and creates nothing', async () => {
      const before = labelledContainers(undefined, server.instance).length;
      const cases: [string, Parameters<typeof request>[1], number, string][] = [
        ['unknown lab', { method: 'POST', body: { lab: 'nope' } }, 400, 'NETLAB_ERR_UNKNOWN_LAB'],
        ['missing lab', { method: 'POST', body: {} }, 400, 'NETLAB_ERR_BAD_REQUEST'],
        [
          'extra field',
          { method: 'POST', body: { lab: 'bridge', x: 1 } },
          400,
          'NETLAB_ERR_BAD_REQUEST',
        ],
        [
          'malformed JSON',
          { method: 'POST', raw: '{"lab":', headers: { 'content-type': 'application/json' } },
          400,
          'NETLAB_ERR_BAD_REQUEST',
        ],
        [
          'oversized body',
          { method: 'POST', body: { lab: 'x'.repeat(20_000) } },
          413,
          'NETLAB_ERR_BODY_TOO_LARGE',
        ],
        [
          'not JSON',
          { method: 'POST', raw: 'lab=bridge', headers: { 'content-type': 'text/csv' } },
          415,
          'NETLAB_ERR_UNSUPPORTED_MEDIA_TYPE',
        ],
      ];
      for (const [what, init, status, code] of cases) {
        const r = await request<ErrorBody>(`${server.url}/api/sessions`, init);
        assert.equal(r.status, status, what);
        assert.equal(r.body.error.code, code, what);
        assert.ok(r.body.error.message.length > 10, `${what}: a message a reader can act on`);
        assert.doesNotMatch(r.body.error.message, /at .*\.ts:\d+/, `${what}: no stack trace`);
      }
      const unknown = await request<ErrorBody>(`${server.url}/api/nothing-here`);
      assert.equal(unknown.status, 404);
      assert.equal(unknown.body.error.code, 'NETLAB_ERR_NOT_FOUND');
      assert.equal(labelledContainers(undefined, server.instance).length, before);
    });
  });

/**
 * The root Dockerfile builds the lab server image, and a session can be started
 * through a container of it that reaches the engine by its mounted socket.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import type { HealthResponse } from '../../server/protocol.ts';
import { createSession, request, waitReady } from './helpers/api.ts';
import { buildDocker, labelledContainers, sandboxSocket } from './helpers/docker.ts';

const root = path.resolve(import.meta.dirname, '../..');
const LOCAL_CAS = '/usr/local/share/ca-certificates';

/** This machine's own extra CAs (a TLS-intercepting proxy's), for npm inside the build. */
function extraCaCerts(): string {
  if (!existsSync(LOCAL_CAS)) return '';
  return readdirSync(LOCAL_CAS)
    .filter((f) => f.endsWith('.crt'))
    .map((f) => readFileSync(path.join(LOCAL_CAS, f), 'utf8'))
    .join('\n');
}
const name = `netlab-server-test-${process.pid}`;

describe('the lab server image', () => {
  after(() => {
    try {
      buildDocker('rm', '-f', name);
    } catch {
      // never started
    }
  });

  test(
    'builds, runs as a non-root user and starts a session through the socket',
    { timeout: 900_000 },
    async () => {
      buildDocker(
        'build',
        '-q',
        '--build-arg',
        'BASE=debian:trixie-slim',
        '--build-arg',
        `EXTRA_CA_CERTS=${extraCaCerts()}`,
        '-t',
        'netlab/server:test',
        root,
      );
      // The server runs on the usual engine and starts sandboxes on Netlab's, through its socket.
      const socketGid = String(statSync(sandboxSocket).gid);
      buildDocker(
        'run',
        '-d',
        '--name',
        name,
        '-p',
        '127.0.0.1::8080',
        '-v',
        `${sandboxSocket}:/var/run/docker.sock`,
        '-e',
        'DOCKER_SOCKET=/var/run/docker.sock',
        '-e',
        'HOST=0.0.0.0',
        '--group-add',
        socketGid,
        '-e',
        'WARM_POOL=0',
        '-e',
        'LOG_LEVEL=warn',
        // The lab machine images this run built, when it names its own.
        ...['SANDBOX_IMAGE', 'SANDBOX_IMAGE_DOCKER28'].flatMap((key) =>
          process.env[key] ? ['-e', `${key}=${process.env[key]}`] : [],
        ),
        'netlab/server:test',
      );
      assert.equal(buildDocker('exec', name, 'id', '-un'), 'netlab');
      const port = /:(\d+)$/.exec(buildDocker('port', name, '8080/tcp').split('\n')[0] ?? '')?.[1];
      const base = `http://127.0.0.1:${port}`;
      let health: HealthResponse | undefined;
      for (let i = 0; i < 100 && !health?.ok; i++) {
        health = await request<HealthResponse>(`${base}/api/health`).then(
          (r) => r.body,
          () => undefined,
        );
        if (!health?.ok) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      assert.equal(health?.docker.reachable, true);
      const page = await fetch(`${base}/`);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /<html/i);
      const s = await createSession(base);
      assert.equal((await waitReady(base, s)).status, 'ready');
      assert.equal(labelledContainers(s.id).length, 1);
      const del = await request(`${base}/api/sessions/${s.id}`, {
        method: 'DELETE',
        token: s.token,
      });
      assert.equal(del.status, 204);
      assert.equal(labelledContainers(s.id).length, 0);
    },
  );
});

/**
 * `netlab grade --session` against the real server and engine: below the pass
 * mark before the work, at it after the lab's solution ran in the sandbox, and
 * a clear refusal for a token that does not open the session.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { CreateSessionResponse } from '../../server/protocol.ts';
import { createSession, waitReady } from './helpers/api.ts';
import { runSolution } from './helpers/docker.ts';
import { startServer, type RunningServer } from './helpers/server.ts';

const root = path.resolve(import.meta.dirname, '../..');
let server: RunningServer;
let session: CreateSessionResponse;

function grade(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(
    process.execPath,
    [path.join(root, 'server/cli.ts'), 'grade', '--server', server.url, ...args],
    { encoding: 'utf8', env: { ...process.env, NETLAB_TOKEN: '', ADMIN_TOKEN: '' } },
  );
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('netlab grade --session', () => {
  before(async () => {
    server = await startServer();
    session = await createSession(server.url, 'host');
  });
  after(async () => {
    await server.stop();
  });

  test('exits 1 and lists every task open before any work', async () => {
    const view = await waitReady(server.url, session);
    assert.equal(view.status, 'ready');
    const r = grade('--session', session.id, `--token=${session.token}`);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /0\/4 tasks \(0%\), pass mark 100%: below the pass mark/);
  });

  test('exits 0 at a 75% pass mark once the solution ran (the answer task stays open)', async () => {
    const view = await waitReady(server.url, session);
    runSolution(session.id, 'host', view.params);
    const r = grade(
      '--session',
      session.id,
      '--token',
      session.token,
      '--pass-mark',
      '75',
      '--json',
    );
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout) as { passed: number; total: number; pass: boolean };
    assert.deepEqual([report.passed, report.total, report.pass], [3, 4, true]);
    assert.equal(grade('--session', session.id, `--token=${session.token}`).status, 1);
  });

  test("exits 3 with the server's reason for a token that does not open the session", () => {
    const r = grade('--session', session.id, '--token=not-the-token');
    assert.equal(r.status, 3);
    assert.match(r.stderr, /answered 403: This token does not open that session/);
  });
});

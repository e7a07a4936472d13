/**
 * A workshop survives its server being killed (SIGKILL) and started again on
 * the same data: every result is still there, and each learner gets back their
 * own session: the same sandbox, the same shell.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type {
  CreateSessionResponse,
  CreateWorkshopResponse,
  JoinWorkshopResponse,
  SessionView,
  WorkshopResults,
} from '../../server/protocol.ts';
import { request, waitReady } from './helpers/api.ts';
import { docker, labelledContainers, runSolution } from './helpers/docker.ts';
import { startServer } from './helpers/server.ts';
import { connectTerminal } from './helpers/terminal-client.ts';

const ADMIN = 'admin-token-for-restart-tests-42';

async function shellPid(base: string, sessionId: string, token: string): Promise<string> {
  const terminal = await connectTerminal(base, sessionId, { token });
  try {
    terminal.type('echo PID=$$\r');
    const match = await terminal.waitFor(/PID=(\d+)/);
    return match[1] ?? '';
  } finally {
    await terminal.close();
  }
}

/** What must survive: who passed what, and when. */
function standings(results: WorkshopResults) {
  return results.results.map((r) => ({
    learnerId: r.learnerId,
    task: r.task,
    passed: r.passed,
    passedAt: r.passedAt,
  }));
}

describe('workshops across a restart', () => {
  test('keeps results and gives learners back their own sandbox and shell after a SIGKILL', async () => {
    const first = await startServer({ ADMIN_TOKEN: ADMIN });
    let second: Awaited<ReturnType<typeof startServer>> | undefined;
    const sessionIds: string[] = [];
    try {
      const created = await request<CreateWorkshopResponse>(`${first.url}/api/workshops`, {
        method: 'POST',
        token: ADMIN,
        body: { title: 'Restart', labs: ['host'], capacity: 5, randomParams: true },
      });
      assert.equal(created.status, 201);
      const workshop = created.body;
      const learners: { joined: JoinWorkshopResponse; session: CreateSessionResponse }[] = [];
      for (const name of ['Ada', 'Bob']) {
        const joined = await request<JoinWorkshopResponse>(`${first.url}/api/workshops/join`, {
          method: 'POST',
          body: { code: workshop.code, name },
        });
        const session = await request<CreateSessionResponse>(
          `${first.url}/api/workshops/${workshop.id}/me/sessions`,
          { method: 'POST', token: joined.body.participantToken, body: { lab: 'host' } },
        );
        learners.push({ joined: joined.body, session: session.body });
        sessionIds.push(session.body.id);
      }
      const [ada, bob] = learners as [(typeof learners)[0], (typeof learners)[0]];
      const view = await waitReady(first.url, ada.session);
      runSolution(ada.session.id, 'host', view.params);
      for (const { session, joined } of learners) {
        await waitReady(first.url, session);
        const r = await request(`${first.url}/api/sessions/${session.id}/check`, {
          method: 'POST',
          token: joined.participantToken,
          body: {},
        });
        assert.equal(r.status, 200);
      }
      const pid = await shellPid(first.url, ada.session.id, ada.joined.participantToken);
      const before = await request<WorkshopResults>(
        `${first.url}/api/workshops/${workshop.id}/results`,
        { token: workshop.instructorSecret },
      );
      assert.equal(before.body.results.filter((r) => r.passed).length, 3);
      const containers = [ada, bob].map((l) => labelledContainers(l.session.id));

      await first.kill();
      second = await startServer({ ADMIN_TOKEN: ADMIN }, first.dataDir);

      const after = await request<WorkshopResults>(
        `${second.url}/api/workshops/${workshop.id}/results`,
        { token: workshop.instructorSecret },
      );
      assert.deepEqual(standings(after.body), standings(before.body));
      for (const [i, { joined, session }] of [ada, bob].entries()) {
        const again: { body: CreateSessionResponse } = await request<CreateSessionResponse>(
          `${second.url}/api/workshops/${workshop.id}/me/sessions`,
          { method: 'POST', token: joined.participantToken, body: { lab: 'host' } },
        );
        assert.equal(again.body.id, session.id, 'the same session');
        assert.deepEqual(labelledContainers(session.id), containers[i], 'the same sandbox');
      }
      const adaView = await request<SessionView>(`${second.url}/api/sessions/${ada.session.id}`, {
        token: ada.joined.participantToken,
      });
      assert.equal(adaView.body.status, 'ready');
      assert.deepEqual(adaView.body.params, view.params);
      assert.equal(
        await shellPid(second.url, ada.session.id, ada.joined.participantToken),
        pid,
        'the same shell',
      );
    } finally {
      if (second) await second.stop();
      else await first.stop().catch(() => undefined);
      // Whatever a failed run left of this test's own sandboxes.
      const left = sessionIds.flatMap((id) => labelledContainers(id));
      if (left.length) docker('rm', '-f', ...left);
    }
  });
});

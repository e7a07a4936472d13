/**
 * endedSession: which ended session a rebuild may start from, and how long it
 * waits for one past its time limit that another server has yet to end.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ENDING_WAIT_MS, endedSession } from '../../../server/sessions/rebuild.ts';
import { hashToken } from '../../../server/sessions/tokens.ts';
import type { SessionRow } from '../../../server/store/store.ts';

const NOW = 1_000_000;

const row = (patch: Partial<SessionRow> = {}): SessionRow => ({
  id: 's1',
  tokenHash: hashToken('reader-token'),
  peekHash: null,
  lab: 'user-defined',
  client: '127.0.0.1',
  containerId: 'c1',
  status: 'ended',
  reason: 'the session reached its time limit',
  createdAt: NOW - 60_000,
  expiresAt: NOW - 1000,
  endedAt: NOW - 500,
  params: {},
  participantId: null,
  instance: 'other',
  generation: 'docker-28',
  ...patch,
});

const learners = [row({ id: 'learner', participantId: 'p1' })];

/** A store whose session s1 reads as `rows[i]` on the i-th read (the last one after that). */
function deps(rows: SessionRow[], overdue = false) {
  let reads = 0;
  const seen = { sleeps: 0, sweeps: 0 };
  return {
    seen,
    deps: {
      store: {
        getSession: (id: string) =>
          Promise.resolve(
            id === 's1'
              ? rows[Math.min(reads++, rows.length - 1)]
              : learners.find((r) => r.id === id),
          ),
      },
      overdue: () => overdue,
      sweep: () => {
        seen.sweeps++;
        return Promise.resolve();
      },
      now: () => NOW,
      sleep: () => {
        seen.sleeps++;
        return Promise.resolve();
      },
    },
  };
}

const asReader = { token: 'reader-token' };

describe('endedSession', () => {
  test('returns the ended session without waiting', async () => {
    const { deps: d, seen } = deps([row()]);
    assert.equal((await endedSession('s1', asReader, d)).id, 's1');
    assert.deepEqual(seen, { sleeps: 0, sweeps: 0 });
  });

  test('returns it once another server ends it when it was past its time limit', async () => {
    const live = row({ status: 'ready', endedAt: null });
    const { deps: d, seen } = deps([live, live, live, live, row()]);
    assert.equal((await endedSession('s1', asReader, d)).status, 'ended');
    assert.equal(seen.sleeps, 3);
  });

  test('sweeps first when the session is past its end on this server', async () => {
    const { deps: d, seen } = deps([row({ status: 'ready' }), row()], true);
    assert.equal((await endedSession('s1', asReader, d)).status, 'ended');
    assert.deepEqual(seen, { sleeps: 0, sweeps: 1 });
  });

  test('throws session-live at once for a session before its time limit', async () => {
    const { deps: d, seen } = deps([row({ status: 'ready', expiresAt: NOW + 60_000 })]);
    await assert.rejects(endedSession('s1', asReader, d), { code: 'NETLAB_ERR_SESSION_LIVE' });
    assert.equal(seen.sleeps, 0);
  });

  test('throws session-live after ENDING_WAIT_MS when no server ends it', async () => {
    const { deps: d, seen } = deps([row({ status: 'ready' })]);
    await assert.rejects(endedSession('s1', asReader, d), { code: 'NETLAB_ERR_SESSION_LIVE' });
    assert.equal(seen.sleeps, ENDING_WAIT_MS / 250);
  });

  const refused = [
    { when: 'no token', id: 's1', request: { token: undefined }, code: 'NETLAB_ERR_UNAUTHORIZED' },
    { when: 'another token', id: 's1', request: { token: 'x' }, code: 'NETLAB_ERR_FORBIDDEN' },
    { when: 'an unknown session', id: 's2', request: asReader, code: 'NETLAB_ERR_FORBIDDEN' },
    {
      when: "a learner's session asked for outside their workshop",
      id: 'learner',
      request: asReader,
      code: 'NETLAB_ERR_FORBIDDEN',
    },
  ];
  for (const { when, id, request, code } of refused) {
    test(`throws ${code} for ${when}`, async () => {
      const { deps: d } = deps([row()]);
      await assert.rejects(endedSession(id, request, d), { code });
    });
  }
});

/**
 * sandboxSlot and insertRow: what a new session gets before it is launched — a
 * warm sandbox or room for one, and its row stored once, or the session of the
 * request that stored the same learner's first.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { NetlabError } from '../../../server/errors.ts';
import type { SandboxInfo } from '../../../server/sandbox/driver.ts';
import { insertRow, sandboxSlot } from '../../../server/sessions/admission.ts';
import type { SessionOwner } from '../../../server/sessions/types.ts';
import type { SessionRow } from '../../../server/store/store.ts';

const warmBox: SandboxInfo = {
  containerId: 'c-warm',
  sessionId: 's-warm',
  createdAt: new Date(0),
  running: true,
};

function slotDeps(o: { warm?: SandboxInfo; count: number; pingFails?: boolean }) {
  const calls = { take: 0, ping: 0 };
  return {
    calls,
    on: {
      pool: {
        take: () => {
          calls.take++;
          return o.warm;
        },
      },
      driver: {
        ping: () => {
          calls.ping++;
          return o.pingFails
            ? Promise.reject(new NetlabError('NETLAB_ERR_DOCKER_UNREACHABLE'))
            : Promise.resolve({ version: '28.5.2' });
        },
      },
      max: 3,
      count: () => o.count,
    },
  };
}

const code = (c: string) => (error: unknown) => error instanceof NetlabError && error.code === c;

describe('sandboxSlot', () => {
  test('returns the warm sandbox without asking the engine when the pool has one', async () => {
    const { on, calls } = slotDeps({ warm: warmBox, count: 3 });
    assert.equal(await sandboxSlot(true, on), warmBox);
    assert.deepEqual(calls, { take: 1, ping: 0 });
  });

  test('leaves the pool alone for another generation and makes room when there is some', async () => {
    const { on, calls } = slotDeps({ warm: warmBox, count: 2 });
    assert.equal(await sandboxSlot(false, on), undefined);
    assert.deepEqual(calls, { take: 0, ping: 1 });
  });

  test('refuses with NETLAB_ERR_CAPACITY when every machine is in use', async () => {
    const { on, calls } = slotDeps({ count: 3 });
    await assert.rejects(sandboxSlot(true, on), code('NETLAB_ERR_CAPACITY'));
    assert.equal(calls.ping, 0);
  });

  test("passes on the engine's error when it does not answer", async () => {
    const { on } = slotDeps({ count: 0, pingFails: true });
    await assert.rejects(sandboxSlot(true, on), code('NETLAB_ERR_DOCKER_UNREACHABLE'));
  });
});

const row = {
  id: 's-new',
  lab: 'bridge',
  generation: 'docker-28',
  expiresAt: 60_000,
} as SessionRow;
const owner: SessionOwner = { participantId: 'p1', token: 'tok', peekHash: 'h', params: {} };
const theirRow = { ...row, id: 's-theirs' };

function store(inserted: boolean | Error, live: SessionRow | undefined) {
  return {
    insertSession: () =>
      inserted instanceof Error ? Promise.reject(inserted) : Promise.resolve(inserted),
    liveSessionOf: () => Promise.resolve(live),
  };
}

describe('insertRow', () => {
  test('returns nothing and keeps the new session when its row is stored', async () => {
    let dropped = 0;
    const theirs = await insertRow(store(true, theirRow), row, owner, () => dropped++);
    assert.equal(theirs, undefined);
    assert.equal(dropped, 0);
  });

  test("drops the new session and returns the learner's own when another request stored it first", async () => {
    let dropped = 0;
    const theirs = await insertRow(store(false, theirRow), row, owner, () => dropped++);
    assert.deepEqual(theirs, {
      id: 's-theirs',
      token: 'tok',
      lab: 'bridge',
      generation: 'docker-28',
      expiresAt: new Date(60_000).toISOString(),
    });
    assert.equal(dropped, 1);
  });

  for (const [name, s, who] of [
    ['nothing was stored and there is no owner to look up', store(false, theirRow), undefined],
    ["nothing was stored and the owner's session is gone", store(false, undefined), owner],
  ] as const) {
    test(`throws NETLAB_ERR_INTERNAL and drops it when ${name}`, async () => {
      let dropped = 0;
      await assert.rejects(
        insertRow(s, row, who, () => dropped++),
        code('NETLAB_ERR_INTERNAL'),
      );
      assert.equal(dropped, 1);
    });
  }

  test("drops it and passes on the store's error when the insert fails", async () => {
    let dropped = 0;
    const failure = new Error('connection refused');
    await assert.rejects(
      insertRow(store(failure, undefined), row, owner, () => dropped++),
      failure,
    );
    assert.equal(dropped, 1);
  });
});

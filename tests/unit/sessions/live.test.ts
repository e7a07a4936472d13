import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import { loadLabs } from '../../../server/labs.ts';
import {
  expiryReason,
  requireHere,
  restoreTasks,
  type LiveSession,
} from '../../../server/sessions/live.ts';
import type { SessionRow } from '../../../server/store/store.ts';
import type { TaskResult } from '../../../server/protocol.ts';

const labs = loadLabs(path.resolve(import.meta.dirname, '../../../labs'));
const labAsFiled = labs.find((l) => l.id === 'cross-bridge');
assert.ok(labAsFiled);
// No lab needs a live task today; the first task is made live here for the test.
const crossBridge = {
  ...labAsFiled,
  tasks: labAsFiled.tasks.map((t, i) => (i === 0 ? { ...t, live: true } : t)),
};
const liveTask = crossBridge.tasks.find((t) => t.live);
const stickyTask = crossBridge.tasks.find((t) => !t.live);
assert.ok(liveTask && stickyTask, 'cross-bridge has a live task and a sticky one');

const failed = (id: string): TaskResult => ({
  id,
  passed: false,
  detail: { expected: 'x', actual: 'y', hint: 'z' },
});

describe('restoreTasks', () => {
  test('returns every task open when nothing was checked', () => {
    assert.deepEqual(
      restoreTasks(crossBridge, []).map((t) => t.passed),
      crossBridge.tasks.map(() => false),
    );
  });

  const table: [string, string, boolean, boolean][] = [
    ['a task that once passed and has no live flag', stickyTask.id, true, true],
    ['a live task that once passed but fails now', liveTask.id, true, false],
    ['a task that never passed', stickyTask.id, false, false],
  ];
  for (const [name, id, everPassed, expected] of table) {
    test(`returns passed=${expected} for ${name}`, () => {
      const restored = restoreTasks(crossBridge, [{ result: failed(id), everPassed }]);
      const task = restored.find((t) => t.id === id);
      assert.equal(task?.passed, expected);
      assert.equal(task.detail === null, expected, 'a passed task carries no detail');
    });
  }

  test('returns no tasks for a lab that no longer exists', () => {
    assert.deepEqual(restoreTasks(undefined, [{ result: failed('t'), everPassed: true }]), []);
  });
});

const row = (patch: Partial<SessionRow> = {}): SessionRow => ({
  id: 's1',
  tokenHash: 'h',
  peekHash: null,
  lab: 'host',
  client: '127.0.0.1',
  containerId: 'c1',
  status: 'ready',
  reason: null,
  createdAt: 0,
  expiresAt: 10_000,
  endedAt: null,
  params: {},
  participantId: null,
  instance: 'a',
  generation: 'docker-28',
  ...patch,
});

const session = (idleSince: number | null): LiveSession => ({
  row: row(),
  idleSince,
  tasks: [],
  locale: 'en',
});

describe('expiryReason', () => {
  const table: [string, LiveSession, number, string | null][] = [
    ['in use and within its time', session(null), 5_000, null],
    ['idle for less than the idle TTL', session(4_000), 5_000, null],
    ['idle for the idle TTL', session(2_000), 5_000, 'no terminal was attached for 1 minutes'],
    ['in use at its hard TTL', session(null), 10_000, 'the session reached its time limit'],
    ['idle and past its hard TTL', session(0), 20_000, 'the session reached its time limit'],
  ];
  for (const [what, s, now, reason] of table) {
    test(`returns ${JSON.stringify(reason)} for a session ${what}`, () => {
      assert.equal(expiryReason(s, now, 3_000), reason);
    });
  }
});

describe('requireHere', () => {
  test('returns for a session of this server, or one that is over', () => {
    requireHere(row(), 'a');
    requireHere(row({ status: 'ended' }), 'b');
  });

  test("throws NETLAB_ERR_OTHER_SERVER naming the holder for another server's live session", () => {
    assert.throws(() => requireHere(row({ status: 'starting' }), 'b'), {
      code: 'NETLAB_ERR_OTHER_SERVER',
      message: /lab server "a", which lab server "b" cannot reach/,
    });
  });
});

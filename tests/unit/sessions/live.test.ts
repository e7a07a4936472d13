import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import { loadLabs } from '../../../server/grading/labs.ts';
import { restoreTasks } from '../../../server/sessions/live.ts';
import type { TaskResult } from '../../../server/protocol.ts';

const labs = loadLabs(path.resolve(import.meta.dirname, '../../../labs'));
const crossBridge = labs.find((l) => l.id === 'cross-bridge');
assert.ok(crossBridge);
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

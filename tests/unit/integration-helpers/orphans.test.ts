import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { orphanedSandboxes, processAlive } from '../../integration/helpers/orphans.ts';

describe('orphanedSandboxes', () => {
  const alive = (pid: number) => pid === 100;
  for (const [rows, expected, when] of [
    ['a1 test-driver-200', ['a1'], "its driver's process is gone"],
    ['a1 test-driver-100', [], "its driver's process is alive"],
    ['a1 netlab-main\nb2 test-3-abc', [], 'it belongs to a lab server'],
    ['a1 test-driver-200x', [], 'the instance only starts like a driver'],
    ['a1 \n\n', [], 'it has no instance'],
    ['a1 test-driver-200\nb2 test-driver-100\nc3 test-driver-300', ['a1', 'c3'], 'several'],
  ] as const) {
    test(`returns ${JSON.stringify(expected)} when ${when}`, () => {
      assert.deepEqual(orphanedSandboxes(rows, alive), expected);
    });
  }
});

describe('processAlive', () => {
  test('returns true for this process and false for a PID no process has', () => {
    assert.equal(processAlive(process.pid), true);
    assert.equal(processAlive(2 ** 22 + 1), false);
  });
});

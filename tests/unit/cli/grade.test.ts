import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { learnerScores, scoreOf } from '../../../server/cli/grade.ts';
import type { WorkshopResults } from '../../../server/protocol.ts';

describe('scoreOf', () => {
  const table: [boolean[], number, number, number][] = [
    [[], 0, 0, 0],
    [[true, true], 2, 2, 100],
    [[true, false, false], 1, 3, 33],
    [[false], 0, 1, 0],
  ];
  for (const [flags, passed, total, percent] of table) {
    test(`returns ${percent}% when ${passed} of ${total} tasks passed`, () => {
      assert.deepEqual(scoreOf(flags), { passed, total, percent });
    });
  }
});

describe('learnerScores', () => {
  test('returns one score per learner in the order they first appear', () => {
    const row = (learnerId: string, learner: string, task: string, passed: boolean) => ({
      learnerId,
      learner,
      lab: 'bridge',
      task,
      passed,
      passedAt: null,
      attempts: 1,
      lastAt: null,
    });
    const results: WorkshopResults['results'] = [
      row('b', 'Bo', 't1', true),
      row('a', 'Al', 't1', false),
      row('b', 'Bo', 't2', false),
      row('a', 'Al', 't2', false),
    ];
    assert.deepEqual(learnerScores(results), [
      { learnerId: 'b', learner: 'Bo', passed: 1, total: 2, percent: 50 },
      { learnerId: 'a', learner: 'Al', passed: 0, total: 2, percent: 0 },
    ]);
  });
});

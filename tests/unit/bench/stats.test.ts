import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { range, rotated } from '../../../bench/stats.ts';

describe('rotated', () => {
  const cases: [round: number, expected: string[]][] = [
    [0, ['a', 'b', 'c']],
    [1, ['b', 'c', 'a']],
    [2, ['c', 'a', 'b']],
    [3, ['a', 'b', 'c']],
  ];
  for (const [round, expected] of cases)
    test(`returns the items starting at ${expected[0] ?? ''} in round ${round}`, () => {
      assert.deepEqual(rotated(['a', 'b', 'c'], round), expected);
    });

  test('returns an empty list for no items', () => {
    assert.deepEqual(rotated([], 4), []);
  });
});

describe('range', () => {
  test('returns min–max with one decimal', () => {
    assert.equal(range([3.14, 1.26, 2]), '1.3–3.1');
  });
});

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { JoinAttempts } from '../../../server/workshops/join-attempts.ts';

describe('JoinAttempts', () => {
  test('returns 0 while a client stays under the limit', () => {
    const attempts = new JoinAttempts(3, () => 0);
    attempts.wrong('10.0.0.1');
    attempts.wrong('10.0.0.1');
    assert.equal(attempts.retryAfter('10.0.0.1'), 0);
  });

  test('returns the seconds left in the minute once a client reaches the limit', () => {
    let now = 0;
    const attempts = new JoinAttempts(2, () => now);
    attempts.wrong('10.0.0.1');
    now = 15_000;
    attempts.wrong('10.0.0.1');
    assert.equal(attempts.retryAfter('10.0.0.1'), 45);
    assert.equal(attempts.retryAfter('10.0.0.2'), 0, 'other clients are not affected');
  });

  test('returns 0 again once the minute is over', () => {
    let now = 0;
    const attempts = new JoinAttempts(1, () => now);
    attempts.wrong('10.0.0.1');
    assert.ok(attempts.retryAfter('10.0.0.1') > 0);
    now = 60_000;
    assert.equal(attempts.retryAfter('10.0.0.1'), 0);
    attempts.wrong('10.0.0.1');
    assert.equal(attempts.retryAfter('10.0.0.1'), 60);
  });
});

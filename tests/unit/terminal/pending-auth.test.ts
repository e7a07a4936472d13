import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PendingAuth } from '../../../server/terminal/pending-auth.ts';

describe('PendingAuth', () => {
  test('returns false past the cap for one client while others still get slots', () => {
    const pending = new PendingAuth(2);
    assert.equal(pending.acquire('10.0.0.1'), true);
    assert.equal(pending.acquire('10.0.0.1'), true);
    assert.equal(pending.hasRoom('10.0.0.1'), false);
    assert.equal(pending.acquire('10.0.0.1'), false);
    assert.equal(pending.acquire('10.0.0.2'), true);
    assert.equal(pending.held('10.0.0.1'), 2);
  });

  test('gives a slot back on release, and forgets a client that holds none', () => {
    const pending = new PendingAuth(1);
    pending.acquire('c');
    pending.release('c');
    assert.equal(pending.held('c'), 0);
    assert.equal(pending.acquire('c'), true);
    pending.release('c');
    pending.release('c');
    assert.equal(pending.held('c'), 0);
  });
});

/** closeOutcome: what a closed terminal socket leads to. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { closeOutcome } from '../../../../src/client/terminal/reconnect-policy.ts';

const backoff = { minDelayMs: 500, maxDelayMs: 10_000, random: () => 0 };

describe('closeOutcome', () => {
  test('returns the final change with the server’s code and reason when it said final', () => {
    const told = {
      state: 'ended' as const,
      code: 'NETLAB_ERR_SESSION_ENDED' as const,
      retry: 'final' as const,
      reason: 'The session ended.',
    };
    assert.deepEqual(closeOutcome({ code: 4410, reason: 'gone' }, told, 1, backoff), {
      change: {
        state: 'ended',
        closeCode: 4410,
        code: 'NETLAB_ERR_SESSION_ENDED',
        reason: 'The session ended.',
      },
      delayMs: null,
    });
  });

  test('returns reconnecting after the attempt’s backoff when the network dropped', () => {
    assert.deepEqual(closeOutcome({ code: 1006, reason: '' }, null, 3, backoff), {
      change: { state: 'reconnecting', closeCode: 1006, retryInMs: 1000, attempt: 3 },
      delayMs: 1000,
    });
  });

  test('returns the final change when the shell exited', () => {
    assert.equal(closeOutcome({ code: 1000, reason: 'exit' }, null, 1, backoff).delayMs, null);
  });
});

import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, test } from 'node:test';
import {
  backoffMs,
  deliver,
  signature,
  type TaskPassedPayload,
} from '../../../server/workshops/webhooks.ts';

const payload: TaskPassedPayload = {
  event: 'task.passed',
  workshopId: 'w1',
  learner: { id: 'p1', name: 'Ada' },
  lab: 'bridge',
  task: 'run-two',
  passedAt: '2026-01-01T00:00:00.000Z',
};

describe('signature', () => {
  test('returns sha256= and the hex HMAC-SHA256 of the body with the secret', () => {
    const expected = createHmac('sha256', 's3cret').update('{"a":1}').digest('hex');
    assert.equal(signature('s3cret', '{"a":1}'), `sha256=${expected}`);
  });
});

describe('backoffMs', () => {
  test('returns 0.5 s, 1 s, 2 s … before attempts 2, 3, 4', () => {
    assert.deepEqual(
      [2, 3, 4, 5].map((a) => backoffMs(a)),
      [500, 1000, 2000, 4000],
    );
  });

  test('returns at most the cap', () => {
    assert.equal(backoffMs(30), 30_000);
  });
});

describe('deliver', () => {
  test('returns null after retrying a 500 with backoff, having sent the signed body', async () => {
    const calls: { body: string; signature: string | null }[] = [];
    const slept: number[] = [];
    const statuses = [500, 204];
    const error = await deliver('http://127.0.0.1:1/hook', 'k', payload, {
      attempts: 3,
      timeoutMs: 1000,
      sleep: (ms) => {
        slept.push(ms);
        return Promise.resolve();
      },
      fetch: (_url, init) => {
        const headers = new Headers(init?.headers);
        calls.push({
          body: typeof init?.body === 'string' ? init.body : '',
          signature: headers.get('x-netlab-signature'),
        });
        return Promise.resolve(new Response(null, { status: statuses.shift() ?? 500 }));
      },
    });
    assert.equal(error, null);
    assert.equal(calls.length, 2);
    assert.deepEqual(JSON.parse(calls[0]?.body ?? ''), payload);
    assert.equal(calls[0]?.signature, signature('k', calls[0]?.body ?? ''));
    assert.deepEqual(slept, [500]);
  });

  test('returns the last error when every attempt fails', async () => {
    const error = await deliver('http://127.0.0.1:1/hook', 'k', payload, {
      attempts: 2,
      timeoutMs: 1000,
      sleep: () => Promise.resolve(),
      fetch: () => Promise.reject(new Error('connect ECONNREFUSED')),
    });
    assert.match(error ?? '', /ECONNREFUSED \(after 2 attempts\)/);
  });
});

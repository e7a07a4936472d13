import assert from 'node:assert/strict';
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

// Known vectors, made apart from this code:
//   printf '%s' '<body>' | openssl dgst -sha256 -hmac '<secret>'
const PAYLOAD_SIGNATURE = 'db0678d38b2aa46f05dacb875d96280e2fb737f329f643b3d04500cb14c2d007';
const VECTORS: [string, string, string][] = [
  ['s3cret', '{"a":1}', '5910e62016ef5034272c926c27071992a465c2335cecf41851bda071577f4f6d'],
  ['k', JSON.stringify(payload), PAYLOAD_SIGNATURE],
];

describe('signature', () => {
  for (const [secret, body, hex] of VECTORS) {
    test(`returns sha256=${hex.slice(0, 8)}… for a known body and secret`, () => {
      assert.equal(signature(secret, body), `sha256=${hex}`);
    });
  }
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
    const [first] = calls;
    assert.ok(first);
    assert.equal(first.body, JSON.stringify(payload));
    assert.equal(first.signature, `sha256=${PAYLOAD_SIGNATURE}`);
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

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LabApiError, LabClient, RebuildableError } from '../../../../src/client/lab-api.ts';
import {
  acquire,
  afterFailure,
  type FailureOutcome,
  type OpenMode,
  type SourceOptions,
} from '../../../../src/client/lab-boot/session.ts';

const ended = {
  id: 'old',
  token: 'old',
  lab: 'bridge',
  generation: 'docker-28' as const,
  expiresAt: '2030-01-01T02:00:00.000Z',
  reason: 'the session reached its time limit',
};

describe('afterFailure', () => {
  const cases: [string, unknown, OpenMode, boolean, Partial<FailureOutcome>][] = [
    [
      'a start finds an ended machine',
      new RebuildableError(ended),
      'start',
      true,
      {
        offer: 'offer',
        reason: ended.reason,
        kind: 'info',
        text: 'Your lab machine has ended; rebuild it or start afresh.',
      },
    ],
    [
      'a plain start fails',
      new LabApiError('capacity', 'full'),
      'start',
      false,
      {
        offer: 'close',
        kind: 'error',
        text: 'All lab machines are in use right now; try again in a minute.',
      },
    ],
    [
      'a rebuild fails on the way (the ended machine is still there)',
      new LabApiError('capacity', 'full'),
      'rebuild',
      true,
      { offer: 'retry', kind: 'error' },
    ],
    [
      'the server cannot rebuild it',
      new LabApiError('not-found', 'gone', 404),
      'rebuild',
      false,
      { offer: 'close', text: 'This lab machine can no longer be rebuilt; start afresh.' },
    ],
    [
      'the rebuilt machine takes too long',
      new LabApiError('timeout', 'slow'),
      'rebuild',
      false,
      { offer: 'close', text: 'The lab machine took too long to start; try again.' },
    ],
    [
      'starting afresh fails',
      new LabApiError('offline', 'down'),
      'fresh',
      false,
      { offer: 'close', kind: 'error' },
    ],
  ];
  for (const [name, error, mode, rebuildable, expected] of cases) {
    test(`returns ${expected.offer ?? ''} when ${name}`, () => {
      const outcome = afterFailure(error, mode, rebuildable, 'en');
      assert.deepEqual({ ...outcome, ...expected }, outcome);
    });
  }

  test('returns the sentences in Chinese too', () => {
    assert.equal(
      afterFailure(new RebuildableError(ended), 'resume', true, 'zh-cn').text,
      '你的实验机器已结束；可以重建它，或重新开始。',
    );
    assert.equal(
      afterFailure(new LabApiError('ended', 'gone', 410), 'rebuild', false, 'zh-cn').text,
      '这台实验机器已无法重建；请重新开始。',
    );
  });
});

describe('acquire', () => {
  test('asks the page’s source for a rebuild, passing the progress on', async () => {
    const asked: SourceOptions[] = [];
    const client = new LabClient({ baseUrl: 'http://lab.test', storage: null });
    const started = { session: ended, view: {} as never, resumed: false };
    const parts = {
      lab: 'bridge',
      client,
      external: true,
      generation: undefined,
      source: (_lab: string, options: SourceOptions) => {
        asked.push(options);
        return Promise.resolve(started);
      },
    };
    const onStatus = (): void => undefined;
    assert.equal(await acquire(parts, 'rebuild', onStatus), started);
    await acquire(parts, 'start', onStatus);
    assert.deepEqual(
      asked.map((options) => options.rebuild),
      [true, false],
    );
    assert.equal(asked[0]?.onStatus, onStatus);
  });
});

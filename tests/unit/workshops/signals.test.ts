import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  decodeSignal,
  encodeSignal,
  type WorkshopSignal,
} from '../../../server/workshops/signals.ts';

describe('decodeSignal', () => {
  const signals: WorkshopSignal[] = [
    { kind: 'snapshot', workshopId: 'w1' },
    { kind: 'learner', workshopId: 'w1', participantId: 'p1' },
    {
      kind: 'message',
      workshopId: 'w1',
      message: { text: '<b>hi</b> 你好', at: '2026-12-01T00:00:00.000Z' },
    },
    {
      kind: 'webhook-failed',
      workshopId: 'w1',
      failure: {
        at: '2026-12-01T00:00:00.000Z',
        task: 'host/t',
        learner: 'Ada',
        error: 'HTTP 500',
      },
    },
    { kind: 'ended', workshopId: 'w1', at: '2026-12-01T00:00:00.000Z' },
  ];
  for (const signal of signals) {
    test(`returns the ${signal.kind} signal it was given after encodeSignal`, () => {
      assert.deepEqual(decodeSignal(encodeSignal(signal)), signal);
    });
  }

  const refused: [string, string][] = [
    ['not JSON', '{'],
    [
      'another topic',
      JSON.stringify({ topic: 'sessions', signal: { kind: 'snapshot', workshopId: 'w1' } }),
    ],
    [
      'an unknown kind',
      JSON.stringify({ topic: 'workshop', signal: { kind: 'reboot', workshopId: 'w1' } }),
    ],
    [
      'a missing field',
      JSON.stringify({ topic: 'workshop', signal: { kind: 'learner', workshopId: 'w1' } }),
    ],
    [
      'an empty workshop id',
      JSON.stringify({ topic: 'workshop', signal: { kind: 'snapshot', workshopId: '' } }),
    ],
    ['a bare value', '42'],
  ];
  for (const [what, message] of refused) {
    test(`returns null when given ${what}`, () => {
      assert.equal(decodeSignal(message), null);
    });
  }
});

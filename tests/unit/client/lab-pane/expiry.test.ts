import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  EXPIRY_WARNING_LEAD_MS,
  expiryCountdown,
  expiryMessage,
  expiryWarning,
  extendedMessage,
  formatCountdown,
  limitsOf,
  type ExpiryWarning,
  type SessionLimits,
} from '../../../../src/client/lab-pane/expiry.ts';
import { EXPIRY_POLL_MS, ExpiryWatch } from '../../../../src/client/lab-pane/expiry-watch.ts';
import { FakeTimers } from '../terminal/fake-timers.ts';

const MIN = 60_000;
const NOW = Date.parse('2030-01-01T10:00:00Z');

function limits(
  expiresIn: number,
  idleIn: number | null = null,
  extendableIn = expiresIn + 60 * MIN,
): SessionLimits {
  return {
    expiresAt: NOW + expiresIn,
    idleEndsAt: idleIn === null ? null : NOW + idleIn,
    extendableUntil: NOW + extendableIn,
  };
}

describe('expiryWarning', () => {
  test('the lead is five minutes', () => {
    assert.equal(EXPIRY_WARNING_LEAD_MS, 5 * MIN);
  });

  const cases: [string, SessionLimits, Partial<ExpiryWarning> | null][] = [
    ['the end is an hour away', limits(60 * MIN), null],
    ['the end is just over five minutes away', limits(5 * MIN + 1), null],
    [
      'the end is exactly five minutes away',
      limits(5 * MIN),
      { cause: 'time-limit', remainingMs: 5 * MIN, canExtend: true },
    ],
    [
      'the time limit is two minutes away',
      limits(2 * MIN),
      { cause: 'time-limit', endsAt: NOW + 2 * MIN, remainingMs: 2 * MIN, canExtend: true },
    ],
    [
      'the time limit is the longest session allowed',
      limits(2 * MIN, null, 2 * MIN),
      { cause: 'time-limit', canExtend: false },
    ],
    [
      'the time limit is past the longest session (a server that shortened it)',
      limits(2 * MIN, null, MIN),
      { cause: 'time-limit', canExtend: false },
    ],
    ['the time limit has passed', limits(-MIN), { cause: 'time-limit', remainingMs: 0 }],
    [
      'idling ends it before its time limit',
      limits(60 * MIN, 3 * MIN),
      { cause: 'idle', endsAt: NOW + 3 * MIN, remainingMs: 3 * MIN, canExtend: true },
    ],
    ['idling ends it, but not within five minutes', limits(60 * MIN, 10 * MIN), null],
    [
      'the time limit comes before the idle end',
      limits(2 * MIN, 4 * MIN),
      { cause: 'time-limit', endsAt: NOW + 2 * MIN },
    ],
    ['both at once count as the time limit', limits(2 * MIN, 2 * MIN), { cause: 'time-limit' }],
    [
      'the server sent no valid end',
      { expiresAt: NaN, idleEndsAt: null, extendableUntil: NaN },
      null,
    ],
  ];
  for (const [name, input, expected] of cases) {
    test(`returns ${expected ? `a ${expected.cause ?? ''} warning` : 'null'} when ${name}`, () => {
      const warning = expiryWarning(NOW, input);
      if (expected === null) assert.equal(warning, null);
      else {
        assert.ok(warning);
        assert.deepEqual({ ...warning, ...expected }, warning);
      }
    });
  }
});

describe('limitsOf', () => {
  test('returns the view’s ends in ms, null while a terminal is attached', () => {
    assert.deepEqual(
      limitsOf({
        expiresAt: '2030-01-01T10:05:00.000Z',
        idleEndsAt: null,
        extendableUntil: '2030-01-01T14:00:00.000Z',
      }),
      { expiresAt: NOW + 5 * MIN, idleEndsAt: null, extendableUntil: NOW + 4 * 60 * MIN },
    );
    assert.equal(
      limitsOf({
        expiresAt: '2030-01-01T10:05:00.000Z',
        idleEndsAt: '2030-01-01T10:03:00.000Z',
        extendableUntil: '2030-01-01T14:00:00.000Z',
      }).idleEndsAt,
      NOW + 3 * MIN,
    );
  });
});

describe('formatCountdown', () => {
  const cases: [number, string][] = [
    [5 * MIN, '5:00'],
    [4 * MIN + 59_001, '5:00'],
    [4 * MIN + 59_000, '4:59'],
    [61_000, '1:01'],
    [9_000, '0:09'],
    [1, '0:01'],
    [0, '0:00'],
    [-5000, '0:00'],
  ];
  for (const [ms, expected] of cases) {
    test(`returns ${expected} for ${ms} ms`, () => assert.equal(formatCountdown(ms), expected));
  }
});

describe('expiryMessage', () => {
  const warning = (cause: ExpiryWarning['cause'], canExtend: boolean): ExpiryWarning => ({
    cause,
    endsAt: NOW,
    remainingMs: 90_000,
    canExtend,
  });
  const cases: [ExpiryWarning, 'en' | 'zh-cn', string][] = [
    [
      warning('time-limit', true),
      'en',
      'Your lab machine reaches its time limit soon. Extend it to keep working.',
    ],
    [
      warning('time-limit', false),
      'en',
      'Your lab machine reaches its time limit soon. It cannot be extended any further.',
    ],
    [
      warning('idle', true),
      'en',
      'Your lab machine ends soon: no terminal is attached. Extend it to keep working.',
    ],
    [warning('time-limit', true), 'zh-cn', '你的实验机器即将到达时间上限。延长时间即可继续操作。'],
    [warning('idle', false), 'zh-cn', '你的实验机器即将结束：当前没有连接终端。它已不能再延长。'],
  ];
  for (const [input, locale, expected] of cases) {
    test(`returns "${expected}"`, () => assert.equal(expiryMessage(input, locale), expected));
  }

  test('returns the countdown and the new end in both languages', () => {
    assert.equal(expiryCountdown(warning('idle', true), 'en'), 'Ends in 1:30');
    assert.equal(expiryCountdown(warning('idle', true), 'zh-cn'), '1:30 后结束');
    assert.match(extendedMessage(NOW, 'en'), /^Extended: your lab machine now ends at \d\d:\d\d/);
    assert.match(extendedMessage(NOW, 'zh-cn'), /^已延长：你的实验机器现在将于 \d\d:\d\d 结束。$/);
  });
});

describe('ExpiryWatch', () => {
  function setup(initial: SessionLimits, polls: (SessionLimits | null | Error)[] = []) {
    const timers = new FakeTimers();
    timers.now = NOW;
    const rendered: (ExpiryWarning | null)[] = [];
    let visible = true;
    let pollCount = 0;
    const watch = new ExpiryWatch({
      timers,
      now: () => timers.now,
      initial,
      poll: () => {
        pollCount++;
        const next = polls.shift();
        if (next instanceof Error) return Promise.reject(next);
        return Promise.resolve(next === undefined ? initial : next);
      },
      visible: () => visible,
      render: (warning) => rendered.push(warning),
    });
    return {
      watch,
      timers,
      rendered,
      last: () => rendered.at(-1),
      polls: () => pollCount,
      hide: (hidden: boolean) => (visible = !hidden),
    };
  }
  const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

  test('shows nothing until five minutes before the end, then counts down every second', () => {
    const { watch, timers, last } = setup(limits(7 * MIN, null, 7 * MIN + 1));
    watch.start();
    assert.equal(last(), null);
    timers.tick(2 * MIN - 1000);
    assert.equal(last(), null);
    timers.tick(1000);
    assert.equal(last()?.remainingMs, 5 * MIN);
    timers.tick(1000);
    assert.equal(last()?.remainingMs, 5 * MIN - 1000);
    watch.stop();
    assert.equal(timers.count, 0);
  });

  test('extending hides the warning at once', () => {
    const { watch, timers, last } = setup(limits(3 * MIN));
    watch.start();
    assert.equal(last()?.cause, 'time-limit');
    watch.update(limits(33 * MIN));
    assert.equal(last(), null);
    timers.tick(1000);
    assert.equal(last(), null);
    watch.stop();
  });

  test('polls about once a minute and follows ends moved elsewhere (another tab extended)', async () => {
    const { watch, timers, last, polls } = setup(limits(3 * MIN), [limits(40 * MIN)]);
    watch.start();
    assert.equal(last()?.cause, 'time-limit');
    timers.tick(EXPIRY_POLL_MS - 1);
    assert.equal(polls(), 0);
    timers.tick(1);
    assert.equal(polls(), 1);
    await settle();
    assert.equal(last(), null);
    watch.stop();
  });

  test('learns of an idle end from a poll', async () => {
    const { watch, timers, last } = setup(limits(60 * MIN), [limits(60 * MIN, 4 * MIN)]);
    watch.start();
    timers.tick(EXPIRY_POLL_MS);
    await settle();
    assert.equal(last()?.cause, 'idle');
    watch.stop();
  });

  test('does not poll while the page is hidden, and polls at once when it shows again', async () => {
    const { watch, timers, polls, hide } = setup(limits(60 * MIN));
    watch.start();
    hide(true);
    timers.tick(5 * EXPIRY_POLL_MS);
    assert.equal(polls(), 0);
    hide(false);
    watch.wake();
    assert.equal(polls(), 1);
    await settle();
    timers.tick(EXPIRY_POLL_MS);
    assert.equal(polls(), 2);
    watch.stop();
  });

  test('keeps polling after a failed poll, and stops once the session is no longer live', async () => {
    const { watch, timers, polls } = setup(limits(60 * MIN), [new Error('offline'), null]);
    watch.start();
    timers.tick(EXPIRY_POLL_MS);
    await settle();
    timers.tick(EXPIRY_POLL_MS);
    await settle();
    assert.equal(polls(), 2);
    assert.equal(timers.count, 0);
    timers.tick(10 * EXPIRY_POLL_MS);
    assert.equal(polls(), 2);
  });
});

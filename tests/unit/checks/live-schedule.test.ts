import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LiveSchedule, idleIntervalMs, intervalsOf } from '../../../server/checks/live-schedule.ts';

/** A random source that returns the given values in turn. */
function draws(...values: number[]): () => number {
  let i = 0;
  return () => values[i++ % values.length] ?? 0;
}

/** The times in [from, to) at which each session is due, ticking every `step` ms. */
function run(schedule: LiveSchedule, ids: string[], from: number, to: number, step: number) {
  const times = new Map<string, number[]>(ids.map((id) => [id, []]));
  for (let now = from; now < to; now += step) {
    for (const id of schedule.due(ids, now)) times.get(id)?.push(now);
  }
  return times;
}

describe('LiveSchedule', () => {
  test('returns sessions at their own phases, spread over the interval', () => {
    const schedule = new LiveSchedule(3000, draws(0, 0.25, 0.5, 0.75));
    const times = run(schedule, ['a', 'b', 'c', 'd'], 0, 3000, 100);
    assert.deepEqual(Object.fromEntries(times), { a: [0], b: [800], c: [1500], d: [2300] });
  });

  test('returns each session once per interval', () => {
    const schedule = new LiveSchedule(3000, draws(0.1));
    const times = run(schedule, ['a'], 0, 10_000, 100);
    assert.deepEqual(times.get('a'), [300, 3300, 6300, 9300]);
  });

  test('forgets a session that is no longer attached and draws it a new phase', () => {
    const schedule = new LiveSchedule(1000, draws(0, 0.5));
    assert.deepEqual(schedule.due(['a'], 0), ['a']);
    assert.deepEqual(schedule.due([], 100), []);
    assert.deepEqual(schedule.due(['a'], 200), []);
    assert.deepEqual(schedule.due(['a'], 700), ['a']);
  });

  test('returns nothing when no session is attached', () => {
    assert.deepEqual(new LiveSchedule(3000).due([], 0), []);
  });

  test('returns a session again after its own interval when it has one', () => {
    const schedule = new LiveSchedule(3000, draws(0));
    assert.deepEqual(
      schedule.due(['slow', 'fast'], 0, (id) => (id === 'slow' ? 30_000 : 3000)),
      ['slow', 'fast'],
    );
    assert.deepEqual(
      schedule.due(['slow', 'fast'], 3000, (id) => (id === 'slow' ? 30_000 : 3000)),
      ['fast'],
    );
  });

  test('soon brings a far re-check forward, and leaves a nearer one alone', () => {
    const schedule = new LiveSchedule(3000, draws(0));
    schedule.due(['a'], 0, () => 30_000);
    schedule.soon('a', 1000, 3000);
    assert.deepEqual(schedule.due(['a'], 3999), []);
    assert.deepEqual(schedule.due(['a'], 4000), ['a']);
    // Due again at 7000 (the schedule's 3 s): a longer `soon` does not push it later.
    schedule.soon('a', 4000, 60_000);
    assert.deepEqual(schedule.due(['a'], 6999), []);
    assert.deepEqual(schedule.due(['a'], 7000), ['a']);
  });
});

describe('idleIntervalMs', () => {
  const cases: [string, number, number, number, number][] = [
    ['the configured interval when the sessions stay within the budget', 30_000, 10, 30, 30_000],
    ['the configured interval at exactly the budget', 30_000, 15, 30, 30_000],
    ['an interval stretched to share the budget beyond it', 30_000, 60, 30, 120_000],
    ['the configured interval when no session is idle', 30_000, 0, 30, 30_000],
    ['a finite interval however small the budget', 30_000, 10, 0, 600_000],
  ];
  for (const [what, base, sessions, perMinute, expected] of cases)
    test(`returns ${what}`, () => {
      assert.equal(idleIntervalMs(base, sessions, perMinute), expected);
    });
});

describe('intervalsOf', () => {
  const limits = { intervalMs: 3000, idleIntervalMs: 30_000, idlePerMinute: 30 };
  const sessions = (n: number, patch: { shell?: boolean; open?: boolean }) =>
    Array.from({ length: n }, (_, i) => ({
      id: `${patch.shell ? 'shell' : patch.open === false ? 'done' : 'idle'}-${i}`,
      shell: false,
      open: true,
      ...patch,
    }));

  test('returns the short interval for a session with a shell open in a container', () => {
    assert.equal(intervalsOf(sessions(1, { shell: true }), limits)('shell-0'), 3000);
  });

  test('returns the idle interval stretched over the sessions with open tasks', () => {
    const all = [...sessions(60, {}), ...sessions(5, { shell: true })];
    assert.equal(intervalsOf(all, limits)('idle-0'), 120_000);
  });

  test('returns the idle interval unstretched by sessions whose tasks are all done', () => {
    const all = [...sessions(15, {}), ...sessions(45, { open: false })];
    assert.equal(intervalsOf(all, limits)('idle-0'), 30_000);
  });
});

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { LearnerRow, WorkshopDashboard } from '../../../../server/protocol.ts';
import {
  applyEvent,
  fromLocalInput,
  isStuck,
  parsePlace,
  parseSecret,
  passedByLearner,
  passRates,
  percent,
  placeHash,
  toLocalInput,
} from '../../../../src/client/workshop/model.ts';

const T0 = Date.parse('2026-11-28T10:00:00.000Z');

function learner(id: string, passed: string[], lastProgressAt = T0): LearnerRow {
  const tasks: LearnerRow['tasks'] = {};
  for (const key of passed)
    tasks[key] = { passed: true, passedAt: null, attempts: 1, lastAt: null };
  return {
    id,
    name: id,
    joinedAt: new Date(T0).toISOString(),
    lastProgressAt: new Date(lastProgressAt).toISOString(),
    tasks,
    sessions: {},
  };
}

function dashboard(learners: LearnerRow[]): WorkshopDashboard {
  const keys = ['bridge/a', 'bridge/b'];
  return {
    workshop: {
      id: 'w1',
      title: 'W',
      labs: ['bridge'],
      status: 'open',
      startsAt: null,
      endsAt: null,
      capacity: 10,
      randomParams: false,
      message: null,
    },
    tasks: keys.map((key) => ({
      key,
      lab: 'bridge',
      task: key.slice(7),
      title: { en: key, 'zh-cn': key },
    })),
    learners,
    passRates: passRates(keys, learners),
    webhookFailures: [],
  };
}

describe('parsePlace', () => {
  test('returns the participant id and token of #p=<id>.<token>', () => {
    assert.deepEqual(parsePlace('#p=abc.tok.en'), { participantId: 'abc', token: 'tok.en' });
  });

  test('returns null when the hash has no place or a malformed one', () => {
    assert.equal(parsePlace(''), null);
    assert.equal(parsePlace('#p=abc'), null);
    assert.equal(parsePlace('#p=.tok'), null);
    assert.equal(parsePlace('#p=abc.'), null);
  });

  test('reads back what placeHash wrote', () => {
    const place = { participantId: 'p1', token: 'T-_x' };
    assert.deepEqual(parsePlace(placeHash(place)), place);
  });
});

describe('parseSecret', () => {
  test('returns the secret of #secret=<secret>, or null', () => {
    assert.equal(parseSecret('#secret=s3cr3t'), 's3cr3t');
    assert.equal(parseSecret('#other=1'), null);
    assert.equal(parseSecret(''), null);
  });
});

describe('passRates', () => {
  test('returns the share of learners who passed each task', () => {
    const rates = passRates(['a', 'b'], [learner('x', ['a']), learner('y', ['a', 'b'])]);
    assert.deepEqual(rates, { a: 1, b: 0.5 });
  });

  test('returns 0 for every task when nobody joined', () => {
    assert.deepEqual(passRates(['a'], []), { a: 0 });
  });
});

describe('applyEvent', () => {
  test('returns the snapshot of a snapshot event', () => {
    const d = dashboard([]);
    assert.equal(applyEvent(null, { type: 'snapshot', dashboard: d }), d);
  });

  test('replaces a learner row and recomputes the pass rates', () => {
    const d = dashboard([learner('x', []), learner('y', [])]);
    const next = applyEvent(d, { type: 'learner', learner: learner('y', ['bridge/a']) });
    assert.ok(next);
    assert.deepEqual(
      next.learners.map((l) => l.id),
      ['x', 'y'],
    );
    assert.equal(next.passRates['bridge/a'], 0.5);
    assert.equal(d.passRates['bridge/a'], 0, 'the old state is left alone');
  });

  test('appends a learner it did not know', () => {
    const next = applyEvent(dashboard([]), { type: 'learner', learner: learner('z', []) });
    assert.equal(next?.learners.length, 1);
  });

  test('marks the workshop ended on an ended event', () => {
    const next = applyEvent(dashboard([]), { type: 'ended', at: new Date(T0).toISOString() });
    assert.equal(next?.workshop.status, 'ended');
  });

  test('puts a failed webhook call first', () => {
    const failure = { at: 'now', task: 'bridge/a', learner: 'x', error: 'timeout' };
    const next = applyEvent(dashboard([]), { type: 'webhook-failed', failure });
    assert.deepEqual(next?.webhookFailures, [failure]);
  });

  test('returns null for a change before any snapshot', () => {
    assert.equal(applyEvent(null, { type: 'learner', learner: learner('x', []) }), null);
  });
});

describe('isStuck', () => {
  const keys = ['a', 'b'];

  test('returns true when the last progress is at least N minutes old', () => {
    assert.equal(isStuck(learner('x', ['a'], T0), keys, T0 + 10 * 60_000, 10), true);
  });

  test('returns false when the last progress is recent', () => {
    assert.equal(isStuck(learner('x', [], T0), keys, T0 + 9 * 60_000, 10), false);
  });

  test('returns false when every task passed', () => {
    assert.equal(isStuck(learner('x', ['a', 'b'], T0), keys, T0 + 60 * 60_000, 10), false);
  });
});

describe('percent', () => {
  test('returns a whole percentage', () => {
    assert.equal(percent(0), '0%');
    assert.equal(percent(1 / 3), '33%');
    assert.equal(percent(1), '100%');
  });
});

describe('passedByLearner', () => {
  test('returns the passed task keys of each learner in column order', () => {
    const d = dashboard([learner('x', ['bridge/b', 'bridge/a']), learner('y', [])]);
    assert.deepEqual(
      [...passedByLearner(d)],
      [
        ['x', ['bridge/a', 'bridge/b']],
        ['y', []],
      ],
    );
  });
});

describe('fromLocalInput', () => {
  test('returns the ISO time of a local datetime-local value', () => {
    // UTC+8 (getTimezoneOffset() is -480): 18:00 local is 10:00 UTC.
    assert.equal(fromLocalInput('2026-11-28T18:00', -480), '2026-11-28T10:00:00.000Z');
  });

  test('returns undefined when empty or invalid', () => {
    assert.equal(fromLocalInput('', 0), undefined);
    assert.equal(fromLocalInput('nonsense', 0), undefined);
  });

  test('is undone by toLocalInput', () => {
    assert.equal(toLocalInput('2026-11-28T10:00:00.000Z', -480), '2026-11-28T18:00');
    assert.equal(toLocalInput(null, 0), '');
  });
});

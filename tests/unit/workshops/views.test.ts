import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseLab } from '../../../server/labs.ts';
import type {
  ParticipantRow,
  StandingRow,
  WorkshopRow,
} from '../../../server/store/workshop-store.ts';
import {
  dashboardOf,
  resultsCsv,
  resultsOf,
  workshopStatus,
} from '../../../server/workshops/views.ts';

const lab = parseLab(
  `id: bridge
chapter: 2
title: { en: B, zh-cn: B }
intro: { en: I, zh-cn: I }
tasks:
  - id: one
    kind: state
    title: { en: One, zh-cn: 一 }
    hint: { en: h, zh-cn: h }
    checks: [{ probe: netns_exists, name: pod }]
  - id: two
    kind: state
    title: { en: Two, zh-cn: 二 }
    hint: { en: h, zh-cn: h }
    checks: [{ probe: netns_exists, name: pod }]
`,
  'lab.yaml',
);
const labs = new Map([[lab.id, lab]]);

const workshop: WorkshopRow = {
  id: 'w1',
  code: 'K7Q-2MX',
  title: 'T',
  labs: ['bridge'],
  startsAt: 1000,
  endsAt: 9000,
  capacity: 5,
  randomParams: false,
  instructorSecretHash: 'x',
  webhookUrl: null,
  webhookSecret: null,
  endedAt: null,
  message: null,
  messageAt: null,
  createdAt: 0,
};

const learner = (id: string, name: string): ParticipantRow => ({
  id,
  workshopId: 'w1',
  name,
  tokenHash: id,
  params: {},
  joinedAt: 2000,
});

const standing: StandingRow = {
  participantId: 'a',
  lab: 'bridge',
  task: 'one',
  passed: true,
  passedAt: 3000,
  attempts: 2,
  lastAt: 3500,
};

describe('workshopStatus', () => {
  test('returns scheduled before the start, open between, ended after the end or when ended', () => {
    assert.equal(workshopStatus(workshop, 999), 'scheduled');
    assert.equal(workshopStatus(workshop, 1000), 'open');
    assert.equal(workshopStatus(workshop, 9000), 'ended');
    assert.equal(workshopStatus({ ...workshop, endedAt: 1500 }, 1600), 'ended');
  });
});

describe('dashboardOf', () => {
  test('returns every task per learner, pass rates and the latest progress time', () => {
    const dash = dashboardOf({
      workshop,
      participants: [learner('a', 'Ada'), learner('b', 'Bob')],
      standings: [standing],
      sessions: [{ id: 's1', participantId: 'a', lab: 'bridge', expiresAt: 1 }],
      failures: [],
      labs,
      now: 5000,
    });
    assert.deepEqual(
      dash.tasks.map((t) => t.key),
      ['bridge/one', 'bridge/two'],
    );
    assert.deepEqual(dash.passRates, { 'bridge/one': 0.5, 'bridge/two': 0 });
    const [ada, bob] = dash.learners;
    assert.ok(ada && bob);
    assert.deepEqual(ada.tasks['bridge/one'], {
      passed: true,
      passedAt: new Date(3000).toISOString(),
      attempts: 2,
      lastAt: new Date(3500).toISOString(),
    });
    assert.equal(ada.lastProgressAt, new Date(3000).toISOString());
    assert.deepEqual(ada.sessions, { bridge: 's1' });
    assert.equal(bob.lastProgressAt, new Date(2000).toISOString(), 'joinedAt without progress');
    assert.deepEqual(bob.tasks['bridge/two'], {
      passed: false,
      passedAt: null,
      attempts: 0,
      lastAt: null,
    });
  });

  test('returns pass rates of 0 when nobody joined', () => {
    const dash = dashboardOf({
      workshop,
      participants: [],
      standings: [],
      sessions: [],
      failures: [],
      labs,
      now: 5000,
    });
    assert.deepEqual(dash.passRates, { 'bridge/one': 0, 'bridge/two': 0 });
  });
});

describe('resultsCsv', () => {
  test('returns one row per learner and task with names neutralised', () => {
    const results = resultsOf({
      workshop,
      participants: [learner('a', '=1+2'), learner('b', 'B, "the" one')],
      standings: [standing],
      labs,
      now: 5000,
    });
    assert.equal(results.results.length, 4);
    assert.equal(
      resultsCsv(results),
      [
        'learner,learnerId,lab,task,passed,passedAt,attempts,lastAt',
        `'=1+2,a,bridge,one,true,1970-01-01T00:00:03.000Z,2,1970-01-01T00:00:03.500Z`,
        `'=1+2,a,bridge,two,false,,0,`,
        `"B, ""the"" one",b,bridge,one,false,,0,`,
        `"B, ""the"" one",b,bridge,two,false,,0,`,
        '',
      ].join('\r\n'),
    );
  });
});

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { NetlabError } from '../../../server/errors.ts';
import { parseLab } from '../../../server/labs.ts';
import type { WorkshopRow } from '../../../server/store/workshop-store.ts';
import { paramsFor, requireOpen } from '../../../server/workshops/learner-sessions.ts';

const lab = parseLab(
  `id: subnet
chapter: 4
title: { en: S, zh-cn: S }
intro: { en: I, zh-cn: I }
params:
  octet: { choose: [31, 40, 55, 66] }
  subnet: { value: "192.168.{{octet}}.0/24" }
tasks:
  - id: t
    kind: state
    title: { en: T, zh-cn: T }
    hint: { en: H, zh-cn: H }
    checks: [{ probe: netns_exists, name: pod }]
`,
  'subnet/lab.yaml',
);
const labs = new Map([[lab.id, lab]]);

const workshop: WorkshopRow = {
  id: 'w1',
  code: 'AAA-AAA',
  title: 'T',
  labs: ['subnet'],
  startsAt: 1000,
  endsAt: 5000,
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

const code = (fn: () => void): string => {
  try {
    fn();
    return 'ok';
  } catch (error) {
    return error instanceof NetlabError ? error.code : String(error);
  }
};

describe('paramsFor', () => {
  test("returns the lab's first values for everyone without randomParams", () => {
    assert.deepEqual(
      paramsFor(workshop, labs, () => 0.99),
      {
        subnet: { octet: '31', subnet: '192.168.31.0/24' },
      },
    );
  });

  test("returns each learner's own draw with randomParams", () => {
    assert.deepEqual(
      paramsFor({ ...workshop, randomParams: true }, labs, () => 0.99),
      {
        subnet: { octet: '66', subnet: '192.168.66.0/24' },
      },
    );
  });
});

describe('requireOpen', () => {
  test('returns when the workshop is open', () => {
    assert.equal(
      code(() => requireOpen(workshop, 2000)),
      'ok',
    );
  });

  test('throws not-started before the start and ended after the end or once ended', () => {
    assert.equal(
      code(() => requireOpen(workshop, 999)),
      'NETLAB_ERR_WORKSHOP_NOT_STARTED',
    );
    assert.equal(
      code(() => requireOpen(workshop, 5000)),
      'NETLAB_ERR_WORKSHOP_ENDED',
    );
    assert.equal(
      code(() => requireOpen({ ...workshop, endedAt: 1500 }, 2000)),
      'NETLAB_ERR_WORKSHOP_ENDED',
    );
  });
});

import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { hashToken } from '../../../server/sessions/tokens.ts';
import { migrate } from '../../../server/store/migrate.ts';
import { openSqliteDb } from '../../../server/store/sqlite-db.ts';
import type { SessionRow } from '../../../server/store/store.ts';
import { SqlWorkshopStore } from '../../../server/store/workshop-store.ts';
import { WorkshopSessionGuard } from '../../../server/workshops/session-guard.ts';

const row = (participantId: string | null): SessionRow => ({
  id: 's1',
  tokenHash: hashToken('session-token'),
  lab: 'host',
  client: '127.0.0.1',
  containerId: null,
  status: 'ready',
  reason: null,
  createdAt: 1,
  expiresAt: 2,
  endedAt: null,
  params: {},
  participantId,
  instance: 'netlab',
  generation: 'docker-28',
});

let guard: WorkshopSessionGuard;

describe('WorkshopSessionGuard.roleOf', () => {
  before(async () => {
    const db = openSqliteDb(':memory:');
    await migrate(db);
    const store = new SqlWorkshopStore(db);
    for (const [id, code, secret] of [
      ['w1', 'AAA-AAA', 'secret-1'],
      ['w2', 'BBB-BBB', 'secret-2'],
    ] as const) {
      await store.insertWorkshop({
        id,
        code,
        title: id,
        labs: ['host'],
        startsAt: null,
        endsAt: null,
        capacity: 5,
        randomParams: false,
        instructorSecretHash: hashToken(secret),
        webhookUrl: null,
        webhookSecret: null,
        endedAt: null,
        message: null,
        messageAt: null,
        createdAt: 0,
      });
    }
    for (const [id, workshopId] of [
      ['ada', 'w1'],
      ['bob', 'w1'],
      ['eve', 'w2'],
    ] as const) {
      await store.addParticipant({
        id,
        workshopId,
        name: id,
        tokenHash: hashToken(`token-${id}`),
        params: {},
        joinedAt: 0,
      });
    }
    guard = new WorkshopSessionGuard(store);
  });

  test("returns owner for the learner's own participant token", async () => {
    assert.equal(await guard.roleOf(row('ada'), 'token-ada'), 'owner');
  });

  test("returns peek for the instructor secret of the learner's workshop", async () => {
    assert.equal(await guard.roleOf(row('ada'), 'secret-1'), 'peek');
  });

  test('returns null for another learner, another workshop or a public session', async () => {
    assert.equal(await guard.roleOf(row('ada'), 'token-bob'), null);
    assert.equal(await guard.roleOf(row('ada'), 'secret-2'), null);
    assert.equal(await guard.roleOf(row('ada'), 'token-eve'), null);
    assert.equal(await guard.roleOf(row(null), 'secret-1'), null);
  });
});

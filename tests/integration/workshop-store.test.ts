/**
 * The workshop repository on both engines (SQLite, and a fresh PostgreSQL
 * database from helpers/postgres.ts): capacity under concurrent joins,
 * standings built from the sessions' check results, grader tokens and webhook
 * failures.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { migrate } from '../../server/store/migrate.ts';
import { openPostgresDb } from '../../server/store/postgres-db.ts';
import { DbSessionStore } from '../../server/store/session-store.ts';
import { openSqliteDb } from '../../server/store/sqlite-db.ts';
import type { Db, SessionRow } from '../../server/store/store.ts';
import {
  SqlWorkshopStore,
  type ParticipantRow,
  type WorkshopRow,
} from '../../server/store/workshop-store.ts';
import { createTestDatabase } from './helpers/postgres.ts';

const engines: { name: string; open: () => Promise<{ db: Db; drop: () => Promise<void> }> }[] = [
  {
    name: 'SQLite',
    open: () => {
      const db = openSqliteDb(':memory:');
      return Promise.resolve({ db, drop: () => db.close() });
    },
  },
  {
    name: 'PostgreSQL',
    open: async () => {
      const database = await createTestDatabase();
      const db = openPostgresDb(database.url);
      return {
        db,
        drop: async () => {
          await db.close();
          await database.drop();
        },
      };
    },
  },
];

const workshop: WorkshopRow = {
  id: 'w1',
  code: 'K7Q-2MX',
  title: 'Onboarding',
  labs: ['bridge', 'host'],
  startsAt: null,
  endsAt: 5000,
  capacity: 2,
  randomParams: true,
  instructorSecretHash: 'aa',
  webhookUrl: 'http://127.0.0.1:9/hook',
  webhookSecret: 'sig',
  endedAt: null,
  message: null,
  messageAt: null,
  createdAt: 1,
};

const participant = (id: string, joinedAt = 10): ParticipantRow => ({
  id,
  workshopId: 'w1',
  name: `learner ${id}`,
  tokenHash: `hash-${id}`,
  params: { bridge: { subnet: '192.168.31.0/24' } },
  joinedAt,
});

const session = (id: string, participantId: string | null, lab = 'bridge'): SessionRow => ({
  id,
  tokenHash: `t-${id}`,
  lab,
  client: '127.0.0.1',
  containerId: null,
  status: 'ready',
  reason: null,
  createdAt: 1,
  expiresAt: 99_999,
  endedAt: null,
  params: {},
  participantId,
  instance: 'netlab',
  generation: 'docker-28',
});

let db: Db;
let drop: () => Promise<void>;
let store: SqlWorkshopStore;
let sessions: DbSessionStore;

for (const engine of engines)
  describe(`SqlWorkshopStore on ${engine.name}`, () => {
    beforeEach(async () => {
      ({ db, drop } = await engine.open());
      await migrate(db);
      store = new SqlWorkshopStore(db);
      sessions = new DbSessionStore(db);
      assert.equal(await store.insertWorkshop(workshop), true);
    });
    afterEach(() => drop());

    test('returns the workshop by id and by code as inserted', async () => {
      assert.deepEqual(await store.getWorkshop('w1'), workshop);
      assert.deepEqual(await store.getWorkshopByCode('K7Q-2MX'), workshop);
      assert.equal(await store.getWorkshop('nope'), undefined);
    });

    test('returns false when inserting a workshop whose code is taken', async () => {
      assert.equal(await store.insertWorkshop({ ...workshop, id: 'w2' }), false);
    });

    test('returns false for joins beyond the capacity, even when they race', async () => {
      const joined = await Promise.all(
        ['a', 'b', 'c', 'd'].map((id) => store.addParticipant(participant(id))),
      );
      assert.equal(joined.filter(Boolean).length, 2);
      assert.equal((await store.participants('w1')).length, 2);
    });

    test('returns a participant by id and by token hash with its params', async () => {
      await store.addParticipant(participant('a'));
      assert.deepEqual(await store.getParticipant('a'), participant('a'));
      assert.deepEqual(await store.getParticipantByTokenHash('hash-a'), participant('a'));
    });

    test('returns standings with first pass, attempts and last time per learner and task', async () => {
      await store.addParticipant(participant('a'));
      await store.addParticipant(participant('b'));
      await sessions.insertSession(session('s1', 'a'));
      await sessions.insertSession(session('s2', 'a'));
      await sessions.insertSession(session('s3', null));
      await sessions.recordChecks('s1', [{ id: 't1', passed: false, detail: null }], 100);
      await sessions.recordChecks('s1', [{ id: 't1', passed: true, detail: null }], 200);
      await sessions.recordChecks('s2', [{ id: 't1', passed: true, detail: null }], 300);
      await sessions.recordChecks('s2', [{ id: 't2', passed: false, detail: null }], 400);
      await sessions.recordChecks('s3', [{ id: 't1', passed: true, detail: null }], 50);
      const rows = await store.standings('w1');
      const sorted = rows.sort((x, y) => x.task.localeCompare(y.task));
      assert.deepEqual(sorted, [
        {
          participantId: 'a',
          lab: 'bridge',
          task: 't1',
          passed: true,
          passedAt: 200,
          attempts: 3,
          lastAt: 300,
        },
        {
          participantId: 'a',
          lab: 'bridge',
          task: 't2',
          passed: false,
          passedAt: null,
          attempts: 1,
          lastAt: 400,
        },
      ]);
      assert.deepEqual(await store.standings('w1', 'b'), []);
    });

    test('returns live learner sessions only', async () => {
      await store.addParticipant(participant('a'));
      await sessions.insertSession(session('s1', 'a'));
      await sessions.insertSession({ ...session('s2', 'a', 'host'), status: 'ended' });
      assert.deepEqual(await store.liveSessions('w1'), [
        { id: 's1', participantId: 'a', lab: 'bridge', expiresAt: 99_999 },
      ]);
    });

    test('returns workshops due once their end time passed, and none once ended', async () => {
      assert.deepEqual(await store.workshopsDue(4999), []);
      assert.deepEqual(
        (await store.workshopsDue(5000)).map((w) => w.id),
        ['w1'],
      );
      await store.endWorkshop('w1', 5001);
      assert.deepEqual(await store.workshopsDue(6000), []);
      assert.equal((await store.getWorkshop('w1'))?.endedAt, 5001);
    });

    test('returns the broadcast message and its time', async () => {
      await store.setMessage('w1', 'Break until 11:00', 77);
      const row = await store.getWorkshop('w1');
      assert.deepEqual([row?.message, row?.messageAt], ['Break until 11:00', 77]);
    });

    test('returns the workshops of a grader token, undefined for an unknown one', async () => {
      await store.insertGraderToken('gh', ['w1', 'w9'], 5);
      assert.deepEqual(await store.graderWorkshops('gh'), ['w1', 'w9']);
      assert.equal(await store.graderWorkshops('other'), undefined);
    });

    test('returns webhook failures newest first, at most the limit', async () => {
      for (const at of [1, 3, 2]) {
        await store.recordWebhookFailure({
          workshopId: 'w1',
          participantId: 'a',
          task: 'bridge/t1',
          error: `e${at}`,
          at,
        });
      }
      assert.deepEqual(
        (await store.webhookFailures('w1', 2)).map((f) => f.error),
        ['e3', 'e2'],
      );
    });
  });

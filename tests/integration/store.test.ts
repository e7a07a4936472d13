/**
 * The store on both engines: the same table of tests runs against the SQLite
 * file and a fresh PostgreSQL database (tests/integration/helpers/postgres.ts;
 * `.ci/run` starts the server).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, test } from 'node:test';
import { migrate } from '../../server/store/migrate.ts';
import { MIGRATIONS } from '../../server/store/migrations.ts';
import { BusMessageTooLong, MAX_BUS_MESSAGE_BYTES } from '../../server/store/bus.ts';
import { openStore, type OpenStore, type StoreOptions } from '../../server/store/open-store.ts';
import type { SessionRow } from '../../server/store/store.ts';
import { createTestDatabase } from './helpers/postgres.ts';

interface Engine {
  name: string;
  /** A new, empty place for a store, and how to remove it. */
  fresh: () => Promise<{ options: StoreOptions; drop: () => Promise<void> }>;
}

const engines: Engine[] = [
  {
    name: 'SQLite',
    fresh: () => {
      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'netlab-store-'));
      const drop = () => Promise.resolve(rmSync(dataDir, { recursive: true, force: true }));
      return Promise.resolve({ options: { dataDir, databaseUrl: null }, drop });
    },
  },
  {
    name: 'PostgreSQL',
    fresh: async () => {
      const database = await createTestDatabase();
      return { options: { dataDir: os.tmpdir(), databaseUrl: database.url }, drop: database.drop };
    },
  },
];

const row: SessionRow = {
  id: 's1',
  tokenHash: 'ab',
  peekHash: null,
  lab: 'bridge',
  client: '127.0.0.1',
  containerId: null,
  status: 'starting',
  reason: null,
  createdAt: 1_764_000_000_000,
  expiresAt: 1_764_000_600_000,
  endedAt: null,
  params: { subnet: '192.168.31.0/24' },
  participantId: null,
  instance: 'netlab',
  generation: 'docker-28',
};

/** Runs `fn` with a fresh place for a store; closes what it opened and drops the place. */
async function withPlace(
  engine: Engine,
  fn: (open: () => ReturnType<typeof openStore>) => Promise<void>,
): Promise<void> {
  const { options, drop } = await engine.fresh();
  const opened: OpenStore[] = [];
  try {
    await fn(async () => {
      const store = await openStore(options);
      opened.push(store);
      return store;
    });
  } finally {
    await Promise.all(opened.map((store) => store.close().catch(() => undefined)));
    await drop();
  }
}

for (const engine of engines) {
  describe(`DbSessionStore on ${engine.name}`, () => {
    test('keeps sessions across a reopen of the same database', () =>
      withPlace(engine, async (open) => {
        const first = await open();
        await first.sessions.insertSession(row);
        await first.sessions.insertSession({ ...row, id: 's2', participantId: 'p1' });
        await first.sessions.insertSession({ ...row, id: 's3', instance: 'other' });
        await first.sessions.updateSession('s1', { status: 'ready', containerId: 'c1' });
        await first.sessions.updateSession('s2', { status: 'ended', endedAt: 5 });
        await first.close();
        const second = await open();
        assert.deepEqual(await second.sessions.getSession('s1'), {
          ...row,
          status: 'ready',
          containerId: 'c1',
        });
        assert.equal((await second.sessions.getSession('s2'))?.participantId, 'p1');
        assert.equal(await second.sessions.getSession('nope'), undefined);
        const live = await second.sessions.liveSessions('netlab');
        assert.deepEqual(
          live.map((r) => r.id),
          ['s1'],
        );
        const theirs = await second.sessions.liveSessions('other');
        assert.deepEqual(
          theirs.map((r) => r.id),
          ['s3'],
        );
      }));

    test('ends the live sessions of lost servers only, each once when two servers ask at once', () =>
      withPlace(engine, async (open) => {
        const { sessions, servers } = await open();
        await servers.register('lost', 'http://10.0.0.1:8080', 1000);
        await servers.register('alive', 'http://10.0.0.2:8080', 9000);
        await servers.register('asker', 'http://10.0.0.3:8080', 1000);
        const rows: [string, string, SessionRow['status']][] = [
          ['lost-ready', 'lost', 'ready'],
          ['lost-starting', 'lost', 'starting'],
          ['lost-ended', 'lost', 'ended'],
          ['alive-ready', 'alive', 'ready'],
          ['asker-ready', 'asker', 'ready'],
          ['unregistered-ready', 'never-registered', 'ready'],
        ];
        for (const [id, instance, status] of rows)
          await sessions.insertSession({ ...row, id, instance, status });
        const end = { reason: 'its server is lost', endedAt: 9500 };
        const [first, second] = await Promise.all([
          sessions.endSessionsOfLostServers(5000, 'asker', end),
          sessions.endSessionsOfLostServers(5000, 'asker', end),
        ]);
        const ended = [...first, ...second]
          .map((r) => [r.id, r.status, r.reason, r.endedAt])
          .sort();
        assert.deepEqual(ended, [
          ['lost-ready', 'ended', 'its server is lost', 9500],
          ['lost-starting', 'failed', 'its server is lost', 9500],
        ]);
        assert.deepEqual(await sessions.liveSessions('lost'), []);
        assert.equal((await sessions.getSession('lost-ended'))?.reason, null);
        for (const id of ['alive-ready', 'asker-ready', 'unregistered-ready'])
          assert.equal((await sessions.getSession(id))?.status, 'ready', id);
      }));

    test("returns each task's latest result and whether it ever passed", () =>
      withPlace(engine, async (open) => {
        const { sessions } = await open();
        await sessions.insertSession(row);
        const detail = { expected: 'x', actual: 'y', hint: 'h' };
        const a = { id: 'a', passed: true, detail: null };
        await sessions.recordChecks('s1', [a, { id: 'b', passed: false, detail }], 10);
        await sessions.recordChecks('s1', [{ id: 'a', passed: false, detail }], 20);
        await sessions.recordChecks('s1', [{ id: 'c', passed: true, detail: null }], 30);
        await sessions.recordChecks('other', [{ id: 'b', passed: true, detail: null }], 40);
        await sessions.recordAnswer('s1', 'c', '42', true, 30);
        assert.deepEqual(await sessions.taskHistory('s1'), [
          { result: { id: 'a', passed: false, detail }, everPassed: true },
          { result: { id: 'b', passed: false, detail }, everPassed: false },
          { result: { id: 'c', passed: true, detail: null }, everPassed: true },
        ]);
        assert.deepEqual(await sessions.taskHistory('none'), []);
      }));

    test('refuses a second live session of one learner and lab, whatever the server, until it ends', () =>
      withPlace(engine, async (open) => {
        const { sessions } = await open();
        const learner = { ...row, participantId: 'p1' };
        assert.equal(await sessions.insertSession({ ...learner, id: 'l1' }), true);
        const raced = await Promise.all([
          sessions.insertSession({ ...learner, id: 'l2' }),
          sessions.insertSession({ ...learner, id: 'l3', instance: 'other' }),
        ]);
        assert.deepEqual(raced, [false, false]);
        assert.equal(await sessions.insertSession({ ...learner, id: 'l4', lab: 'host' }), true);
        assert.equal(await sessions.insertSession({ ...row, id: 'anon' }), true);
        assert.equal((await sessions.liveSessionOf('p1', 'bridge'))?.id, 'l1');
        await sessions.updateSession('l1', { status: 'ended' });
        assert.equal(await sessions.liveSessionOf('p1', 'bridge'), undefined);
        assert.equal(await sessions.insertSession({ ...learner, id: 'l5' }), true);
      }));
  });

  describe(`Db on ${engine.name}`, () => {
    test('returns BIGINT columns and counts as numbers', () =>
      withPlace(engine, async (open) => {
        const { db, sessions } = await open();
        await sessions.insertSession(row);
        const [got] = await db.query('SELECT created_at, COUNT(*) AS n FROM sessions GROUP BY id');
        assert.deepEqual({ ...got }, { created_at: row.createdAt, n: 1 });
      }));

    test('replaces ? placeholders but not a ? inside quotes or comments', () =>
      withPlace(engine, async (open) => {
        const { db } = await open();
        const rows = await db.query(
          `SELECT '?' AS q, ? AS v, 'it''s ?' AS r, "?" AS i /* ? */
             FROM (SELECT 1 AS "?") t -- ?
            WHERE ? = 2`,
          ['x', 2],
        );
        assert.deepEqual(
          rows.map((r) => ({ ...r })),
          [{ q: '?', v: 'x', r: "it's ?", i: 1 }],
        );
      }));

    test('runs concurrent transactions one after the other', () =>
      withPlace(engine, async (open) => {
        const { db } = await open();
        await db.query('CREATE TABLE counter (n INTEGER NOT NULL)');
        await db.query('INSERT INTO counter (n) VALUES (0)');
        const bump = () =>
          db.transaction(async (tx) => {
            await tx.query('UPDATE counter SET n = n + 1');
            await sleep(20);
            const [got] = await tx.query<{ n: number }>('SELECT n FROM counter');
            return got?.n;
          });
        const seen = await Promise.all([bump(), bump()]);
        assert.deepEqual(seen.sort(), [1, 2]);
      }));

    test('shows a plain query all of a running transaction or none of it', () =>
      withPlace(engine, async (open) => {
        const { db } = await open();
        await db.query('CREATE TABLE pair (n INTEGER NOT NULL)');
        let inside = (): void => undefined;
        const halfway = new Promise<void>((resolve) => (inside = resolve));
        let release = (): void => undefined;
        const gate = new Promise<void>((resolve) => (release = resolve));
        const writing = db.transaction(async (tx) => {
          await tx.query('INSERT INTO pair (n) VALUES (1)');
          inside();
          await gate;
          await tx.query('INSERT INTO pair (n) VALUES (2)');
        });
        await halfway;
        // Asked while the transaction holds one of its two rows.
        const during = db.query<{ c: number }>('SELECT COUNT(*) AS c FROM pair');
        if (engine.name === 'SQLite') {
          // One connection: the query waits its turn behind the whole transaction.
          release();
          await writing;
          assert.equal((await during)[0]?.c, 2);
        } else {
          // Another connection of the pool: it sees nothing the transaction has not committed.
          assert.equal((await during)[0]?.c, 0);
          release();
          await writing;
        }
      }));

    test('rolls a transaction back when its function throws', () =>
      withPlace(engine, async (open) => {
        const { db } = await open();
        await db.query('CREATE TABLE kept (n INTEGER NOT NULL)');
        await assert.rejects(
          db.transaction(async (tx) => {
            await tx.query('INSERT INTO kept (n) VALUES (1)');
            throw new Error('changed my mind');
          }),
          /changed my mind/,
        );
        await db.transaction(async (tx) => {
          await tx.query('INSERT INTO kept (n) VALUES (2)');
          // A failed savepoint undoes its own rows only.
          const inner = tx.transaction(async (sp) => {
            await sp.query('INSERT INTO kept (n) VALUES (3)');
            throw new Error('inner');
          });
          await assert.rejects(inner, /inner/);
        });
        const rows = await db.query('SELECT n FROM kept');
        assert.deepEqual(
          rows.map((r) => r.n),
          [2],
        );
      }));
  });

  describe(`bus on ${engine.name}`, () => {
    test("delivers a message to every subscriber, the publisher's own included", () =>
      withPlace(engine, async (open) => {
        const first = await open();
        // SQLite serves one server, so its bus is that process's; PostgreSQL's reaches another store.
        const second = engine.name === 'PostgreSQL' ? await open() : first;
        const heard = (store: OpenStore) =>
          new Promise<string>((resolve) => {
            const stop = store.bus.subscribe((message) => {
              stop();
              resolve(message);
            });
          });
        const got = [heard(first), heard(second)];
        await first.bus.publish('{"hello":"网桥"}');
        assert.deepEqual(await Promise.all(got), ['{"hello":"网桥"}', '{"hello":"网桥"}']);
      }));

    test('refuses a message over the size limit', () =>
      withPlace(engine, async (open) => {
        const { bus } = await open();
        await assert.rejects(bus.publish('x'.repeat(MAX_BUS_MESSAGE_BYTES + 1)), BusMessageTooLong);
      }));
  });

  describe(`migrate on ${engine.name}`, () => {
    test('applies nothing when run a second time', () =>
      withPlace(engine, async (open) => {
        const { db } = await open();
        assert.equal(await migrate(db), 0);
        const versions = await db.query('SELECT version FROM schema_version ORDER BY version');
        assert.deepEqual(
          versions.map((v) => v.version),
          MIGRATIONS.map((_, i) => i + 1),
        );
      }));

    test('applies each migration once when two stores open at once', () =>
      withPlace(engine, async (open) => {
        const [first] = await Promise.all([open(), open(), open()]);
        const versions = await first.db.query(
          'SELECT version FROM schema_version ORDER BY version',
        );
        assert.deepEqual(
          versions.map((v) => v.version),
          MIGRATIONS.map((_, i) => i + 1),
        );
      }));
  });
}

describe('openStore', () => {
  test('names the host but not the password when PostgreSQL is unreachable', async () => {
    const failed = openStore({
      dataDir: os.tmpdir(),
      databaseUrl: 'postgres://netlab:s3cret@127.0.0.1:1/netlab',
    });
    await assert.rejects(failed, (error: Error) => {
      assert.match(error.message, /^could not connect to PostgreSQL at 127\.0\.0\.1:1\/netlab: /);
      assert.doesNotMatch(error.message, /s3cret/);
      return true;
    });
  });
});

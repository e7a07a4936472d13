/**
 * The embedded database: one SQLite file under DATA_DIR through Node's built-in
 * node:sqlite (no native build step). node:sqlite is synchronous and has one
 * connection, while `transaction` takes an async function; so transactions and
 * plain queries are queued one after another, and a query never runs inside
 * somebody else's open transaction.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DatabaseSync } from 'node:sqlite';
import type { Db, SqlRow, SqlValue } from './store.ts';

/** How long a statement waits for another process's write lock. */
const BUSY_TIMEOUT_MS = 5000;

/** Opens (creating if needed) `<dataDir>/netlab.sqlite`; `:memory:` for tests. */
export function openSqliteDb(dataDir: string): Db {
  let file = ':memory:';
  if (dataDir !== ':memory:') {
    mkdirSync(dataDir, { recursive: true });
    file = path.join(dataDir, 'netlab.sqlite');
  }
  const db = new DatabaseSync(file);
  db.exec(
    `PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS};`,
  );
  return new SqliteDb(db);
}

class SqliteDb implements Db {
  readonly dialect = 'sqlite';
  private readonly db: DatabaseSync;
  /** The end of the queue: settles when everything queued so far has run. */
  private tail: Promise<unknown> = Promise.resolve();

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  query<R extends SqlRow = SqlRow>(sql: string, params: readonly SqlValue[] = []): Promise<R[]> {
    return this.queued(() => Promise.resolve(run<R>(this.db, sql, params)));
  }

  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    return this.queued(async () => {
      await beginImmediate(this.db);
      const tx = new SqliteTx(this.db);
      try {
        const result = await fn(tx);
        this.db.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.db.isTransaction) this.db.exec('ROLLBACK');
        throw error;
      } finally {
        tx.done = true;
      }
    });
  }

  async close(): Promise<void> {
    await this.queued(() => Promise.resolve(this.db.close()));
  }

  /** Runs `work` after everything queued before it, whether that succeeded or not. */
  private queued<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work, work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/** The connection as seen inside a transaction: runs at once, since the queue is already held. */
class SqliteTx implements Db {
  readonly dialect = 'sqlite';
  done = false;
  private readonly db: DatabaseSync;
  private savepoints = 0;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  query<R extends SqlRow = SqlRow>(sql: string, params: readonly SqlValue[] = []): Promise<R[]> {
    if (this.done) return Promise.reject(new Error('query on a finished transaction'));
    return Promise.resolve(run<R>(this.db, sql, params));
  }

  /** A nested transaction is a savepoint: rolled back alone when `fn` throws. */
  async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    const name = `sp${++this.savepoints}`;
    await this.query(`SAVEPOINT ${name}`);
    try {
      const result = await fn(this);
      await this.query(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (error) {
      await this.query(`ROLLBACK TO SAVEPOINT ${name}`);
      await this.query(`RELEASE SAVEPOINT ${name}`);
      throw error;
    }
  }

  close(): Promise<void> {
    return Promise.reject(new Error('close the database, not a transaction'));
  }
}

function run<R>(db: DatabaseSync, sql: string, params: readonly SqlValue[]): R[] {
  // all() also runs writes (returning no rows), so one path serves both.
  return db.prepare(sql).all(...params) as R[];
}

/**
 * Takes the write lock up front (so a transaction never fails half-way on
 * another writer's lock). While another connection holds it, waits with timers
 * rather than SQLite's busy handler, which would block the event loop and with
 * it a holder in this same process.
 */
async function beginImmediate(db: DatabaseSync): Promise<void> {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  db.exec('PRAGMA busy_timeout = 0');
  try {
    for (let wait = 2; ; wait = Math.min(wait * 2, 100)) {
      try {
        db.exec('BEGIN IMMEDIATE');
        return;
      } catch (error) {
        if (!isBusy(error) || Date.now() >= deadline) throw error;
      }
      await sleep(wait);
    }
  } finally {
    db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
  }
}

function isBusy(error: unknown): boolean {
  return (error as { errcode?: unknown } | null)?.errcode === 5;
}

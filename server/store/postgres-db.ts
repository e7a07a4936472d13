/**
 * PostgreSQL (DATABASE_URL) through the `pg` package: a pool, `?` placeholders
 * rewritten to `$n`, BIGINT and NUMERIC read as numbers (as SQLite gives them),
 * and each transaction on one checked-out client.
 */
import { Pool, TypeOverrides, types, type PoolClient } from 'pg';
import type { Db, SqlRow, SqlValue } from './store.ts';

/** A database that cannot be reached fails start-up in this time, not never. */
const CONNECT_TIMEOUT_MS = 10_000;

export function openPostgresDb(url: string): Db {
  // Per pool, not pg's global parsers: another pool in the process keeps its own.
  const parsers = new TypeOverrides();
  parsers.setTypeParser(types.builtins.INT8, Number);
  parsers.setTypeParser(types.builtins.NUMERIC, Number);
  const pool = new Pool({
    connectionString: url,
    types: parsers,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  // An idle client whose connection dropped is discarded by the pool and the
  // next query reconnects; without a listener the event would crash the server.
  pool.on('error', () => undefined);
  return new PostgresDb(pool, describeUrl(url));
}

class PostgresDb implements Db {
  readonly dialect = 'postgres';
  private readonly pool: Pool;
  private readonly where: string;

  constructor(pool: Pool, where: string) {
    this.pool = pool;
    this.where = where;
  }

  async query<R extends SqlRow = SqlRow>(
    sql: string,
    params: readonly SqlValue[] = [],
  ): Promise<R[]> {
    const client = await this.connect();
    try {
      const rows = await run<R>(client, sql, params);
      client.release();
      return rows;
    } catch (error) {
      // Like pg's own pool.query: a client that failed a query is not reused.
      client.release(error instanceof Error ? error : true);
      throw error;
    }
  }

  async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    const client = await this.connect();
    const tx = new PostgresTx(client);
    try {
      await client.query('BEGIN');
      const result = await fn(tx);
      await client.query('COMMIT');
      client.release();
      return result;
    } catch (error) {
      const rolledBack = await client.query('ROLLBACK').then(
        () => true,
        () => false,
      );
      client.release(!rolledBack);
      throw error;
    } finally {
      tx.done = true;
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }

  private async connect(): Promise<PoolClient> {
    try {
      return await this.pool.connect();
    } catch (error) {
      throw new Error(`could not connect to PostgreSQL at ${this.where}: ${reasonOf(error)}`, {
        cause: error,
      });
    }
  }
}

/** One checked-out client inside BEGIN ... COMMIT. */
class PostgresTx implements Db {
  readonly dialect = 'postgres';
  done = false;
  private readonly client: PoolClient;
  private savepoints = 0;

  constructor(client: PoolClient) {
    this.client = client;
  }

  query<R extends SqlRow = SqlRow>(sql: string, params: readonly SqlValue[] = []): Promise<R[]> {
    if (this.done) return Promise.reject(new Error('query on a finished transaction'));
    return run<R>(this.client, sql, params);
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
      throw error;
    }
  }

  close(): Promise<void> {
    return Promise.reject(new Error('close the database, not a transaction'));
  }
}

async function run<R>(client: PoolClient, sql: string, params: readonly SqlValue[]): Promise<R[]> {
  const result = await client.query(toPgPlaceholders(sql), [...params]);
  return result.rows as R[];
}

/**
 * Rewrites `?` placeholders to `$1..$n`, leaving alone any `?` inside a quoted
 * string, a quoted identifier or a comment.
 */
export function toPgPlaceholders(sql: string): string {
  let out = '';
  let n = 0;
  let i = 0;
  while (i < sql.length) {
    const end = Math.max(quotedEnd(sql, i), i + 1);
    const text = sql.slice(i, end);
    out += text === '?' ? `$${++n}` : text;
    i = end;
  }
  return out;
}

/** Where the quoted string or comment starting at `i` ends; `i` when none starts there. */
export function quotedEnd(sql: string, i: number): number {
  const c = sql[i];
  if (c === "'" || c === '"') {
    // A doubled quote inside is an escaped quote; scanning on past it is the same.
    const close = sql.indexOf(c, i + 1);
    return close === -1 ? sql.length : close + 1;
  }
  if (c === '-' && sql[i + 1] === '-') {
    const close = sql.indexOf('\n', i);
    return close === -1 ? sql.length : close + 1;
  }
  if (c === '/' && sql[i + 1] === '*') {
    const close = sql.indexOf('*/', i + 2);
    return close === -1 ? sql.length : close + 2;
  }
  return i;
}

/** host:port/database of a URL, for messages; never its password. */
export function describeUrl(url: string): string {
  const u = URL.parse(url);
  // Anything but postgres:// may hold the password where the host should be.
  if (!u || !/^postgres(ql)?:$/.test(u.protocol)) return 'the DATABASE_URL (not a postgres:// URL)';
  return `${u.hostname || 'localhost'}${u.port ? `:${u.port}` : ''}${u.pathname}`;
}

function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // Node reports a refused dual-stack connect as an AggregateError with no message.
  const code = (error as { code?: unknown }).code;
  return error.message || (typeof code === 'string' ? code : error.name);
}

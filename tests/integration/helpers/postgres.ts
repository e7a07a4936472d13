/**
 * A fresh PostgreSQL database for a test, created on the server that
 * NETLAB_TEST_DATABASE_URL names and dropped afterwards, so that runs never see
 * each other's rows. An unreachable server fails the test (never a silent skip).
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export const TEST_DATABASE_URL =
  process.env.NETLAB_TEST_DATABASE_URL ?? 'postgres://netlab:netlab@127.0.0.1:5432/netlab_test';

export interface TestDatabase {
  /** The URL of the new, empty database. */
  url: string;
  drop: () => Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `netlab_t_${randomBytes(6).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    // FORCE: a pool a failed test left open must not keep the database alive.
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/** Runs one statement on the test server's own database. */
async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    const where = new URL(TEST_DATABASE_URL).host;
    throw new Error(
      `The store tests need PostgreSQL, which is not reachable at ${where} ` +
        `(${error instanceof Error ? error.message || error.name : String(error)}). ` +
        '`.ci/run` installs and starts it; by hand: `pg_ctlcluster 15 main start`, then as ' +
        "postgres `CREATE ROLE netlab LOGIN CREATEDB PASSWORD 'netlab'` and " +
        '`CREATE DATABASE netlab_test OWNER netlab`, or point NETLAB_TEST_DATABASE_URL ' +
        'at a server where the user may create databases.',
      { cause: error },
    );
  }
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Opens the database the configuration names (PostgreSQL when DATABASE_URL is
 * set, otherwise the SQLite file under DATA_DIR), brings its schema up to date,
 * and builds the repositories over it.
 */
import { migrate } from './migrate.ts';
import { openPostgresDb } from './postgres-db.ts';
import { DbSessionStore } from './session-store.ts';
import { openSqliteDb } from './sqlite-db.ts';
import type { Db, SessionStore } from './store.ts';

export interface StoreOptions {
  /** Holds netlab.sqlite when no database URL is given; `:memory:` for tests. */
  dataDir: string;
  databaseUrl: string | null | undefined;
}

export async function openStore(
  options: StoreOptions,
): Promise<{ db: Db; sessions: SessionStore }> {
  const db = options.databaseUrl
    ? openPostgresDb(options.databaseUrl)
    : openSqliteDb(options.dataDir);
  try {
    await migrate(db);
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  return { db, sessions: new DbSessionStore(db) };
}

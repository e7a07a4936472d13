/**
 * Brings a database's schema up to date: applies each pending entry of
 * MIGRATIONS in order, one transaction each, recorded in schema_version. The
 * same code runs on both engines.
 */
import { MIGRATIONS } from './migrations.ts';
import { quotedEnd } from './postgres-db.ts';
import type { Db } from './store.ts';

/**
 * Key of the PostgreSQL advisory lock held while migrating, so that two servers
 * starting at once on one database take turns (the second finds nothing to do).
 */
const MIGRATION_LOCK = 0x6e65746c; // "netl"

/** Applies the migrations `db` lacks; returns how many it applied. */
export async function migrate(db: Db, migrations: readonly string[] = MIGRATIONS): Promise<number> {
  let applied = 0;
  while (await db.transaction((tx) => applyNext(tx, migrations))) applied++;
  return applied;
}

/** Applies the first pending migration; false when there is none. */
async function applyNext(tx: Db, migrations: readonly string[]): Promise<boolean> {
  // Released at COMMIT or ROLLBACK. SQLite needs none: its transactions take
  // the write lock at BEGIN.
  if (tx.dialect === 'postgres')
    await tx.query('SELECT pg_advisory_xact_lock(?)', [MIGRATION_LOCK]);
  await tx.query('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
  const [row] = await tx.query<{ v: number | null }>(
    'SELECT MAX(version) AS v FROM schema_version',
  );
  const current = row?.v ?? 0;
  const next = migrations[current];
  if (next === undefined) return false;
  for (const statement of splitStatements(next)) await tx.query(statement);
  await tx.query('INSERT INTO schema_version (version) VALUES (?)', [current + 1]);
  return true;
}

/**
 * A migration's statements one by one (a prepared statement holds only one),
 * split at semicolons outside quotes and comments.
 */
export function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let start = 0;
  let i = 0;
  while (i < sql.length) {
    const skip = quotedEnd(sql, i);
    if (skip > i) {
      i = skip;
      continue;
    }
    if (sql[i] === ';') {
      statements.push(sql.slice(start, i));
      start = i + 1;
    }
    i++;
  }
  statements.push(sql.slice(start));
  return statements.map((s) => s.trim()).filter((s) => s !== '');
}

/**
 * The two stores a lab server runs on, for suites that run whole on each: the
 * SQLite file under its data directory, and a fresh PostgreSQL database
 * (helpers/postgres.ts) dropped afterwards.
 */
import { createTestDatabase } from './postgres.ts';

export const STORES = ['SQLite', 'PostgreSQL'] as const;
export type StoreName = (typeof STORES)[number];

/** The environment that puts a server's store on `store`, and how to remove it after. */
export async function storeEnv(
  store: StoreName,
): Promise<{ env: Record<string, string>; drop: () => Promise<void> }> {
  if (store === 'SQLite') return { env: {}, drop: () => Promise.resolve() };
  const database = await createTestDatabase();
  return { env: { DATABASE_URL: database.url }, drop: database.drop };
}

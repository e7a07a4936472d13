/**
 * Opens the database the configuration names (PostgreSQL when DATABASE_URL is
 * set, otherwise the SQLite file under DATA_DIR), brings its schema up to date,
 * builds the repositories over it, and opens the bus to the servers sharing it.
 */
import { LocalBus, type Bus } from './bus.ts';
import { migrate } from './migrate.ts';
import { openPostgresBus } from './postgres-bus.ts';
import { openPostgresDb } from './postgres-db.ts';
import { DbServerDirectory, type ServerDirectory } from './server-directory.ts';
import { DbSessionStore } from './session-store.ts';
import { openSqliteDb } from './sqlite-db.ts';
import type { Db, SessionStore } from './store.ts';

export interface StoreOptions {
  /** Holds netlab.sqlite when no database URL is given; `:memory:` for tests. */
  dataDir: string;
  databaseUrl: string | null | undefined;
  /** Told of a bus message a subscriber failed on, or of a lost bus connection. */
  onBusError?: (error: unknown) => void;
}

export interface OpenStore {
  db: Db;
  sessions: SessionStore;
  /** Where the other lab servers sharing this store listen. */
  servers: ServerDirectory;
  bus: Bus;
  /** Closes the bus, then the database. */
  close(): Promise<void>;
}

export async function openStore(options: StoreOptions): Promise<OpenStore> {
  const db = options.databaseUrl
    ? openPostgresDb(options.databaseUrl)
    : openSqliteDb(options.dataDir);
  const onBusError = options.onBusError ?? (() => undefined);
  try {
    await migrate(db);
    const bus = options.databaseUrl
      ? await openPostgresBus(options.databaseUrl, db, onBusError)
      : new LocalBus(onBusError);
    const close = async () => {
      await bus.close();
      await db.close();
    };
    return {
      db,
      sessions: new DbSessionStore(db),
      servers: new DbServerDirectory(db),
      bus,
      close,
    };
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
}

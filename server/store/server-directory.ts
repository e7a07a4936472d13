/**
 * Where each lab server sharing the store can be reached by the others: its
 * INSTANCE name and INTERNAL_URL, written at start and refreshed by every
 * sweep. A server asked for a session another one holds looks the holder up
 * here and forwards the request to it (http/forward.ts).
 */
import type { Db } from './store.ts';

export interface ServerDirectory {
  /** Records (or refreshes) where `instance` listens for the other servers. */
  register(instance: string, internalUrl: string, at: number): Promise<void>;
  /** The internal URL of `instance`, if it ever registered. */
  urlOf(instance: string): Promise<string | undefined>;
}

export class DbServerDirectory implements ServerDirectory {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  async register(instance: string, internalUrl: string, at: number): Promise<void> {
    await this.db.query(
      `INSERT INTO servers (instance, internal_url, seen_at) VALUES (?, ?, ?)
       ON CONFLICT (instance) DO UPDATE SET internal_url = excluded.internal_url, seen_at = excluded.seen_at`,
      [instance, internalUrl, at],
    );
  }

  async urlOf(instance: string): Promise<string | undefined> {
    const [row] = await this.db.query('SELECT internal_url FROM servers WHERE instance = ?', [
      instance,
    ]);
    return row ? String(row.internal_url) : undefined;
  }
}

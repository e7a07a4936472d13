/**
 * The bus between lab servers sharing one PostgreSQL: LISTEN on a connection of
 * its own (a pooled one would be handed to other queries), NOTIFY through the
 * store's pool. A dropped listening connection is re-opened every second until
 * it is back; what was published meanwhile is missed, as bus.ts allows.
 */
import { Client } from 'pg';
import { lengthError, Subscribers, type Bus } from './bus.ts';
import type { Db } from './store.ts';

const CHANNEL = 'netlab_bus';
const RETRY_MS = 1000;
const CONNECT_TIMEOUT_MS = 10_000;

export async function openPostgresBus(
  url: string,
  db: Db,
  onError: (error: unknown) => void,
): Promise<Bus> {
  const bus = new PostgresBus(url, db, onError);
  await bus.listen();
  return bus;
}

class PostgresBus implements Bus {
  private readonly subscribers = new Subscribers();
  private client: Client | null = null;
  private closed = false;
  private retry: NodeJS.Timeout | undefined;
  private readonly url: string;
  private readonly db: Db;
  private readonly onError: (error: unknown) => void;

  constructor(url: string, db: Db, onError: (error: unknown) => void) {
    this.url = url;
    this.db = db;
    this.onError = onError;
  }

  async listen(): Promise<void> {
    const client = new Client({
      connectionString: this.url,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    });
    client.on('notification', (n) => {
      if (n.channel === CHANNEL && n.payload !== undefined)
        this.subscribers.deliver(n.payload, this.onError);
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('the bus connection to PostgreSQL ended')));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.closed) {
      await client.end();
      return;
    }
    this.client = client;
  }

  async publish(message: string): Promise<void> {
    const tooLong = lengthError(message);
    if (tooLong) throw tooLong;
    await this.db.query('SELECT pg_notify(?, ?)', [CHANNEL, message]);
  }

  subscribe(handler: (message: string) => void): () => void {
    return this.subscribers.add(handler);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    await client?.end();
  }

  private lost(client: Client, error: Error): void {
    if (this.client !== client || this.closed) return;
    this.client = null;
    this.onError(error);
    void client.end().catch(() => undefined);
    this.reconnect();
  }

  private reconnect(): void {
    this.retry = setTimeout(() => {
      this.listen().catch((error: unknown) => {
        this.onError(error);
        if (!this.closed) this.reconnect();
      });
    }, RETRY_MS);
  }
}

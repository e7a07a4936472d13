/**
 * A broadcast channel between the lab servers that share one store: what one
 * server publishes, every server (itself included) receives. With SQLite there
 * is one server, so the channel stays in the process; with PostgreSQL it is
 * LISTEN/NOTIFY (postgres-bus.ts). Messages are short JSON texts, at most
 * MAX_BUS_MESSAGE_BYTES, and delivery is at most once: a server that is away
 * misses what was said meanwhile, so receivers treat messages as hints to
 * re-read the store, never as the only copy of anything.
 */

/** PostgreSQL refuses NOTIFY payloads from 8000 bytes on; stay well below. */
export const MAX_BUS_MESSAGE_BYTES = 7000;

export interface Bus {
  /** Sends `message` to every subscriber of every server; resolves once it is sent. */
  publish(message: string): Promise<void>;
  /** Calls `handler` with each message; returns the function that stops it. */
  subscribe(handler: (message: string) => void): () => void;
  close(): Promise<void>;
}

export class BusMessageTooLong extends Error {
  constructor(bytes: number) {
    super(`a bus message of ${bytes} bytes is over the ${MAX_BUS_MESSAGE_BYTES}-byte limit`);
  }
}

/** The error a message too long for the bus is refused with, or null when it fits. */
export function lengthError(message: string): BusMessageTooLong | null {
  const bytes = Buffer.byteLength(message);
  return bytes > MAX_BUS_MESSAGE_BYTES ? new BusMessageTooLong(bytes) : null;
}

/** Subscribers of one process; both buses deliver through it. */
export class Subscribers {
  private readonly handlers = new Set<(message: string) => void>();

  add(handler: (message: string) => void): () => void {
    // A wrapper per call, so that subscribing one function twice needs two stops.
    const entry = (message: string) => handler(message);
    this.handlers.add(entry);
    return () => this.handlers.delete(entry);
  }

  deliver(message: string, onError: (error: unknown) => void): void {
    for (const handler of this.handlers) {
      try {
        handler(message);
      } catch (error) {
        onError(error);
      }
    }
  }
}

/** The bus of a single server: delivered in the process, on a later tick as NOTIFY would be. */
export class LocalBus implements Bus {
  private readonly subscribers = new Subscribers();
  private readonly onError: (error: unknown) => void;

  constructor(onError: (error: unknown) => void) {
    this.onError = onError;
  }

  publish(message: string): Promise<void> {
    const tooLong = lengthError(message);
    if (tooLong) return Promise.reject(tooLong);
    setImmediate(() => this.subscribers.deliver(message, this.onError));
    return Promise.resolve();
  }

  subscribe(handler: (message: string) => void): () => void {
    return this.subscribers.add(handler);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

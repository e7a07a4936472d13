/**
 * What the session manager tells the rest of the server: a session started,
 * its results changed, it ended. Listeners subscribe with `on`; an emit waits
 * for listeners that return a promise (a workshop writing its read model), so
 * that the request that caused the event answers after they are done, and a
 * listener's failure is logged rather than failing that request.
 */
import type { Logger } from '../logger.ts';
import type { SessionStatus, TaskResult } from '../protocol.ts';
import type { SessionRow } from '../store/store.ts';

/** Who a session is, as every event names it. */
export interface SessionSubject {
  id: string;
  lab: string;
  /** The workshop learner who owns it; null for a reader of the public site. */
  participantId: string | null;
}

/** The subject of a session's events, from its row. */
export function subjectOf(row: SessionRow): SessionSubject {
  return { id: row.id, lab: row.lab, participantId: row.participantId };
}

export interface SessionEvents {
  /** A session was created (its machine may still be starting). */
  started: SessionSubject & { expiresAt: number; createdAt: number };
  /**
   * Check results were recorded (`results`: what was stored, maybe none) or
   * the task list changed (`tasks`: the whole list after the rule that a
   * passed task stays passed).
   */
  results: SessionSubject & { results: TaskResult[]; tasks: TaskResult[]; at: number };
  /** The reader extended the session: it now ends at `expiresAt`. */
  extended: SessionSubject & { expiresAt: number };
  /** The session ended or failed; its sandbox is being removed. */
  ended: SessionSubject & { status: Extract<SessionStatus, 'ended' | 'failed'>; reason: string };
}

export type SessionEventName = keyof SessionEvents;
export type SessionListener<K extends SessionEventName> = (
  event: SessionEvents[K],
) => void | Promise<void>;

export class SessionEventBus {
  private readonly listeners: { [K in SessionEventName]: Set<SessionListener<K>> } = {
    started: new Set(),
    results: new Set(),
    extended: new Set(),
    ended: new Set(),
  };
  private readonly log: Logger;

  constructor(log: Logger) {
    this.log = log;
  }

  /** Calls `listener` with every such event; returns the function that stops it. */
  on<K extends SessionEventName>(name: K, listener: SessionListener<K>): () => void {
    const set = this.listeners[name] as Set<SessionListener<K>>;
    const entry: SessionListener<K> = (event) => listener(event);
    set.add(entry);
    return () => set.delete(entry);
  }

  /** Tells every listener; resolves once those that returned a promise have settled. */
  async emit<K extends SessionEventName>(name: K, event: SessionEvents[K]): Promise<void> {
    const set = this.listeners[name] as Set<SessionListener<K>>;
    const pending: Promise<void>[] = [];
    for (const listener of set) {
      try {
        const result = listener(event);
        if (result) pending.push(result.catch((error: unknown) => this.failed(name, event, error)));
      } catch (error) {
        this.failed(name, event, error);
      }
    }
    await Promise.all(pending);
  }

  private failed(name: SessionEventName, event: SessionSubject, error: unknown): void {
    this.log.error({ err: error, session: event.id, event: name }, 'session listener failed');
  }
}

/**
 * Ending live sessions: the expired ones every sweep, all of them at shutdown,
 * one when asked. Each end keeps the command log, tells the store and the
 * listeners, removes the sandbox and refills the pool — once, however many ask
 * at once (a sweep and a reader's DELETE, say: the second waits for the first).
 * The sweep also ends, in the store, the sessions of another lab server that
 * stopped registering (see SessionLimits.serverLostMs): nobody else would, and
 * their readers could neither reach nor rebuild their machines.
 */
import type { SessionRow } from '../store/store.ts';
import { subjectOf, type SessionEventBus } from './events.ts';
import { expiryReason, isLive, type LiveSession } from './live.ts';
import { keepJournal } from './rebuild.ts';
import type { SessionDeps } from './types.ts';

export type EndStatus = 'ended' | 'failed';

export const LOST_SERVER_REASON = 'the lab server running this machine stopped';

export interface EndingDeps extends Pick<
  SessionDeps,
  'driver' | 'store' | 'log' | 'now' | 'limits' | 'instance'
> {
  /** The manager's live sessions, by id: an ended one leaves it. */
  sessions: Map<string, LiveSession>;
  /** Sandboxes being made or set up, by session. */
  preparing: ReadonlyMap<string, Promise<void>>;
  events: SessionEventBus;
  update: (session: LiveSession, patch: Partial<Omit<SessionRow, 'id'>>) => Promise<void>;
  refillPool: () => void;
}

export class Endings {
  private readonly deps: EndingDeps;
  /** Sessions being ended, by id: a second end waits for the first. */
  private readonly ending = new Map<string, Promise<void>>();

  constructor(deps: EndingDeps) {
    this.deps = deps;
  }

  /** Ends a session this server holds live; a no-op for any other. `waitForSandbox`: answer once it is removed. */
  async finish(
    id: string,
    status: EndStatus,
    reason: string | null,
    waitForSandbox: boolean,
  ): Promise<void> {
    const pending = this.ending.get(id);
    if (pending) return pending;
    const session = this.deps.sessions.get(id);
    if (!session || !isLive(session.row)) return;
    const done = this.finishLive(session, status, reason, waitForSandbox);
    this.ending.set(id, done);
    await done.finally(() => this.ending.delete(id));
  }

  /** Whether a session this server holds is past its end, not yet swept. */
  overdue(id: string): boolean {
    const held = this.deps.sessions.get(id);
    return !!held && !!expiryReason(held, this.deps.now(), this.deps.limits.idleTtlMs);
  }

  /** Ends sessions past their hard TTL, or idle (no terminal) longer than the idle TTL. */
  async sweep(): Promise<void> {
    const now = this.deps.now();
    const ending: Promise<void>[] = [];
    for (const s of this.deps.sessions.values()) {
      const reason = expiryReason(s, now, this.deps.limits.idleTtlMs);
      if (reason) ending.push(this.finish(s.row.id, 'ended', reason, true));
    }
    await Promise.all(ending);
    this.deps.refillPool();
    await this.lostServers(now);
    await this.endedElsewhere();
  }

  /**
   * Its machine stays on the lost server's engine, out of reach: no command log
   * can be kept, so a rebuild replays the lab's solution for the passed tasks.
   * Should that server come back, its start removes the sandbox (no longer live).
   */
  private async lostServers(now: number): Promise<void> {
    const { store, log, instance, limits } = this.deps;
    const ended = await store.endSessionsOfLostServers(now - limits.serverLostMs, instance, {
      reason: LOST_SERVER_REASON,
      endedAt: now,
    });
    for (const row of ended) {
      log.warn({ session: row.id, server: row.instance }, 'ended: its lab server is lost');
      await this.emitEnded(row);
    }
  }

  /**
   * The other side of lostServers: this server, cut off from the store for
   * longer than serverLostMs, finds its sessions ended there. It ends them
   * here too (its readers' terminals close, their sandboxes go), for the
   * reason the others gave, LOST_SERVER_REASON.
   */
  private async endedElsewhere(): Promise<void> {
    const { store, instance, sessions } = this.deps;
    const held = [...sessions.keys()];
    const live = new Set((await store.liveSessions(instance)).map((row) => row.id));
    const rows = await Promise.all(
      held.filter((id) => !live.has(id)).map((id) => store.getSession(id)),
    );
    // A session is held before its row is inserted: only a row that says so is over.
    const over = rows.filter((row): row is SessionRow => row !== undefined && !isLive(row));
    await Promise.all(over.map((row) => this.finish(row.id, 'ended', LOST_SERVER_REASON, true)));
  }

  /** Ends every session this server holds. */
  async all(reason: string): Promise<void> {
    const ids = [...this.deps.sessions.keys()];
    await Promise.all(ids.map((id) => this.finish(id, 'ended', reason, true)));
  }

  /** Tells listeners a session ended (or failed). */
  emitEnded(row: SessionRow): Promise<void> {
    const status = row.status === 'failed' ? 'failed' : 'ended';
    return this.deps.events.emit('ended', {
      ...subjectOf(row),
      status,
      reason: row.reason ?? status,
    });
  }

  private async finishLive(
    session: LiveSession,
    status: EndStatus,
    reason: string | null,
    waitForSandbox: boolean,
  ): Promise<void> {
    const { driver, store, log } = this.deps;
    const id = session.row.id;
    const endedAt = this.deps.now();
    // Kept before the store says ended: a rebuild, which the ended row allows on any
    // server, must find it (the reader's last seconds of typing are the price).
    if (session.row.status === 'ready')
      await keepJournal(driver, store, session.row, endedAt).catch((error: unknown) =>
        log.warn({ err: error, session: id }, 'no command log kept'),
      );
    await this.deps.update(session, { status, reason, endedAt });
    this.deps.sessions.delete(id);
    await this.emitEnded(session.row);
    // A sandbox still being made is removed by prepare() once it sees the session over;
    // the caller (a reader's DELETE, a workshop's end) answers after that.
    if (waitForSandbox) await this.deps.preparing.get(id);
    if (session.row.containerId) {
      await driver.destroy(session.row.containerId).catch((error: unknown) => {
        log.error({ err: error, session: id }, 'could not remove a sandbox');
      });
    }
    this.deps.refillPool();
  }
}

/**
 * Lab sessions: who owns which sandbox, for how long, and within which limits.
 * Composes the warm pool, the TTL sweep and the start-up reaper (helpers in
 * sessions/); persists every change through the store so that a restarted server
 * re-adopts live sandboxes.
 */
import type { Logger } from './logger.ts';
import { NetlabError } from './errors.ts';
import { DEFAULT_GENERATION, type Generation } from './generations.ts';
import type { Lab } from './grading/lab-schema.ts';
import { chooseParams } from './grading/params.ts';
import type { CreateSessionResponse, SessionView, TaskResult } from './protocol.ts';
import type { SandboxDriver, SandboxInfo } from './sandbox/driver.ts';
import type { SessionRow, SessionStore } from './store/store.ts';
import { hashToken, randomId, randomToken, tokenMatches } from './sessions/tokens.ts';
import { WarmPool } from './sessions/warm-pool.ts';
import { reapAndAdopt } from './sessions/reaper.ts';
import { runSetup } from './sessions/setup.ts';
import type { SessionGuard } from './sessions/guard.ts';
import {
  expiryReason,
  isLive,
  openTasks,
  requireHere,
  restoreTasks,
  sessionView,
  type LiveSession,
} from './sessions/live.ts';

export interface SessionLimits {
  maxSandboxes: number;
  maxSessionsPerClient: number;
  warmPool: number;
  idleTtlMs: number;
  hardTtlMs: number;
  shutdownSandboxes: 'remove' | 'keep';
}

/** A workshop learner's session: theirs, with their own lab parameters and no per-client limit. */
export interface SessionOwner {
  participantId: string;
  params: Record<string, string>;
}

export class SessionManager {
  private readonly sessions = new Map<string, LiveSession>();
  private readonly endListeners: ((id: string, status: string, reason?: string) => void)[] = [];
  private readonly pool: WarmPool;
  private draining = false;
  private readonly deps: {
    driver: SandboxDriver;
    store: SessionStore;
    labs: ReadonlyMap<string, Lab>;
    limits: SessionLimits;
    log: Logger;
    now: () => number;
    /** This server's INSTANCE name, stamped on its sessions. */
    instance: string;
    /** Other tokens that open sessions (a workshop learner's, an instructor's peek). */
    guard?: SessionGuard;
  };

  constructor(deps: SessionManager['deps']) {
    this.deps = deps;
    this.pool = new WarmPool(deps.driver, {
      target: deps.limits.warmPool,
      hasRoom: () => this.sandboxCount() < deps.limits.maxSandboxes,
      onError: (error) => deps.log.warn({ err: error }, 'warm pool: could not make a sandbox'),
    });
  }

  /** Sandboxes that exist or are being made: sessions' and the pool's. */
  sandboxCount(): number {
    let count = this.pool.size;
    for (const s of this.sessions.values()) if (isLive(s.row)) count++;
    return count;
  }

  get warmCount(): number {
    return this.pool.readyCount;
  }

  /** Re-adopts sandboxes of live sessions a previous server left, removes the rest, fills the pool. */
  async start(): Promise<void> {
    const adopted = await reapAndAdopt(this.deps);
    for (const row of adopted) this.track(row, await this.restoredTasks(row));
    this.pool.refill();
  }

  async create(
    labId: string,
    client: string,
    owner?: SessionOwner,
    generation: Generation = DEFAULT_GENERATION,
  ): Promise<CreateSessionResponse> {
    const lab = this.deps.labs.get(labId);
    if (!lab)
      throw new NetlabError(
        'NETLAB_ERR_UNKNOWN_LAB',
        `There is no lab "${labId}"; GET /api/labs lists them.`,
      );
    if (this.draining)
      throw new NetlabError('NETLAB_ERR_SHUTTING_DOWN', undefined, { retryAfter: 5 });
    const mine = [...this.sessions.values()].filter(
      (s) => s.row.client === client && isLive(s.row),
    );
    // A workshop's learners share one address behind NAT; the workshop limits them per lab instead.
    if (!owner && mine.length >= this.deps.limits.maxSessionsPerClient) {
      throw new NetlabError(
        'NETLAB_ERR_CLIENT_LIMIT',
        `You already run ${mine.length} lab sessions, the most one client may run at once; end one first.`,
      );
    }
    // The pool holds machines of the default generation; another is made on demand.
    const warm = generation === DEFAULT_GENERATION ? this.pool.take() : undefined;
    if (!warm) {
      if (this.sandboxCount() >= this.deps.limits.maxSandboxes) {
        throw new NetlabError(
          'NETLAB_ERR_CAPACITY',
          `All ${this.deps.limits.maxSandboxes} lab machines are in use; try again in a minute.`,
          { retryAfter: 60 },
        );
      }
      await this.deps.driver.ping();
    }
    const token = randomToken();
    const now = this.deps.now();
    const row: SessionRow = {
      id: warm?.sessionId ?? randomId(),
      tokenHash: hashToken(token),
      lab: lab.id,
      client,
      containerId: warm?.containerId ?? null,
      status: 'starting',
      reason: null,
      createdAt: now,
      expiresAt: now + this.deps.limits.hardTtlMs,
      endedAt: null,
      params: owner?.params ?? chooseParams(lab, Math.random),
      participantId: owner?.participantId ?? null,
      instance: this.deps.instance,
      generation,
    };
    // Tracked before the insert is awaited, so that concurrent requests count it.
    const session = this.track(row, openTasks(lab));
    await this.deps.store.insertSession(row).catch((error: unknown) => {
      this.sessions.delete(row.id);
      if (warm) void this.deps.driver.destroy(warm.containerId).catch(() => undefined);
      throw error;
    });
    void this.prepare(session, lab, warm);
    return {
      id: row.id,
      token,
      lab: lab.id,
      generation,
      expiresAt: new Date(row.expiresAt).toISOString(),
    };
  }

  private track(row: SessionRow, tasks: TaskResult[]): LiveSession {
    const session: LiveSession = {
      row,
      terminals: 0,
      idleSince: this.deps.now(),
      tasks,
      locale: 'en',
    };
    this.sessions.set(row.id, session);
    return session;
  }

  /** Makes (or takes) the sandbox and runs the lab's setup; the session ends up ready or failed. */
  private async prepare(
    session: LiveSession,
    lab: Lab,
    warm: SandboxInfo | undefined,
  ): Promise<void> {
    const started = this.deps.now();
    try {
      const sandbox =
        warm ?? (await this.deps.driver.create(session.row.id, session.row.generation));
      await this.update(session, { containerId: sandbox.containerId });
      // The reader may have ended the session while its sandbox was starting.
      if (cancelled(session)) return await this.deps.driver.destroy(sandbox.containerId);
      await runSetup(this.deps.driver, sandbox.containerId, lab, session.row.params);
      if (cancelled(session)) return;
      await this.update(session, { status: 'ready' });
      this.deps.log.info(
        { session: session.row.id, lab: lab.id, warm: !!warm, ms: this.deps.now() - started },
        'session ready',
      );
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.deps.log.warn({ session: session.row.id, reason }, 'session failed');
      await this.end(session.row.id, 'failed', reason);
    }
  }

  private async update(
    session: LiveSession,
    patch: Partial<Omit<SessionRow, 'id'>>,
  ): Promise<void> {
    // In memory first, so that what runs while the write is awaited sees it.
    Object.assign(session.row, patch);
    await this.deps.store.updateSession(session.row.id, patch);
  }

  /** The session if `token` opens it; otherwise the error to answer with. */
  async authorize(id: string, token: string | undefined): Promise<LiveSession> {
    const { session, readOnly } = await this.access(id, token);
    if (readOnly) throw new NetlabError('NETLAB_ERR_FORBIDDEN');
    return session;
  }

  /** Like authorize, but also lets a workshop instructor in to watch (readOnly). */
  async access(
    id: string,
    token: string | undefined,
  ): Promise<{ session: LiveSession; readOnly: boolean }> {
    if (!token) throw new NetlabError('NETLAB_ERR_UNAUTHORIZED');
    const session = this.sessions.get(id) ?? (await this.fromStore(id));
    if (session && tokenMatches(token, session.row.tokenHash)) return { session, readOnly: false };
    const role = session && (await this.deps.guard?.roleOf(session.row, token));
    // The same answer whether the session exists or not, so ids cannot be probed.
    if (!session || !role) throw new NetlabError('NETLAB_ERR_FORBIDDEN');
    return { session, readOnly: role === 'peek' };
  }

  private async fromStore(id: string): Promise<LiveSession | undefined> {
    const row = await this.deps.store.getSession(id);
    const tasks = row && (await this.restoredTasks(row));
    return row && tasks && { row, terminals: 0, idleSince: null, tasks, locale: 'en' };
  }

  private async restoredTasks(row: SessionRow): Promise<TaskResult[]> {
    return restoreTasks(this.deps.labs.get(row.lab), await this.deps.store.taskHistory(row.id));
  }

  /** Ready sessions with at least one terminal attached. */
  attached(): LiveSession[] {
    return [...this.sessions.values()].filter((s) => s.terminals > 0 && s.row.status === 'ready');
  }

  view(session: LiveSession): SessionView {
    return sessionView(session);
  }

  /** The container of a ready session, or the error that says why there is none. */
  sandboxOf(session: LiveSession): string {
    requireHere(session.row, this.deps.instance);
    if (session.row.status === 'starting') throw new NetlabError('NETLAB_ERR_SESSION_NOT_READY');
    if (session.row.status !== 'ready' || !session.row.containerId) {
      throw new NetlabError('NETLAB_ERR_SESSION_ENDED', session.row.reason ?? undefined);
    }
    return session.row.containerId;
  }

  terminalAttached(session: LiveSession): void {
    session.terminals++;
    session.idleSince = null;
  }

  terminalDetached(session: LiveSession): void {
    session.terminals = Math.max(0, session.terminals - 1);
    if (session.terminals === 0) session.idleSince = this.deps.now();
  }

  /** Ends a session and removes its sandbox; idempotent. */
  async end(id: string, status: 'ended' | 'failed' = 'ended', reason?: string): Promise<void> {
    const session = this.sessions.get(id);
    if (!session || !isLive(session.row)) return;
    await this.update(session, { status, reason: reason ?? null, endedAt: this.deps.now() });
    this.sessions.delete(id);
    for (const listener of this.endListeners) listener(id, status, reason);
    if (session.row.containerId) {
      await this.deps.driver.destroy(session.row.containerId).catch((error: unknown) => {
        this.deps.log.error({ err: error, session: id }, 'could not remove a sandbox');
      });
    }
    this.pool.refill();
  }

  /** Called when a session ends (terminals close on it). */
  onEnd(listener: (id: string, status: string, reason?: string) => void): void {
    this.endListeners.push(listener);
  }

  /** Ends sessions past their hard TTL, or idle (no terminal) longer than the idle TTL. */
  async sweep(): Promise<void> {
    const now = this.deps.now();
    const ending: Promise<void>[] = [];
    for (const s of this.sessions.values()) {
      const reason = expiryReason(s, now, this.deps.limits.idleTtlMs);
      if (reason) ending.push(this.end(s.row.id, 'ended', reason));
    }
    await Promise.all(ending);
    this.pool.refill();
  }

  /** Stops taking sessions, drains the pool, then removes or keeps session sandboxes. */
  async shutdown(): Promise<void> {
    this.draining = true;
    await this.pool.drain();
    if (this.deps.limits.shutdownSandboxes === 'remove') {
      await Promise.all(
        [...this.sessions.keys()].map((id) => this.end(id, 'ended', 'the lab server shut down')),
      );
    }
  }
}

function cancelled(session: LiveSession): boolean {
  return session.row.status !== 'starting';
}

export type { LiveSession };

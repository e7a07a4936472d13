/**
 * Lab sessions, and the only owner of live ones: who holds which sandbox, for
 * how long, within which limits, and what each session's tasks stand at.
 * Everything above works through a SessionHandle (sessions/handle.ts: exec and
 * attach bound to one sandbox, the engine's failures named), changes a session
 * through methods here (results, answers, locale, whether a reader's terminal
 * is attached) and hears of changes as events (sessions/events.ts). This is the
 * only user of the sandbox driver. Composes admission (sessions/admission.ts),
 * the launch of a new session (launch.ts), who may open one (access.ts), the
 * recording of results (record.ts), ending them and the TTL sweep (ending.ts),
 * the warm pool and the start-up reaper; persists every change through the
 * store so that a restarted server re-adopts live sandboxes.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { NetlabError } from './errors.ts';
import { DEFAULT_GENERATION } from './generations.ts';
import type { Locale, TaskResult } from './protocol.ts';
import type { SandboxInfo } from './sandbox/driver.ts';
import type { SessionRow } from './store/store.ts';
import {
  SessionEventBus,
  subjectOf,
  type SessionEventName,
  type SessionListener,
} from './sessions/events.ts';
import { handleOf, type SessionHandle } from './sessions/handle.ts';
import { extended, isLive, labOf, openTasks, type LiveSession } from './sessions/live.ts';
import { opened, restoredTasks, sessionFromStore } from './sessions/access.ts';
import {
  insertRow,
  newSessionRow,
  ownedSession,
  requireClientRoom,
  sandboxSlot,
} from './sessions/admission.ts';
import { Endings, type EndStatus } from './sessions/ending.ts';
import { launch } from './sessions/launch.ts';
import { endedSession, startRebuild } from './sessions/rebuild.ts';
import { reapAndAdopt } from './sessions/reaper.ts';
import { recordResults } from './sessions/record.ts';
import { randomToken } from './sessions/tokens.ts';
import type {
  CreatedSession,
  SessionDeps,
  SessionOwner,
  SessionRequest,
} from './sessions/types.ts';
import { WarmPool } from './sessions/warm-pool.ts';

export type {
  AttachOptions,
  ExecOptions,
  ExecResult,
  SessionHandle,
  TtyProcess,
} from './sessions/handle.ts';
export type { SessionEvents } from './sessions/events.ts';
export type {
  CreatedSession,
  SessionDeps,
  SessionLimits,
  SessionOwner,
  SessionRequest,
} from './sessions/types.ts';

export class SessionManager {
  private readonly sessions = new Map<string, LiveSession>();
  /** Sandboxes being made or set up, by session: ending one waits for it to be removed. */
  private readonly preparing = new Map<string, Promise<void>>();
  private readonly events: SessionEventBus;
  private readonly pool: WarmPool;
  private readonly endings: Endings;
  private draining = false;
  private readonly deps: SessionDeps;

  constructor(deps: SessionDeps) {
    this.deps = deps;
    this.events = new SessionEventBus(deps.log);
    this.pool = new WarmPool(deps.driver, {
      target: deps.limits.warmPool,
      hasRoom: () => this.sandboxCount() < deps.limits.maxSandboxes,
      onError: (error) => deps.log.warn({ err: error }, 'warm pool: could not make a sandbox'),
    });
    this.endings = new Endings({
      ...deps,
      sessions: this.sessions,
      preparing: this.preparing,
      events: this.events,
      update: (session, patch) => this.update(session, patch),
      refillPool: () => this.pool.refill(),
    });
  }

  /** Hears of sessions started, results changed, sessions ended; returns the unsubscribe. */
  on<K extends SessionEventName>(name: K, listener: SessionListener<K>): () => void {
    return this.events.on(name, listener);
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

  /** The engine's version, or why it cannot be reached (GET /api/health). */
  ping(): Promise<{ version: string }> {
    return this.deps.driver.ping();
  }

  /** Re-adopts sandboxes of live sessions a previous server left, removes the rest, fills the pool. */
  async start(): Promise<void> {
    const { adopted, ended } = await reapAndAdopt(this.deps);
    for (const row of adopted) this.track(row, await restoredTasks(row, this.deps));
    for (const row of ended) await this.endings.emitEnded(row);
    this.pool.refill();
  }

  async create(request: SessionRequest): Promise<CreatedSession> {
    const lab = labOf(this.deps.labs, request.lab);
    if (this.draining)
      throw new NetlabError('NETLAB_ERR_SHUTTING_DOWN', undefined, { retryAfter: 5 });
    const { owner } = request;
    // A learner reopening a lab gets the session they have, even when the server is full.
    const existing = owner && (await ownedSession(this.deps.store, owner, lab.id));
    if (existing) return { session: existing, created: false };
    // A workshop's learners share one address behind NAT; the database limits them per lab instead.
    if (!owner)
      requireClientRoom(
        this.sessions.values(),
        request.client,
        this.deps.limits.maxSessionsPerClient,
      );
    const { rebuild } = request;
    const generation = rebuild?.from.generation ?? request.generation ?? DEFAULT_GENERATION;
    // The pool holds machines of the default generation; another is made on demand.
    const warm = await sandboxSlot(generation === DEFAULT_GENERATION, {
      ...{ pool: this.pool, driver: this.deps.driver, max: this.deps.limits.maxSandboxes },
      count: () => this.sandboxCount(),
    });
    const token = owner?.token ?? randomToken();
    const { now, limits, instance } = this.deps;
    const row = newSessionRow({
      ...{ lab, client: request.client, token, owner, warm, params: rebuild?.from.params },
      ...{ now: now(), hardTtlMs: limits.hardTtlMs, instance, generation },
    });
    // Tracked before the insert is awaited, so that concurrent requests count it.
    const session = this.track(row, rebuild?.tasks ?? openTasks(lab));
    if (rebuild) session.rebuild = rebuild.report;
    const theirs = await insertRow(this.deps.store, row, owner, () => this.untrack(row.id, warm));
    if (theirs) return { session: theirs, created: false };
    const { preparing } = await launch(session, lab, warm, rebuild, {
      ...this.deps,
      events: this.events,
      update: (s, patch) => this.update(s, patch),
      fail: (id, reason) => this.endings.finish(id, 'failed', reason, false),
    });
    this.preparing.set(
      row.id,
      preparing.finally(() => this.preparing.delete(row.id)),
    );
    const expiresAt = new Date(row.expiresAt).toISOString();
    return { session: { id: row.id, token, lab: lab.id, generation, expiresAt }, created: true };
  }

  /**
   * A new session that brings an ended one's work back (POST /api/sessions/:id/rebuild):
   * opened by the old session's token; a workshop learner's, only through their workshop.
   */
  async rebuild(
    id: string,
    request: { token: string | undefined; client: string; locale: Locale; owner?: SessionOwner },
  ): Promise<CreatedSession & { rebuiltFrom: string }> {
    const from = await endedSession(id, request, {
      store: this.deps.store,
      // Past its end but not yet swept (the sweep runs every few seconds): it ends now.
      overdue: () => this.endings.overdue(id),
      sweep: () => this.sweep(),
      now: this.deps.now,
      sleep: (ms) => sleep(ms),
    });
    const lab = labOf(this.deps.labs, from.lab);
    const rebuild = await startRebuild(from, lab, this.deps.store, request.locale);
    const created = await this.create({
      lab: from.lab,
      client: request.client,
      ...(request.owner && { owner: request.owner }),
      rebuild,
    });
    return { ...created, rebuiltFrom: from.id };
  }

  /** Pushes a live session's end EXTEND_S later (never past MAX_SESSION_S); restarts its idle clock. */
  async extend(id: string): Promise<{ expiresAt: number; extendableUntil: number }> {
    const session = this.held(id);
    const { row } = session;
    const { expiresAt, until } = extended(row, this.deps.limits);
    await this.update(session, { expiresAt });
    if (session.idleSince !== null) session.idleSince = this.deps.now();
    await this.events.emit('extended', { ...subjectOf(row), expiresAt });
    return { expiresAt, extendableUntil: until };
  }

  private track(row: SessionRow, tasks: TaskResult[]): LiveSession {
    const session: LiveSession = { row, idleSince: this.deps.now(), tasks, locale: 'en' };
    this.sessions.set(row.id, session);
    return session;
  }

  private untrack(id: string, warm: SandboxInfo | undefined): void {
    this.sessions.delete(id);
    if (warm) void this.deps.driver.destroy(warm.containerId).catch(() => undefined);
  }

  private async update(
    session: LiveSession,
    patch: Partial<Omit<SessionRow, 'id'>>,
  ): Promise<void> {
    // In memory first, so that what runs while the write is awaited sees it.
    Object.assign(session.row, patch);
    await this.deps.store.updateSession(session.row.id, patch);
  }

  /** The session if `token` opens it to work in; otherwise the error to answer with. */
  async authorize(id: string, token: string | undefined): Promise<SessionHandle> {
    const { session, readOnly } = await this.access(id, token);
    if (readOnly) throw new NetlabError('NETLAB_ERR_FORBIDDEN');
    return session;
  }

  /** Like authorize, but also lets a learner's instructor in to watch (readOnly). */
  async access(
    id: string,
    token: string | undefined,
  ): Promise<{ session: SessionHandle; readOnly: boolean }> {
    if (!token) throw new NetlabError('NETLAB_ERR_UNAUTHORIZED');
    const found = this.sessions.get(id) ?? (await sessionFromStore(id, this.deps));
    const { session, readOnly } = opened(found, token);
    return { session: this.handleOf(session), readOnly };
  }

  /** The handle of a session this server holds live, if it does. */
  handle(id: string): SessionHandle | undefined {
    const session = this.sessions.get(id);
    return session && this.handleOf(session);
  }

  private handleOf(session: LiveSession): SessionHandle {
    const { driver, instance, limits } = this.deps;
    return handleOf(session, {
      driver,
      instance,
      limits,
      gone: (id, reason) => this.end(id, 'ended', reason),
    });
  }

  /**
   * Records fresh check results of a session this server holds and answers with
   * its whole task list (sessions/record.ts). `whole`: the reader asked.
   */
  recordResults(id: string, fresh: TaskResult[], whole: boolean): Promise<TaskResult[]> {
    const session = this.held(id);
    const lab = labOf(this.deps.labs, session.row.lab);
    return recordResults(session, lab, fresh, whole, { ...this.deps, events: this.events });
  }

  /** Records a typed answer and its verdict; answers with the session's task list. */
  async recordAnswer(id: string, answer: string, result: TaskResult): Promise<TaskResult[]> {
    await this.deps.store.recordAnswer(id, result.id, answer, result.passed, this.deps.now());
    return this.recordResults(id, [result], true);
  }

  /** The language of the reader's terminal, for live task feedback. */
  setLocale(id: string, locale: Locale): void {
    const session = this.sessions.get(id);
    if (session) session.locale = locale;
  }

  /** Whether a reader's terminal is attached: a session without one idles out. */
  markAttached(id: string, attached: boolean): void {
    const session = this.sessions.get(id);
    if (session) session.idleSince = attached ? null : this.deps.now();
  }

  private held(id: string): LiveSession {
    const session = this.sessions.get(id);
    if (!session) throw new NetlabError('NETLAB_ERR_SESSION_ENDED');
    return session;
  }

  /** Ends a session and removes its sandbox; idempotent, and a no-op for another server's. */
  async end(id: string, status: EndStatus = 'ended', reason?: string): Promise<void> {
    await this.endings.finish(id, status, reason ?? null, true);
  }

  /** Ends sessions past their hard TTL, or idle (no terminal) longer than the idle TTL. */
  sweep(): Promise<void> {
    return this.endings.sweep();
  }

  /** Stops taking sessions, drains the pool, then removes or keeps session sandboxes. */
  async shutdown(): Promise<void> {
    this.draining = true;
    await this.pool.drain();
    if (this.deps.limits.shutdownSandboxes === 'remove')
      await this.endings.all('the lab server shut down');
  }
}

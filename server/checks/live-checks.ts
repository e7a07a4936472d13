/**
 * Live re-checks: tasks tick off without a click while a reader's terminal is
 * attached. Which sessions have one is the terminal hub's to say (Presence,
 * subscribed to, never polled); each such session with a task still open is
 * re-checked at once when its sandbox reports news (evidence-watch.ts), else
 * once per interval at its own phase (live-schedule.ts), at most `concurrency`
 * at a time (live-queue.ts). A re-check is an ordinary check through the
 * CheckService; the session manager records what changed and tells its
 * listeners, among them the hub, which pushes the task list to the terminals.
 */
import type { Lab } from '../labs.ts';
import type { Logger } from '../logger.ts';
import type { SessionHandle, SessionManager } from '../sessions.ts';
import type { CheckService, CheckSource } from '../checks.ts';
import { EvidenceWatch } from './evidence-watch.ts';
import { LiveQueue } from './live-queue.ts';
import { LiveSchedule, intervalsOf } from './live-schedule.ts';

/** How often the live schedule is looked at; each session's own phase falls between ticks. */
const LIVE_TICK_MS = 100;
/** After news from a sandbox, how long to wait for the rest of a burst (docker run: create, connect, start). */
const SETTLE_MS = 60;

/** Which sessions have a reader's terminal attached (the terminal hub implements it). */
export interface Presence {
  /** The sessions attached now. */
  attached(): Iterable<string>;
  /** Hears when a session gains its first reader's terminal or loses its last; returns the unsubscribe. */
  onChange(listener: (sessionId: string, attached: boolean) => void): () => void;
}

export interface LiveDeps {
  checks: Pick<CheckService, 'check' | 'evidenceCursor' | 'openExecs'>;
  sessions: Pick<SessionManager, 'handle' | 'on'>;
  presence: Presence;
  labs: ReadonlyMap<string, Lab>;
  log: Logger;
  now: () => number;
  /** How often a session with a shell open in one of its containers is re-checked. */
  intervalMs: number;
  /**
   * How often any other attached session is re-checked anyway. Everything else
   * the reader does is news (engine events, shell records) and re-checked at
   * once; this only catches what slips past them.
   */
  idleIntervalMs: number;
  /** Idle re-checks of all sessions together per minute at most: more sessions stretch each one's idle interval. */
  idlePerMinute: number;
  /** How long one wait for a sandbox's news lasts before it is started again (evidence-watch.ts). */
  waitSeconds: number;
  /** Live re-checks running at once (the rest wait their turn). */
  concurrency: number;
}

export class LiveChecks {
  private readonly deps: LiveDeps;
  private readonly queue: LiveQueue;
  private readonly watch: EvidenceWatch;
  private readonly schedule: LiveSchedule;
  private readonly attached = new Set<string>();
  /** Sessions with news that arrived while their re-check waited or ran. */
  private readonly dirty = new Set<string>();
  /** Sessions whose news re-check is about to be queued: no new wait until it has read the evidence. */
  private readonly settling = new Set<string>();
  private readonly stops: (() => void)[] = [];

  constructor(deps: LiveDeps) {
    this.deps = deps;
    this.queue = new LiveQueue(deps.concurrency);
    this.schedule = new LiveSchedule(deps.intervalMs);
    this.watch = new EvidenceWatch(
      async (id, cmd, timeoutMs) => this.handle(id).exec(cmd, { timeoutMs, maxBytes: 4096 }),
      (id) => this.news(id),
      deps.waitSeconds,
    );
  }

  /** Starts following the hub and the clock. */
  start(): void {
    for (const id of this.deps.presence.attached()) this.attached.add(id);
    this.stops.push(
      this.deps.presence.onChange((id, attached) => {
        if (attached) this.attached.add(id);
        else this.attached.delete(id);
      }),
      this.deps.sessions.on('ended', ({ id }) => this.forget(id)),
    );
    const timer = setInterval(() => this.tick(), Math.min(LIVE_TICK_MS, this.deps.intervalMs));
    this.stops.push(() => clearInterval(timer));
  }

  stop(): void {
    for (const stop of this.stops.splice(0)) stop();
  }

  private tick(): void {
    const attached = [...this.attached];
    const intervalOf = intervalsOf(
      attached.map((id) => {
        const session = this.deps.sessions.handle(id);
        // Only a shell open in a container leaves no news behind what it changes: look often then.
        const shell = this.deps.checks.openExecs(id) > 0;
        return { id, shell, open: !!session && this.hasOpenTasks(session) };
      }),
      this.deps,
    );
    for (const id of this.schedule.due(attached, this.deps.now(), intervalOf)) {
      const session = this.deps.sessions.handle(id);
      if (session && this.hasOpenTasks(session)) this.enqueue(session);
    }
    for (const id of attached) this.watchFor(id);
  }

  private handle(id: string): SessionHandle {
    const session = this.deps.sessions.handle(id);
    if (!session) throw new Error(`session ${id} is not held here`);
    return session;
  }

  private forget(id: string): void {
    this.attached.delete(id);
    this.dirty.delete(id);
    this.settling.delete(id);
    this.watch.forget(id);
  }

  /** Waits for news from the sandbox of an attached session with open tasks (not while it is re-checked). */
  private watchFor(id: string): void {
    if (this.queue.has(id) || this.settling.has(id)) return;
    const session = this.deps.sessions.handle(id);
    if (session?.status() !== 'ready' || !this.hasOpenTasks(session)) return;
    this.watch.ensure(id, this.deps.checks.evidenceCursor(id));
  }

  /** The sandbox reported news: re-check soon, or again right after the re-check under way. */
  private news(id: string): void {
    // Whatever the news was (a shell opened in a container, say), look again soon after too.
    this.schedule.soon(id, this.deps.now(), this.deps.intervalMs);
    this.settling.add(id);
    setTimeout(() => {
      const session = this.attached.has(id) ? this.deps.sessions.handle(id) : undefined;
      if (session) this.enqueue(session, 'news');
      this.settling.delete(id);
    }, SETTLE_MS);
  }

  private enqueue(session: SessionHandle, source: Exclude<CheckSource, 'reader'> = 'live'): void {
    const { id } = session;
    const queued = this.queue.push(
      id,
      () => this.recheck(session, source),
      // News that came while this re-check waited or ran: check again once it is done.
      () => {
        if (this.dirty.delete(id)) this.enqueue(session, 'news');
      },
    );
    if (!queued) this.dirty.add(id);
  }

  private hasOpenTasks(session: SessionHandle): boolean {
    const lab = this.deps.labs.get(session.lab);
    const tasks = session.tasks();
    return (
      !!lab &&
      lab.tasks.some(
        (t) => t.kind !== 'answer' && (t.live || !tasks.find((r) => r.id === t.id)?.passed),
      )
    );
  }

  private async recheck(session: SessionHandle, source: Exclude<CheckSource, 'reader'>) {
    // It may have ended, or lost its terminal, while it waited in the queue.
    if (session.status() !== 'ready' || !this.attached.has(session.id)) return;
    try {
      await this.deps.checks.check(session, session.locale(), undefined, source);
    } catch (error) {
      this.deps.log.debug({ err: error, session: session.id }, 'live check failed');
    }
  }
}

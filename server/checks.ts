/**
 * Grading a session: runs a lab's checks and answers against the session's
 * sandbox (through the driver's exec, never Docker's API), keeps each session's
 * evidence of what the reader did (engine events, shell records) between checks,
 * keeps the rule that a passed task stays passed unless the lab marks it live,
 * records every result the reader asked for, and re-checks open tasks of
 * sessions with a terminal attached so that tasks tick off without a click:
 * at once when the sandbox reports news (checks/evidence-watch.ts), else once
 * per interval (recording only what changed).
 */
import { NetlabError } from './errors.ts';
import {
  checkAnswer,
  checkTasks,
  EvidenceLog,
  readTopology,
  type Exec,
  type Topology,
} from './grading/grader.ts';
import type { Lab } from './labs.ts';
import type { Logger } from './logger.ts';
import type { Locale, TaskResult } from './protocol.ts';
import type { SandboxDriver } from './sandbox/driver.ts';
import type { LiveSession, SessionManager } from './sessions.ts';
import type { SessionStore } from './store/store.ts';
import { LiveQueue } from './checks/live-queue.ts';
import { LiveSchedule } from './checks/live-schedule.ts';
import { mergeResults } from './checks/merge.ts';
import { EvidenceWatch } from './checks/evidence-watch.ts';

/** Output kept of one grading command; more is cut (and said so). */
const MAX_OUTPUT = 1024 * 1024;
/** How often the live schedule is looked at; each session's own phase falls between ticks. */
const LIVE_TICK_MS = 100;
/** After news from a sandbox, how long to wait for the rest of a burst (docker run: create, connect, start). */
const SETTLE_MS = 60;

export interface CheckDeps {
  driver: SandboxDriver;
  sessions: SessionManager;
  labs: ReadonlyMap<string, Lab>;
  store: SessionStore;
  log: Logger;
  now: () => number;
  timeoutMs: number;
  /** Live re-checks running at once (the rest wait their turn). */
  liveConcurrency: number;
}

/**
 * Who asked for a check: the reader (recorded whole, normal priority), the
 * interval's re-check (only changes recorded, lowest CPU priority), or news from
 * the sandbox (only changes recorded, but normal priority: it answers the
 * reader's own action, which the reader is waiting to see ticked off).
 */
type Source = 'reader' | 'live' | 'news';

/** Hears of every batch of recorded results (workshops: the live grid, webhooks). */
export type ResultsListener = (session: LiveSession, results: TaskResult[], at: number) => void;

export class CheckService {
  private readonly deps: CheckDeps;
  private readonly live: LiveQueue;
  private readonly listeners: ResultsListener[] = [];
  /** Each session's evidence of the reader's actions, kept between checks. */
  private readonly evidence = new Map<string, EvidenceLog>();
  private readonly watch: EvidenceWatch;
  /** Sessions with news that arrived while their re-check waited or ran. */
  private readonly dirty = new Set<string>();
  /** Sessions whose news re-check is about to be queued: no new wait until it has read the evidence. */
  private readonly settling = new Set<string>();
  private pushLive: ((sessionId: string, tasks: TaskResult[]) => void) | null = null;

  constructor(deps: CheckDeps) {
    this.deps = deps;
    this.live = new LiveQueue(deps.liveConcurrency);
    this.watch = new EvidenceWatch(
      (containerId, cmd, timeoutMs) =>
        deps.driver.exec(containerId, cmd, { timeoutMs, maxBytes: 4096 }),
      (sessionId) => this.news(sessionId),
    );
    deps.sessions.onEnd((id) => {
      this.evidence.delete(id);
      this.dirty.delete(id);
      this.settling.delete(id);
      this.watch.forget(id);
    });
  }

  private evidenceOf(session: LiveSession): EvidenceLog {
    let log = this.evidence.get(session.row.id);
    if (!log) {
      log = new EvidenceLog();
      this.evidence.set(session.row.id, log);
    }
    return log;
  }

  /**
   * Grading commands in the sandbox. Live re-checks are background work and run
   * at the lowest CPU priority, so that on a busy machine the readers' shells
   * (tmux, bash) get the CPU first: measured with 50 terminals, keystroke echo
   * p99 fell by a third to a half (BENCHMARKS.md).
   */
  private exec(containerId: string, source: Source = 'reader'): Exec {
    const prefix = source === 'live' ? ['nice', '-n', '19'] : [];
    return (cmd) =>
      this.deps.driver.exec(containerId, [...prefix, ...cmd], {
        timeoutMs: this.deps.timeoutMs,
        maxBytes: MAX_OUTPUT,
      });
  }

  private labOf(session: LiveSession): Lab {
    const lab = this.deps.labs.get(session.row.lab);
    if (!lab)
      throw new NetlabError(
        'NETLAB_ERR_UNKNOWN_LAB',
        `The lab "${session.row.lab}" of this session no longer exists.`,
      );
    return lab;
  }

  private taskOf(lab: Lab, taskId: string) {
    const task = lab.tasks.find((t) => t.id === taskId);
    if (!task)
      throw new NetlabError(
        'NETLAB_ERR_UNKNOWN_TASK',
        `The lab "${lab.id}" has no task "${taskId}".`,
      );
    return task;
  }

  /**
   * Checks one task or all of them; answers with the session's full task list.
   * A reader's check is recorded whole; a live re-check records only the tasks
   * whose verdict changed, so that the history (and a workshop's attempts)
   * counts what the reader did, not the clock.
   */
  async check(
    session: LiveSession,
    locale: Locale,
    taskId?: string,
    source: Source = 'reader',
  ): Promise<TaskResult[]> {
    const containerId = this.deps.sessions.sandboxOf(session);
    const lab = this.labOf(session);
    if (taskId !== undefined) this.taskOf(lab, taskId);
    const fresh = await checkTasks(this.exec(containerId, source), lab, session.row.params, {
      ...(taskId === undefined ? {} : { task: taskId }),
      locale,
      timeoutMs: this.deps.timeoutMs,
      evidence: this.evidenceOf(session),
    });
    const at = this.deps.now();
    const merged = mergeResults(lab, session.tasks, fresh);
    const kept = source === 'reader' ? fresh : changed(session.tasks, merged, fresh);
    if (kept.length) await this.deps.store.recordChecks(session.row.id, kept, at);
    session.tasks = merged;
    if (kept.length) this.recorded(session, kept, at);
    return session.tasks;
  }

  onResults(listener: ResultsListener): void {
    this.listeners.push(listener);
  }

  private recorded(session: LiveSession, results: TaskResult[], at: number): void {
    for (const listener of this.listeners) {
      try {
        listener(session, results, at);
      } catch (error) {
        this.deps.log.error({ err: error, session: session.row.id }, 'results listener failed');
      }
    }
  }

  async answer(
    session: LiveSession,
    taskId: string,
    answer: string,
    locale: Locale,
  ): Promise<TaskResult> {
    const containerId = this.deps.sessions.sandboxOf(session);
    const lab = this.labOf(session);
    const task = this.taskOf(lab, taskId);
    if (task.kind !== 'answer') {
      throw new NetlabError(
        'NETLAB_ERR_BAD_REQUEST',
        `Task "${taskId}" is checked from the sandbox; it takes no answer.`,
      );
    }
    const verdict = await checkAnswer(
      this.exec(containerId),
      lab,
      session.row.params,
      taskId,
      answer,
      locale,
    );
    const result: TaskResult = { id: taskId, passed: verdict.passed, detail: verdict.detail };
    const at = this.deps.now();
    await this.deps.store.recordAnswer(session.row.id, taskId, answer, verdict.passed, at);
    await this.deps.store.recordChecks(session.row.id, [result], at);
    session.tasks = mergeResults(lab, session.tasks, [result]);
    this.recorded(session, [result], at);
    return result;
  }

  topology(session: LiveSession): Promise<Topology> {
    return readTopology(this.exec(this.deps.sessions.sandboxOf(session)));
  }

  /**
   * Queues a re-check of each ready session that has a terminal attached and a
   * task still open, once per interval at the session's own phase, and reports
   * sessions whose task list changed.
   */
  startLive(
    intervalMs: number,
    push: (sessionId: string, tasks: TaskResult[]) => void,
  ): () => void {
    const schedule = new LiveSchedule(intervalMs);
    this.pushLive = push;
    const timer = setInterval(
      () => {
        const attached = new Map(this.deps.sessions.attached().map((s) => [s.row.id, s]));
        for (const id of schedule.due([...attached.keys()], this.deps.now())) {
          const session = attached.get(id);
          if (session && this.hasOpenTasks(session)) this.queue(session);
        }
        for (const session of attached.values()) this.watchFor(session);
      },
      Math.min(LIVE_TICK_MS, intervalMs),
    );
    return () => {
      clearInterval(timer);
      this.pushLive = null;
    };
  }

  /** Waits for news from the sandbox of an attached session with open tasks (not while it is re-checked). */
  private watchFor(session: LiveSession): void {
    const { id, containerId } = session.row;
    if (containerId === null || this.live.has(id) || this.settling.has(id)) return;
    if (!this.hasOpenTasks(session)) return;
    this.watch.ensure(id, containerId, this.evidenceOf(session).cursor);
  }

  /** The sandbox reported news: re-check soon, or again right after the re-check under way. */
  private news(sessionId: string): void {
    this.settling.add(sessionId);
    setTimeout(() => {
      const session = this.deps.sessions.attached().find((s) => s.row.id === sessionId);
      if (session) this.queue(session, 'news');
      this.settling.delete(sessionId);
    }, SETTLE_MS);
  }

  private queue(session: LiveSession, source: 'live' | 'news' = 'live'): void {
    const push = this.pushLive;
    if (!push) return;
    const id = session.row.id;
    const queued = this.live.push(
      id,
      () => this.recheck(session, push, source),
      // News that came while this re-check waited or ran: check again once it is done.
      () => {
        if (this.dirty.delete(id)) this.queue(session, 'news');
      },
    );
    if (!queued) this.dirty.add(id);
  }

  private hasOpenTasks(session: LiveSession): boolean {
    const lab = this.deps.labs.get(session.row.lab);
    return (
      !!lab &&
      lab.tasks.some(
        (t) => t.kind !== 'answer' && (t.live || !session.tasks.find((r) => r.id === t.id)?.passed),
      )
    );
  }

  private async recheck(
    session: LiveSession,
    push: (sessionId: string, tasks: TaskResult[]) => void,
    source: 'live' | 'news',
  ): Promise<void> {
    // It may have ended, or lost its terminal, while it waited in the queue.
    if (session.row.status !== 'ready' || session.terminals === 0) return;
    try {
      const before = JSON.stringify(session.tasks);
      const tasks = await this.check(session, session.locale, undefined, source);
      if (JSON.stringify(tasks) !== before) push(session.row.id, tasks);
    } catch (error) {
      this.deps.log.debug({ err: error, session: session.row.id }, 'live check failed');
    }
  }
}

/** The fresh results of tasks whose standing (after the passed-stays-passed rule) flipped. */
function changed(before: TaskResult[], after: TaskResult[], fresh: TaskResult[]): TaskResult[] {
  const was = new Map(before.map((t) => [t.id, t.passed]));
  const now = new Map(after.map((t) => [t.id, t.passed]));
  return fresh.filter((r) => was.get(r.id) !== now.get(r.id));
}

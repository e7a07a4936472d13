/**
 * Grading a session: runs a lab's checks and answers against the session's
 * sandbox (through the driver's exec, never Docker's API), keeps the rule that a
 * passed task stays passed unless the lab marks it live, records every result,
 * and re-checks open tasks of sessions with a terminal attached so that tasks
 * tick off without a click.
 */
import { NetlabError } from './errors.ts';
import {
  checkAnswer,
  checkTasks,
  readTopology,
  type Exec,
  type Topology,
} from './grading/grader.ts';
import type { Lab } from './grading/lab-schema.ts';
import type { Logger } from './logger.ts';
import type { Locale, TaskResult } from './protocol.ts';
import type { SandboxDriver } from './sandbox/driver.ts';
import type { LiveSession, SessionManager } from './sessions.ts';
import type { SessionStore } from './store/store.ts';
import { mergeResults } from './checks/merge.ts';

/** Output kept of one grading command; more is cut (and said so). */
const MAX_OUTPUT = 1024 * 1024;

export interface CheckDeps {
  driver: SandboxDriver;
  sessions: SessionManager;
  labs: ReadonlyMap<string, Lab>;
  store: SessionStore;
  log: Logger;
  now: () => number;
  timeoutMs: number;
}

/** Hears of every batch of recorded results (workshops: the live grid, webhooks). */
export type ResultsListener = (session: LiveSession, results: TaskResult[], at: number) => void;

export class CheckService {
  private readonly deps: CheckDeps;
  private readonly running = new Set<string>();
  private readonly listeners: ResultsListener[] = [];

  constructor(deps: CheckDeps) {
    this.deps = deps;
  }

  private exec(containerId: string): Exec {
    return (cmd) =>
      this.deps.driver.exec(containerId, cmd, {
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

  /** Checks one task or all of them; answers with the session's full task list. */
  async check(session: LiveSession, locale: Locale, taskId?: string): Promise<TaskResult[]> {
    const containerId = this.deps.sessions.sandboxOf(session);
    const lab = this.labOf(session);
    if (taskId !== undefined) this.taskOf(lab, taskId);
    const fresh = await checkTasks(this.exec(containerId), lab, session.row.params, {
      ...(taskId === undefined ? {} : { task: taskId }),
      locale,
      timeoutMs: this.deps.timeoutMs,
    });
    const at = this.deps.now();
    await this.deps.store.recordChecks(session.row.id, fresh, at);
    session.tasks = mergeResults(lab, session.tasks, fresh);
    this.recorded(session, fresh, at);
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
   * Every interval, re-checks the open tasks of each ready session that has a
   * terminal attached, and reports sessions whose task list changed.
   */
  startLive(
    intervalMs: number,
    push: (sessionId: string, tasks: TaskResult[]) => void,
  ): () => void {
    const timer = setInterval(() => {
      for (const session of this.deps.sessions.attached()) void this.recheck(session, push);
    }, intervalMs);
    return () => clearInterval(timer);
  }

  private async recheck(
    session: LiveSession,
    push: (sessionId: string, tasks: TaskResult[]) => void,
  ): Promise<void> {
    const lab = this.deps.labs.get(session.row.lab);
    if (!lab || session.row.status !== 'ready' || this.running.has(session.row.id)) return;
    const open = lab.tasks.some(
      (t) => t.kind !== 'answer' && (t.live || !session.tasks.find((r) => r.id === t.id)?.passed),
    );
    if (!open) return;
    this.running.add(session.row.id);
    try {
      const before = JSON.stringify(session.tasks);
      const tasks = await this.check(session, session.locale);
      if (JSON.stringify(tasks) !== before) push(session.row.id, tasks);
    } catch (error) {
      this.deps.log.debug({ err: error, session: session.row.id }, 'live check failed');
    } finally {
      this.running.delete(session.row.id);
    }
  }
}

/**
 * Grading a session: runs a lab's checks and answers against the session's
 * sandbox (through its handle's exec, never Docker's API), keeps each session's
 * evidence of what the reader did (engine events, shell records) between
 * checks, and hands every verdict to the session manager, which keeps the
 * task list (a passed task stays passed unless the lab marks it live), stores
 * it and tells its listeners. Live re-checks while a terminal is attached are
 * checks/live-checks.ts, which runs its checks through this service.
 */
import { NetlabError, isNetlabError } from './errors.ts';
import {
  checkAnswer,
  checkTasks,
  EvidenceLog,
  readTopology,
  type EvidenceCursor,
  type Exec,
  type Topology,
} from './grading/grader.ts';
import type { Lab, LabTask } from './labs.ts';
import type { Locale, TaskResult } from './protocol.ts';
import type { SessionHandle, SessionManager } from './sessions.ts';

/** Output kept of one grading command; more is cut (and said so). */
const MAX_OUTPUT = 1024 * 1024;

export interface CheckDeps {
  sessions: Pick<SessionManager, 'recordResults' | 'recordAnswer' | 'on'>;
  labs: ReadonlyMap<string, Lab>;
  timeoutMs: number;
}

/**
 * Who asked for a check: the reader (recorded whole, normal priority), the
 * interval's re-check (only changes recorded, lowest CPU priority), or news from
 * the sandbox (only changes recorded, but normal priority: it answers the
 * reader's own action, which the reader is waiting to see ticked off).
 */
export type CheckSource = 'reader' | 'live' | 'news';

export class CheckService {
  private readonly deps: CheckDeps;
  /** Each session's evidence of the reader's actions, kept between checks. */
  private readonly evidence = new Map<string, EvidenceLog>();

  constructor(deps: CheckDeps) {
    this.deps = deps;
    deps.sessions.on('ended', ({ id }) => void this.evidence.delete(id));
  }

  private evidenceOf(sessionId: string): EvidenceLog {
    let log = this.evidence.get(sessionId);
    if (!log) {
      log = new EvidenceLog();
      this.evidence.set(sessionId, log);
    }
    return log;
  }

  /** Where the session's next evidence read starts (what a live wait waits past). */
  evidenceCursor(sessionId: string): EvidenceCursor {
    return this.evidenceOf(sessionId).cursor;
  }

  /** Shells open in the sandbox's containers (`docker exec -it`), as far as the evidence knows. */
  openExecs(sessionId: string): number {
    return this.evidence.get(sessionId)?.openExecs() ?? 1;
  }

  /**
   * Grading commands in the sandbox. Live re-checks are background work and run
   * at the lowest CPU priority, so that on a busy machine the readers' shells
   * (tmux, bash) get the CPU first: measured with 50 terminals, keystroke echo
   * p99 fell by a third to a half (BENCHMARKS.md).
   *
   * The grader turns a failed exec into checks that could not run (it never
   * throws); the handle's named failure (a machine still starting, gone, an
   * engine down) is kept here and thrown once the grader is done, so that the
   * client hears it with its code rather than as tasks that failed.
   */
  private async graded<T>(
    session: SessionHandle,
    source: CheckSource,
    grade: (exec: Exec) => Promise<T>,
  ): Promise<T> {
    const prefix = source === 'live' ? ['nice', '-n', '19'] : [];
    let failure: NetlabError | undefined;
    const result = await grade(async (cmd) => {
      try {
        return await session.exec([...prefix, ...cmd], {
          timeoutMs: this.deps.timeoutMs,
          maxBytes: MAX_OUTPUT,
        });
      } catch (error) {
        if (isNetlabError(error)) failure ??= error;
        throw error;
      }
    });
    if (failure) throw failure;
    return result;
  }

  private labOf(session: SessionHandle): Lab {
    const lab = this.deps.labs.get(session.lab);
    if (!lab)
      throw new NetlabError(
        'NETLAB_ERR_UNKNOWN_LAB',
        `The lab "${session.lab}" of this session no longer exists.`,
      );
    return lab;
  }

  private taskOf(lab: Lab, taskId: string): LabTask {
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
   * whose verdict changed (SessionManager.recordResults).
   */
  async check(
    session: SessionHandle,
    locale: Locale,
    taskId?: string,
    source: CheckSource = 'reader',
  ): Promise<TaskResult[]> {
    const lab = this.labOf(session);
    if (taskId !== undefined) this.taskOf(lab, taskId);
    const fresh = await this.graded(session, source, (exec) =>
      checkTasks(exec, lab, session.params, {
        ...(taskId === undefined ? {} : { task: taskId }),
        locale,
        timeoutMs: this.deps.timeoutMs,
        evidence: this.evidenceOf(session.id),
      }),
    );
    return this.deps.sessions.recordResults(session.id, fresh, source === 'reader');
  }

  async answer(
    session: SessionHandle,
    taskId: string,
    answer: string,
    locale: Locale,
  ): Promise<TaskResult> {
    const lab = this.labOf(session);
    const task = this.taskOf(lab, taskId);
    if (task.kind !== 'answer') {
      throw new NetlabError(
        'NETLAB_ERR_BAD_REQUEST',
        `Task "${taskId}" is checked from the sandbox; it takes no answer.`,
      );
    }
    const verdict = await this.graded(session, 'reader', (exec) =>
      checkAnswer(exec, lab, session.params, taskId, answer, locale),
    );
    const result: TaskResult = { id: taskId, passed: verdict.passed, detail: verdict.detail };
    await this.deps.sessions.recordAnswer(session.id, answer, result);
    return result;
  }

  topology(session: SessionHandle): Promise<Topology> {
    return this.graded(session, 'reader', (exec) => readTopology(exec));
  }
}

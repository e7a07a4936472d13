/**
 * Rebuilding an ended session: a new session of the same lab, Docker
 * generation and parameters (and learner), whose tasks start where the old
 * one's stood and whose machine gets the old one's work back before it is
 * ready. The old machine's command log is kept as it is removed (keepJournal);
 * the plan (rebuild/plan.ts) decides between replaying the reader's own lines
 * and the lab's solution; rebuild/restore.ts carries it out.
 */
import { checkTasks, COMMAND_LOG, execInSandbox } from '../grading/grader.ts';
import type { Lab } from '../labs.ts';
import type { Locale, RebuildReport, TaskResult } from '../protocol.ts';
import type { SandboxDriver } from '../sandbox/driver.ts';
import type { SessionRow, SessionStore } from '../store/store.ts';
import { NetlabError } from '../errors.ts';
import { isLive, restoreTasks } from './live.ts';
import { tokenMatches } from './tokens.ts';
import { readJournal } from './rebuild/journal.ts';
import { planRebuild, type RebuildPlan } from './rebuild/plan.ts';
import { restoreWork } from './rebuild/restore.ts';
import type { SandboxExec } from './rebuild/replay.ts';

/** A line that runs longer than this is not replayed (it waited on something). */
export const REPLAY_LINE_MS = 60_000;
/** The most of a command log that is kept. */
const JOURNAL_MAX_BYTES = 512 * 1024;

/** What a rebuilding session starts with. */
export interface RebuildStart {
  from: SessionRow;
  /** The old session's tasks: those it passed stay passed. */
  tasks: TaskResult[];
  plan: RebuildPlan;
  report: RebuildReport;
  /** The language of the transcript in the terminal. */
  locale: Locale;
}

/**
 * How long a rebuild waits for another server to end a session past its time
 * limit: its sweep (every few seconds) keeps the command log (3 s at most) first.
 */
export const ENDING_WAIT_MS = 10_000;
const ENDING_POLL_MS = 250;

/**
 * The ended session a rebuild starts from: opened by its own token (a learner's,
 * only by them through their workshop), and over; one past its end that the
 * sweep has not reached yet is ended first (here) or waited for (another server's).
 */
export async function endedSession(
  id: string,
  request: { token: string | undefined; owner?: { participantId: string } },
  deps: {
    store: Pick<SessionStore, 'getSession'>;
    overdue: () => boolean;
    sweep: () => Promise<void>;
    now: () => number;
    sleep: (ms: number) => Promise<void>;
  },
): Promise<SessionRow> {
  if (!request.token) throw new NetlabError('NETLAB_ERR_UNAUTHORIZED');
  const stored = await deps.store.getSession(id);
  if (!stored || !tokenMatches(request.token, stored.tokenHash))
    throw new NetlabError('NETLAB_ERR_FORBIDDEN');
  if (deps.overdue()) await deps.sweep();
  let from = (await deps.store.getSession(id)) ?? stored;
  for (let waited = 0; waited < ENDING_WAIT_MS; waited += ENDING_POLL_MS) {
    if (!isLive(from) || from.expiresAt > deps.now()) break;
    await deps.sleep(ENDING_POLL_MS);
    from = (await deps.store.getSession(id)) ?? from;
  }
  if (isLive(from)) throw new NetlabError('NETLAB_ERR_SESSION_LIVE');
  if (from.participantId !== (request.owner?.participantId ?? null))
    throw new NetlabError(
      'NETLAB_ERR_FORBIDDEN',
      "A workshop learner's machine is rebuilt from their workshop page.",
    );
  return from;
}

/** Reads the old machine's command log and task history, and plans the rebuild. */
export async function startRebuild(
  from: SessionRow,
  lab: Lab,
  store: Pick<SessionStore, 'journal' | 'taskHistory'>,
  locale: Locale,
): Promise<RebuildStart> {
  const [log, history] = await Promise.all([store.journal(from.id), store.taskHistory(from.id)]);
  const plan = planRebuild(log === null ? null : readJournal(log), { maxLineMs: REPLAY_LINE_MS });
  const tasks = restoreTasks(lab, history).map((t) => (t.passed ? t : { ...t, detail: null }));
  const report: RebuildReport = {
    from: from.id,
    state: 'running',
    mode: plan.mode,
    fallback: plan.mode === 'solution' ? plan.fallback : null,
    lines: plan.mode === 'journal' ? plan.lines : [],
    replayed: 0,
    failed: null,
    carried: tasks.filter((t) => t.passed).map((t) => t.id),
    ms: null,
  };
  return { from, tasks, plan, report, locale };
}

/** The step prepare() runs once the new machine is set up: the old work, brought back. */
export function restoreStep(
  start: RebuildStart,
  lab: Lab,
  solution: string | null,
  /** When the new session was asked for (its row's createdAt), and the clock. */
  clock: { since: number; now: () => number },
): (exec: SandboxExec) => Promise<void> {
  const { report, plan, from, locale } = start;
  return async (exec) => {
    const check = () =>
      checkTasks(
        (cmd) => exec(cmd, { timeoutMs: 10_000, maxBytes: 4 * 1024 * 1024 }),
        lab,
        from.params,
        {
          locale,
        },
      );
    try {
      await restoreWork(plan, report, {
        ...{ exec, params: from.params, solution, check, locale },
        ...{ lineTimeoutMs: REPLAY_LINE_MS, progress: () => undefined },
      });
    } catch (error) {
      report.failed = { line: error instanceof Error ? error.message : String(error), status: -1 };
    }
    report.state = 'done';
    report.ms = clock.now() - clock.since;
  };
}

/** Keeps a machine's command log before it is removed; a failure only loses the replay. */
export async function keepJournal(
  driver: Pick<SandboxDriver, 'exec'>,
  store: Pick<SessionStore, 'saveJournal'>,
  row: SessionRow,
  at: number,
): Promise<void> {
  if (!row.containerId) return;
  const exec = execInSandbox(driver, row.containerId, {
    timeoutMs: 3000,
    maxBytes: JOURNAL_MAX_BYTES,
  });
  // No log yet is a reader who typed nothing: an empty journal, not a missing one.
  const r = await exec(['sh', '-c', `cat ${COMMAND_LOG} 2>/dev/null; true`]);
  if (r.exitCode === 0) await store.saveJournal(row.id, r.stdout, at);
}

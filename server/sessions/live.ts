/**
 * A session as the server holds it in memory, and the pure functions over it:
 * whether it is live, how its tasks are restored from stored results, and the
 * view the API answers with.
 */
import { NetlabError } from '../errors.ts';
import type { Lab } from '../labs.ts';
import type { Locale, RebuildReport, SessionView, TaskResult } from '../protocol.ts';
import type { SessionRow } from '../store/store.ts';

export interface LiveSession {
  row: SessionRow;
  /** When the last reader's terminal detached (or the session started); null while one is attached. */
  idleSince: number | null;
  /** Each task's state, in the lab's order. */
  tasks: TaskResult[];
  /** The language of the reader's last terminal, for live task feedback. */
  locale: Locale;
  /** How its machine was brought back, when it rebuilds an ended session. */
  rebuild?: RebuildReport;
}

/** The limits a session's view states: when idling ends it, how far it may be extended. */
export interface ViewLimits {
  idleTtlMs: number;
  maxSessionMs: number;
}

/** The lab a session is of; an unknown id is the caller's mistake. */
export function labOf(labs: ReadonlyMap<string, Lab>, id: string): Lab {
  const lab = labs.get(id);
  if (!lab)
    throw new NetlabError(
      'NETLAB_ERR_UNKNOWN_LAB',
      `There is no lab "${id}"; GET /api/labs lists them.`,
    );
  return lab;
}

/** Whether the session's sandbox may exist (starting or ready). */
export function isLive(row: SessionRow): boolean {
  return row.status === 'starting' || row.status === 'ready';
}

/**
 * Refuses a live session whose sandbox another lab server holds (servers that
 * share one PostgreSQL see each other's sessions, but not each other's engines).
 */
export function requireHere(row: SessionRow, instance: string): void {
  if (row.instance === instance || !isLive(row)) return;
  throw new NetlabError(
    'NETLAB_ERR_OTHER_SERVER',
    `This session's lab machine runs on lab server "${row.instance}", which lab server "${instance}" cannot reach now; try again in a moment.`,
  );
}

/** Every task of a lab open, as a new session starts. */
export function openTasks(lab: Lab): TaskResult[] {
  return lab.tasks.map((t) => ({ id: t.id, passed: false, detail: null }));
}

/**
 * A session's tasks as its stored check results left them: a task that ever
 * passed stays passed unless the lab marks it live.
 */
export function restoreTasks(
  lab: Lab | undefined,
  history: readonly { result: TaskResult; everPassed: boolean }[],
): TaskResult[] {
  const byTask = new Map(history.map((h) => [h.result.id, h]));
  return (lab?.tasks ?? []).map((task) => {
    const h = byTask.get(task.id);
    if (!h) return { id: task.id, passed: false, detail: null };
    return h.everPassed && !task.live ? { id: task.id, passed: true, detail: null } : h.result;
  });
}

export function sessionView(session: LiveSession, limits: ViewLimits): SessionView {
  const { row, idleSince } = session;
  const idleEnds = isLive(row) && idleSince !== null ? idleSince + limits.idleTtlMs : null;
  return {
    id: row.id,
    lab: row.lab,
    status: row.status,
    ...(row.reason ? { reason: row.reason } : {}),
    expiresAt: new Date(row.expiresAt).toISOString(),
    tasks: session.tasks,
    params: row.params,
    generation: row.generation,
    idleEndsAt: idleEnds === null ? null : new Date(idleEnds).toISOString(),
    extendableUntil: new Date(row.createdAt + limits.maxSessionMs).toISOString(),
    ...(session.rebuild && { rebuild: session.rebuild }),
  };
}

/** A session's end pushed `extendMs` later, never past `maxSessionMs` after it began. */
export function extended(
  row: Pick<SessionRow, 'createdAt' | 'expiresAt'>,
  limits: { extendMs: number; maxSessionMs: number },
): { expiresAt: number; until: number } {
  const until = row.createdAt + limits.maxSessionMs;
  const expiresAt = Math.min(row.expiresAt + limits.extendMs, until);
  if (expiresAt <= row.expiresAt) throw new NetlabError('NETLAB_ERR_EXTEND_LIMIT');
  return { expiresAt, until };
}

/** Why a session is over at `now` (its hard TTL, or idle too long), or null while it may go on. */
export function expiryReason(session: LiveSession, now: number, idleTtlMs: number): string | null {
  if (now >= session.row.expiresAt) return 'the session reached its time limit';
  if (session.idleSince !== null && now - session.idleSince >= idleTtlMs) {
    const minutes = Math.max(1, Math.round(idleTtlMs / 60000));
    return `no terminal was attached for ${minutes} minutes`;
  }
  return null;
}

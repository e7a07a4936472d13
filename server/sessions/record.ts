/**
 * Recording fresh check results of a live session: what the store keeps, the
 * task list the session then holds, and the event listeners hear.
 */
import type { Lab } from '../labs.ts';
import type { TaskResult } from '../protocol.ts';
import { subjectOf, type SessionEventBus } from './events.ts';
import type { LiveSession } from './live.ts';
import { flipped, mergeResults } from './results.ts';
import type { SessionDeps } from './types.ts';

export interface RecordDeps extends Pick<SessionDeps, 'store' | 'now'> {
  events: SessionEventBus;
}

/**
 * Stores `fresh` results and answers with the session's whole task list.
 * `whole`: every result is stored (the reader asked); otherwise only those
 * whose standing flipped, so that the history (and a workshop's attempts)
 * counts what the reader did, not the clock.
 */
export async function recordResults(
  session: LiveSession,
  lab: Lab,
  fresh: TaskResult[],
  whole: boolean,
  deps: RecordDeps,
): Promise<TaskResult[]> {
  const { row } = session;
  const before = session.tasks;
  const merged = mergeResults(lab, before, fresh);
  const kept = whole ? fresh : flipped(before, merged, fresh);
  const at = deps.now();
  if (kept.length) await deps.store.recordChecks(row.id, kept, at);
  session.tasks = merged;
  if (kept.length || JSON.stringify(before) !== JSON.stringify(merged))
    await deps.events.emit('results', { ...subjectOf(row), results: kept, tasks: merged, at });
  return merged;
}

/**
 * A new session, once stored, set going: a rebuild's carried tasks recorded as
 * its first results, listeners told it started, then its machine made (or the
 * warm one set up) and, for a rebuild, the reader's work brought back.
 */
import type { Lab } from '../labs.ts';
import type { TaskResult } from '../protocol.ts';
import type { SandboxInfo } from '../sandbox/driver.ts';
import { subjectOf, type SessionEventBus } from './events.ts';
import type { LiveSession } from './live.ts';
import { prepare, type PrepareDeps } from './prepare.ts';
import { restoreStep, type RebuildStart } from './rebuild.ts';
import type { SessionDeps } from './types.ts';

export interface LaunchDeps extends PrepareDeps, Pick<SessionDeps, 'store' | 'solutions'> {
  events: SessionEventBus;
}

/** Answers once listeners know; `preparing` settles when the machine is ready or has failed. */
export async function launch(
  session: LiveSession,
  lab: Lab,
  warm: SandboxInfo | undefined,
  rebuild: RebuildStart | undefined,
  deps: LaunchDeps,
): Promise<{ preparing: Promise<void> }> {
  const { row } = session;
  if (rebuild) await deps.store.recordChecks(row.id, carried(rebuild), row.createdAt);
  await deps.events.emit('started', {
    ...subjectOf(row),
    expiresAt: row.expiresAt,
    createdAt: row.createdAt,
  });
  const solution = deps.solutions?.get(lab.id) ?? null;
  const restore =
    rebuild && restoreStep(rebuild, lab, solution, { since: row.createdAt, now: deps.now });
  return { preparing: prepare(session, lab, warm, deps, restore) };
}

/** The old session's passed tasks, recorded as the new one's first results. */
function carried(rebuild: RebuildStart): TaskResult[] {
  return rebuild.tasks.filter((t) => t.passed);
}

/**
 * Who may open a session: its reader by their token, and a workshop learner's
 * instructor, read-only, by the peek secret. A session this server does not
 * hold live is read from the store, with its tasks as they stand.
 */
import { NetlabError } from '../errors.ts';
import type { TaskResult } from '../protocol.ts';
import type { SessionRow } from '../store/store.ts';
import { restoreTasks, type LiveSession } from './live.ts';
import { tokenMatches } from './tokens.ts';
import type { SessionDeps } from './types.ts';

type StoreDeps = Pick<SessionDeps, 'store' | 'labs'>;

/** The session `token` opens, and whether only to watch; the same refusal whether it exists or not. */
export function opened(
  session: LiveSession | undefined,
  token: string,
): { session: LiveSession; readOnly: boolean } {
  const owner = session && tokenMatches(token, session.row.tokenHash);
  const peek = session?.row.peekHash && tokenMatches(token, session.row.peekHash);
  // The same answer whether the session exists or not, so ids cannot be probed.
  if (!session || !(owner || peek)) throw new NetlabError('NETLAB_ERR_FORBIDDEN');
  return { session, readOnly: !owner };
}

/** A session as the store has it (live on another server, or over), its tasks restored. */
export async function sessionFromStore(
  id: string,
  deps: StoreDeps,
): Promise<LiveSession | undefined> {
  const row = await deps.store.getSession(id);
  const tasks = row && (await restoredTasks(row, deps));
  return row && tasks && { row, idleSince: null, tasks, locale: 'en' };
}

/** A session's tasks from its check history. */
export async function restoredTasks(row: SessionRow, deps: StoreDeps): Promise<TaskResult[]> {
  return restoreTasks(deps.labs.get(row.lab), await deps.store.taskHistory(row.id));
}

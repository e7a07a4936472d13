import type { Logger } from '../logger.ts';
import type { SandboxDriver } from '../sandbox/driver.ts';
import type { SessionRow, SessionStore } from '../store/store.ts';

/**
 * At start-up: keeps the sandboxes of sessions that are still live in the store
 * (a restart, even after SIGKILL, leaves readers their machines and shells) and
 * removes every other labelled sandbox a previous server left behind; the
 * sessions it cannot resume are returned ended, for their listeners. Only this
 * instance's sessions and sandboxes: other servers on the same engine or the
 * same PostgreSQL keep theirs.
 */
export async function reapAndAdopt(deps: {
  driver: SandboxDriver;
  store: SessionStore;
  log: Logger;
  now: () => number;
  instance: string;
}): Promise<{ adopted: SessionRow[]; ended: SessionRow[] }> {
  const { driver, store, log, now } = deps;
  let sandboxes;
  try {
    sandboxes = await driver.list();
  } catch (error) {
    log.warn({ err: error }, 'reaper: Docker unreachable, nothing adopted or removed');
    return { adopted: [], ended: [] };
  }
  const live = new Map((await store.liveSessions(deps.instance)).map((row) => [row.id, row]));
  const adopted: SessionRow[] = [];
  const removed: Promise<void>[] = [];
  for (const sandbox of sandboxes) {
    const row = live.get(sandbox.sessionId);
    if (
      row?.status === 'ready' &&
      sandbox.running &&
      row.containerId === sandbox.containerId &&
      row.expiresAt > now()
    ) {
      adopted.push(row);
      live.delete(row.id);
    } else {
      removed.push(driver.destroy(sandbox.containerId));
    }
  }
  await Promise.allSettled(removed);
  const ended: SessionRow[] = [];
  for (const row of live.values()) {
    const patch = {
      status: row.status === 'starting' ? ('failed' as const) : ('ended' as const),
      reason: 'the lab server restarted and this session could not be resumed',
      endedAt: now(),
    };
    await store.updateSession(row.id, patch);
    ended.push({ ...row, ...patch });
  }
  log.info(
    { adopted: adopted.length, removed: removed.length },
    'reaper: previous sandboxes handled',
  );
  return { adopted, ended };
}

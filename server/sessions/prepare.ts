/**
 * Bringing a new session's machine up: makes (or takes) its sandbox, then runs
 * the lab's setup; the session ends up ready, or failed with the reason.
 */
import { runSetup, type Lab } from '../labs.ts';
import type { Logger } from '../logger.ts';
import type { SandboxDriver, SandboxInfo } from '../sandbox/driver.ts';
import type { SessionRow } from '../store/store.ts';
import type { LiveSession } from './live.ts';
import type { SandboxExec } from './rebuild/replay.ts';

export interface PrepareDeps {
  driver: SandboxDriver;
  log: Logger;
  now: () => number;
  update: (session: LiveSession, patch: Partial<Omit<SessionRow, 'id'>>) => Promise<void>;
  fail: (id: string, reason: string) => Promise<void>;
}

export async function prepare(
  session: LiveSession,
  lab: Lab,
  warm: SandboxInfo | undefined,
  deps: PrepareDeps,
  /** Run after the setup, before the session is ready: a rebuild's replay. */
  restore?: (exec: SandboxExec) => Promise<void>,
): Promise<void> {
  const started = deps.now();
  const { driver } = deps;
  try {
    const sandbox = warm ?? (await driver.create(session.row.id, session.row.generation));
    await deps.update(session, { containerId: sandbox.containerId });
    // The reader may have ended the session while its sandbox was starting.
    if (cancelled(session)) return await driver.destroy(sandbox.containerId);
    const exec: SandboxExec = (cmd, o) => driver.exec(sandbox.containerId, cmd, o);
    await runSetup(exec, lab, session.row.params);
    if (restore && !cancelled(session)) await restore(exec);
    if (cancelled(session)) return;
    await deps.update(session, { status: 'ready' });
    const ms = deps.now() - started;
    deps.log.info({ session: session.row.id, lab: lab.id, warm: !!warm, ms }, 'session ready');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    deps.log.warn({ session: session.row.id, reason }, 'session failed');
    await deps.fail(session.row.id, reason);
  }
}

function cancelled(session: LiveSession): boolean {
  return session.row.status !== 'starting';
}

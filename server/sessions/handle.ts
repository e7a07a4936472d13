/**
 * A session as everything above the session manager sees it: who it is, its
 * state, and its sandbox through exec and attach bound to that one machine.
 * Nobody else holds a container id or the driver. The engine's failures come
 * out named from the catalogue: a machine that is gone ends its session
 * (NETLAB_ERR_SESSION_ENDED), an engine that does not answer is
 * NETLAB_ERR_DOCKER_UNREACHABLE; a machine still starting, ended or held by
 * another server says so before anything runs.
 */
import { NetlabError } from '../errors.ts';
import type { Locale, SessionStatus, SessionView, TaskResult } from '../protocol.ts';
import type {
  AttachOptions,
  ExecOptions,
  ExecResult,
  SandboxDriver,
  TtyProcess,
} from '../sandbox/driver.ts';
import { EngineDownError, SandboxGoneError } from '../sandbox/driver.ts';
import { isLive, requireHere, sessionView, type LiveSession, type ViewLimits } from './live.ts';

export type { AttachOptions, ExecOptions, ExecResult, TtyProcess };

export interface SessionHandle {
  readonly id: string;
  readonly lab: string;
  readonly params: Readonly<Record<string, string>>;
  readonly participantId: string | null;
  /** The lab server whose engine holds the sandbox (its INSTANCE name). */
  readonly instance: string;
  /** Whether this server holds the sandbox; another server's live session is served there. */
  readonly local: boolean;
  status(): SessionStatus;
  tasks(): readonly TaskResult[];
  /** The language of the reader's last terminal, for live task feedback. */
  locale(): Locale;
  view(): SessionView;
  exec(cmd: string[], options: ExecOptions): Promise<ExecResult>;
  attach(options: AttachOptions): Promise<TtyProcess>;
}

export interface HandleDeps {
  driver: Pick<SandboxDriver, 'exec' | 'attach'>;
  /** This server's INSTANCE name. */
  instance: string;
  limits: ViewLimits;
  /** Ends a session whose machine is gone; resolves once it is recorded. */
  gone: (id: string, reason: string) => Promise<void>;
}

/** The handle of a session the manager holds (or read from the store). */
export function handleOf(session: LiveSession, deps: HandleDeps): SessionHandle {
  const { row } = session;
  const run = <T>(work: (containerId: string) => Promise<T>): Promise<T> =>
    onSandbox(session, deps, work);
  return {
    id: row.id,
    lab: row.lab,
    params: row.params,
    participantId: row.participantId,
    instance: row.instance,
    local: row.instance === deps.instance || !isLive(row),
    status: () => row.status,
    tasks: () => session.tasks,
    locale: () => session.locale,
    view: () => sessionView(session, deps.limits),
    exec: (cmd, options) => run((id) => deps.driver.exec(id, cmd, options)),
    attach: (options) => run((id) => deps.driver.attach(id, options)),
  };
}

/** Runs `work` on the session's ready sandbox, with the engine's failures named. */
async function onSandbox<T>(
  session: LiveSession,
  deps: HandleDeps,
  work: (containerId: string) => Promise<T>,
): Promise<T> {
  const { row } = session;
  requireHere(row, deps.instance);
  if (row.status === 'starting') throw new NetlabError('NETLAB_ERR_SESSION_NOT_READY');
  if (row.status !== 'ready' || !row.containerId)
    throw new NetlabError('NETLAB_ERR_SESSION_ENDED', row.reason ?? undefined);
  try {
    return await work(row.containerId);
  } catch (error) {
    if (error instanceof SandboxGoneError) {
      const reason = 'the lab machine stopped or was removed';
      await deps.gone(row.id, reason);
      throw new NetlabError(
        'NETLAB_ERR_SESSION_ENDED',
        `This lab session has ended: ${reason}. Start the lab again for a fresh machine.`,
        { cause: error },
      );
    }
    if (error instanceof EngineDownError)
      throw new NetlabError('NETLAB_ERR_DOCKER_UNREACHABLE', undefined, { cause: error });
    throw error;
  }
}

/**
 * The boundary between the lab server and whatever runs sandboxes. Only the
 * session manager holds a driver (and the `netlab` CLI, which runs labs on
 * sandboxes of its own); terminals and grading reach a sandbox through a
 * session's handle. `docker-driver.ts` is the one implementation on a real
 * engine (and the only module that imports dockerode); `fake-driver.ts` is an
 * in-memory one for fast tests.
 *
 * exec and attach name the two failures a caller must tell apart: the sandbox
 * is gone (SandboxGoneError: removed or stopped; nothing will bring it back)
 * and the engine is down (EngineDownError: its socket refuses; it may return).
 */
import type { Duplex } from 'node:stream';
import type { Generation } from '../generations.ts';

/** Label keys set on every container a driver creates. */
export const LABEL_SESSION = 'netlab.session';
export const LABEL_ROLE = 'netlab.role';
/** Which lab server owns a sandbox, so that servers sharing an engine leave each other's alone. */
export const LABEL_INSTANCE = 'netlab.instance';

export interface SandboxInfo {
  /** The engine's container id. */
  containerId: string;
  /** The session id this sandbox was created for (its `netlab.session` label). */
  sessionId: string;
  createdAt: Date;
  running: boolean;
}

export interface ExecOptions {
  /** Kill the command after this long. */
  timeoutMs: number;
  /** Keep at most this many bytes of stdout and of stderr. */
  maxBytes: number;
  /** Bytes written to the command's stdin, then closed. */
  stdin?: string;
}

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** Output went past `maxBytes` and was cut. */
  truncated: boolean;
  durationMs: number;
}

export interface AttachOptions {
  cmd: string[];
  cols: number;
  rows: number;
  env?: string[];
}

/** A command running with a TTY in a sandbox: its raw byte stream and controls. */
export interface TtyProcess {
  /** Terminal output (read) and input (write), raw bytes. */
  readonly stream: Duplex;
  resize(cols: number, rows: number): Promise<void>;
  /** Ends the command: closes its stream, after which the process exits. */
  close(): void;
}

export interface SandboxDriver {
  /** The engine's version, or a rejection saying why it cannot be reached. */
  ping(): Promise<{ version: string }>;
  /**
   * Creates and starts a sandbox of a Docker generation (by default the
   * configured default's), resolving once it is ready (inner engine up, images loaded).
   */
  create(sessionId: string, generation?: Generation): Promise<SandboxInfo>;
  exec(containerId: string, cmd: string[], options: ExecOptions): Promise<ExecResult>;
  attach(containerId: string, options: AttachOptions): Promise<TtyProcess>;
  destroy(containerId: string): Promise<void>;
  /** Every sandbox this server instance (its INSTANCE name) created on the engine. */
  list(): Promise<SandboxInfo[]>;
}

/** The sandbox no longer exists or no longer runs: its session is over. */
export class SandboxGoneError extends Error {
  override name = 'SandboxGoneError';
}

/** The engine does not answer at its socket: nothing can run until it is back. */
export class EngineDownError extends Error {
  override name = 'EngineDownError';
}

/** The same driver, making every sandbox of one Docker generation (for tools that test one). */
export function onGeneration(driver: SandboxDriver, generation: Generation): SandboxDriver {
  return {
    ping: () => driver.ping(),
    create: (sessionId) => driver.create(sessionId, generation),
    exec: (containerId, cmd, options) => driver.exec(containerId, cmd, options),
    attach: (containerId, options) => driver.attach(containerId, options),
    destroy: (containerId) => driver.destroy(containerId),
    list: () => driver.list(),
  };
}

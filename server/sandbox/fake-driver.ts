/**
 * A SandboxDriver in memory, for fast tests of everything above the driver
 * (sessions, checks, routes, workshops, terminals). Sandboxes are records;
 * exec answers through a replaceable handler; a terminal is an echoing byte
 * stream. It can make a sandbox vanish or the engine go down, so that callers'
 * handling of SandboxGoneError and EngineDownError is tested too. Integration
 * and e2e tests use the real engine, never this.
 */
import type { Generation } from '../generations.ts';
import { PassThrough } from 'node:stream';
import type {
  AttachOptions,
  ExecOptions,
  ExecResult,
  SandboxDriver,
  SandboxInfo,
  TtyProcess,
} from './driver.ts';
import { EngineDownError, SandboxGoneError } from './driver.ts';

/** Answers one exec: what the command printed and how it exited. */
export type FakeExec = (
  cmd: string[],
  containerId: string,
  options: ExecOptions,
) => Partial<ExecResult> | Promise<Partial<ExecResult>>;

export interface FakeTerminal {
  containerId: string;
  options: AttachOptions;
  /** Sizes it was resized to, in order. */
  sizes: [number, number][];
  process: TtyProcess;
  closed: boolean;
}

export class FakeDriver implements SandboxDriver {
  /** Sandboxes that exist, by container id. */
  readonly sandboxes = new Map<string, SandboxInfo>();
  /** Every exec, in order: its container and command. */
  readonly execs: { containerId: string; cmd: string[] }[] = [];
  readonly terminals: FakeTerminal[] = [];
  /** When true every call fails as a stopped engine does. */
  engineDown = false;
  /** Answers execs; by default every command succeeds and prints nothing. */
  onExec: FakeExec = () => ({});
  /** Makes create fail with this error (once set, every create). */
  createError: Error | null = null;
  private made = 0;
  private creating: Promise<void> | null = null;

  ping(): Promise<{ version: string }> {
    return this.engineDown ? Promise.reject(this.down()) : Promise.resolve({ version: 'fake' });
  }

  /** Holds every create until the returned function is called (a machine slow to start). */
  holdCreates(): () => void {
    let release = (): void => undefined;
    this.creating = new Promise((resolve) => (release = resolve));
    return () => {
      this.creating = null;
      release();
    };
  }

  /** The generation each sandbox was made for, by container id. */
  readonly generations = new Map<string, Generation | undefined>();

  async create(sessionId: string, generation?: Generation): Promise<SandboxInfo> {
    await (this.creating ?? Promise.resolve());
    if (this.engineDown) throw this.down();
    if (this.createError) throw this.createError;
    const info = {
      containerId: `fake-${++this.made}-${sessionId}`,
      sessionId,
      createdAt: new Date(),
      running: true,
    };
    this.sandboxes.set(info.containerId, info);
    this.generations.set(info.containerId, generation);
    return info;
  }

  async exec(containerId: string, cmd: string[], options: ExecOptions): Promise<ExecResult> {
    this.reachable(containerId);
    this.execs.push({ containerId, cmd });
    const answer = await this.onExec(cmd, containerId, options);
    // The sandbox may have been removed while the command ran.
    this.reachable(containerId);
    return {
      exitCode: 0,
      stdout: '',
      stderr: '',
      timedOut: false,
      truncated: false,
      durationMs: 1,
      ...answer,
    };
  }

  async attach(containerId: string, options: AttachOptions): Promise<TtyProcess> {
    await Promise.resolve();
    this.reachable(containerId);
    // What is typed comes back, as a terminal echoes it.
    const stream = new PassThrough();
    const terminal: FakeTerminal = {
      containerId,
      options,
      sizes: [],
      closed: false,
      process: {
        stream,
        resize: (cols, rows) => {
          terminal.sizes.push([cols, rows]);
          return Promise.resolve();
        },
        close: () => {
          terminal.closed = true;
          stream.end();
        },
      },
    };
    this.terminals.push(terminal);
    return terminal.process;
  }

  async destroy(containerId: string): Promise<void> {
    await Promise.resolve();
    if (this.engineDown) throw this.down();
    this.vanish(containerId);
  }

  async list(): Promise<SandboxInfo[]> {
    await Promise.resolve();
    if (this.engineDown) throw this.down();
    return [...this.sandboxes.values()];
  }

  /** Removes a sandbox behind everyone's back (its terminals end), as `docker rm -f` would. */
  vanish(containerId: string): void {
    this.sandboxes.delete(containerId);
    for (const t of this.terminals)
      if (t.containerId === containerId && !t.closed) t.process.close();
  }

  private reachable(containerId: string): void {
    if (this.engineDown) throw this.down();
    if (!this.sandboxes.has(containerId))
      throw new SandboxGoneError(`sandbox ${containerId}: no such container`);
  }

  private down(): EngineDownError {
    return new EngineDownError('the fake engine is down');
  }
}

import { PassThrough, type Writable } from 'node:stream';
import type Docker from 'dockerode';
import type { ExecOptions, ExecResult } from '../driver.ts';

/** Collects a stream's text up to a byte cap, noting whether anything was cut. */
class CappedSink extends PassThrough {
  private readonly chunks: Buffer[] = [];
  private readonly cap: number;
  private size = 0;
  truncated = false;

  constructor(cap: number) {
    super();
    this.cap = cap;
    this.on('data', (chunk: Buffer) => this.keep(chunk));
  }

  private keep(chunk: Buffer): void {
    const room = this.cap - this.size;
    if (chunk.length > room) this.truncated = true;
    if (room <= 0) return;
    const part = chunk.subarray(0, room);
    this.chunks.push(part);
    this.size += part.length;
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

/**
 * Runs a command in a sandbox without a TTY. The command is wrapped in
 * `timeout -s KILL` inside the sandbox, because the engine's API cannot kill an
 * exec; the local timer only stops waiting for a stream that never ends.
 */
export async function execInContainer(
  docker: Docker,
  containerId: string,
  cmd: string[],
  options: ExecOptions,
): Promise<ExecResult> {
  const started = performance.now();
  const seconds = Math.max(1, Math.ceil(options.timeoutMs / 1000));
  const exec = await docker.getContainer(containerId).exec({
    Cmd: ['timeout', '-s', 'KILL', String(seconds), ...cmd],
    AttachStdout: true,
    AttachStderr: true,
    AttachStdin: options.stdin !== undefined,
  });
  const stream = await exec.start({ hijack: true, stdin: options.stdin !== undefined });
  const stdout = new CappedSink(options.maxBytes);
  const stderr = new CappedSink(options.maxBytes);
  docker.modem.demuxStream(stream, stdout as Writable, stderr as Writable);
  if (options.stdin !== undefined) stream.end(options.stdin);

  const timedOut = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => {
      stream.destroy();
      resolve(true);
    }, options.timeoutMs + 2000);
    const done = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    stream.once('end', done);
    stream.once('close', done);
    stream.once('error', done);
  });
  const info = await exec.inspect();
  // ExitCode is null while the process still runs (a stream cut by the timer).
  const running: number | null = info.ExitCode;
  const exitCode = running ?? -1;
  return {
    exitCode,
    stdout: stdout.text(),
    stderr: stderr.text(),
    timedOut: timedOut || exitCode === 137,
    truncated: stdout.truncated || stderr.truncated,
    durationMs: performance.now() - started,
  };
}

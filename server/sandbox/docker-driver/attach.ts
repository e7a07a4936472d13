import type { Duplex } from 'node:stream';
import type Docker from 'dockerode';
import type { AttachOptions, TtyProcess } from '../driver.ts';
import { execInContainer } from './exec.ts';

/** The line the wrapper prints before anything else of its own: the process id inside the sandbox. */
const PID_LINE = /NETLAB_PID (\d+)\r?\n/;
/** How far into the stream the line is looked for: what comes before it is the engine's, not the shell's. */
const PID_WINDOW = 4096;

/**
 * Starts a command with a TTY. Closing a hijacked exec stream does not end the
 * process inside, so the command is wrapped to print its pid first; `close()`
 * then hangs it up, which is what a terminal emulator does when its window closes.
 */
export async function attachTty(
  docker: Docker,
  containerId: string,
  options: AttachOptions,
): Promise<TtyProcess> {
  try {
    return await startTty(docker, containerId, options);
  } catch (error) {
    // An exec that could not start (the engine briefly out of breath, a process
    // limit hit for an instant) is worth one more try before the reader sees it.
    if (!(error instanceof WrapperError)) throw error;
    return startTty(docker, containerId, options);
  }
}

/** The wrapper never said its pid: what came instead is in the message. */
class WrapperError extends Error {
  override name = 'WrapperError';
}

async function startTty(
  docker: Docker,
  containerId: string,
  options: AttachOptions,
): Promise<TtyProcess> {
  const exec = await docker.getContainer(containerId).exec({
    Cmd: [
      'sh',
      '-c',
      'stty -echo; echo "NETLAB_PID $$"; stty echo; exec "$@"',
      'sh',
      ...options.cmd,
    ],
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    Tty: true,
    Env: ['TERM=xterm-256color', 'LANG=C.UTF-8', ...(options.env ?? [])],
    ConsoleSize: [options.rows, options.cols],
  });
  const stream = await exec.start({ hijack: true, stdin: true, Tty: true });
  // Engines before API 1.42 ignore ConsoleSize; an explicit resize works on all.
  await exec.resize({ h: options.rows, w: options.cols }).catch(() => undefined);
  const pid = await readPid(stream);
  let closed = false;
  const hangUp = (): void => {
    if (closed) return;
    closed = true;
    stream.destroy();
    void execInContainer(docker, containerId, ['kill', '-HUP', String(pid)], {
      timeoutMs: 5000,
      maxBytes: 1024,
    }).catch(() => undefined);
  };
  stream.once('close', hangUp);
  return {
    stream,
    resize: async (cols, rows) => {
      await exec.resize({ h: rows, w: cols });
    },
    close: hangUp,
  };
}

function readPid(stream: Duplex): Promise<number> {
  return new Promise((resolve, reject) => {
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      head = Buffer.concat([head, chunk]);
      const match = PID_LINE.exec(head.toString('latin1'));
      if (!match?.[1]) {
        if (head.length > PID_WINDOW)
          fail(new WrapperError(`the terminal printed no pid: ${printable(head)}`));
        return;
      }
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.pause();
      const rest = head.subarray(match.index + match[0].length);
      if (rest.length) stream.unshift(rest);
      resolve(Number(match[1]));
    };
    const onEnd = (): void =>
      fail(new WrapperError(`the terminal ended before it started: ${printable(head)}`));
    const fail = (error: Error): void => {
      stream.off('data', onData);
      stream.destroy();
      reject(error);
    };
    stream.on('data', onData);
    stream.once('end', onEnd);
  });
}

/** The start of what a stream printed, readable in a log line. */
function printable(bytes: Buffer): string {
  const text = bytes
    .subarray(0, 200)
    .toString('utf8')
    // eslint-disable-next-line no-control-regex -- control bytes are what is replaced
    .replace(/[\x00-\x1f\x7f]+/g, ' ')
    .trim();
  return text ? JSON.stringify(text) : 'nothing';
}

import type { Duplex } from 'node:stream';
import type Docker from 'dockerode';
import type { AttachOptions, TtyProcess } from '../driver.ts';
import { execInContainer } from './exec.ts';

/** First line the wrapper prints: the process id inside the sandbox. */
const PID_LINE = /^NETLAB_PID (\d+)\r?\n/;

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
        if (head.length > 256) fail(new Error('terminal wrapper printed no pid'));
        return;
      }
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.pause();
      const rest = head.subarray(match[0].length);
      if (rest.length) stream.unshift(rest);
      resolve(Number(match[1]));
    };
    const onEnd = (): void => fail(new Error('terminal command ended before it started'));
    const fail = (error: Error): void => {
      stream.off('data', onData);
      stream.destroy();
      reject(error);
    };
    stream.on('data', onData);
    stream.once('end', onEnd);
  });
}

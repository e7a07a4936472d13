import { PassThrough, type Writable } from 'node:stream';
import type Docker from 'dockerode';

export type ReadyOutcome = { ready: true } | { ready: false; reason: string };

/**
 * Watches a sandbox's output for the entrypoint's "netlab: ready" line. The
 * attach happens before the container starts, so no line can be missed; the
 * outcome is failure when the entrypoint reports one, the container exits, or
 * the timeout passes, with the last lines it printed as the reason.
 */
export async function waitReady(
  docker: Docker,
  container: Docker.Container,
  start: () => Promise<void>,
  timeoutMs: number,
): Promise<ReadyOutcome> {
  // The attach stream is the hijacked socket; @types/dockerode types it without destroy().
  const stream = (await container.attach({
    stream: true,
    stdout: true,
    stderr: true,
  })) as NodeJS.ReadWriteStream & {
    destroy: () => void;
  };
  const lines = new PassThrough();
  docker.modem.demuxStream(stream, lines as Writable, lines as Writable);
  const tail: string[] = [];
  try {
    return await new Promise<ReadyOutcome>((resolve, reject) => {
      const timer = setTimeout(() => {
        resolve({ ready: false, reason: `not ready after ${timeoutMs} ms${lastLines(tail)}` });
      }, timeoutMs);
      let buffered = '';
      lines.on('data', (chunk: Buffer) => {
        buffered += chunk.toString('utf8');
        const parts = buffered.split('\n');
        buffered = parts.pop() ?? '';
        for (const line of parts) {
          tail.push(line);
          if (tail.length > 5) tail.shift();
          if (line.startsWith('netlab: ready')) {
            clearTimeout(timer);
            resolve({ ready: true });
          } else if (line.startsWith('netlab: failed')) {
            clearTimeout(timer);
            resolve({ ready: false, reason: `${line.slice('netlab: '.length)}${lastLines(tail)}` });
          }
        }
      });
      stream.once('end', () => {
        clearTimeout(timer);
        resolve({ ready: false, reason: `the sandbox exited during start${lastLines(tail)}` });
      });
      start().catch((error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      });
    });
  } finally {
    stream.destroy();
  }
}

function lastLines(tail: string[]): string {
  return tail.length ? ` (last output: ${tail.join(' | ')})` : '';
}

/**
 * Starts the real lab server (`node server/main.ts`) as a child process for a
 * test, on a free port with its own data directory, and stops it again.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../../..');

export interface RunningServer {
  url: string;
  port: number;
  dataDir: string;
  /** Its INSTANCE name: the label on every sandbox it creates. */
  instance: string;
  child: ChildProcess;
  output: () => string;
  /** SIGTERM and wait for exit (the graceful path). */
  stop: () => Promise<number | null>;
  /** SIGKILL: the crash path. */
  kill: () => Promise<void>;
}

export async function startServer(
  env: Record<string, string> = {},
  dataDir?: string,
): Promise<RunningServer> {
  const dir = dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'netlab-test-'));
  // Its own instance name, so that it adopts or removes only its own sandboxes;
  // a restart on the same data directory is the same server.
  const instance = `test-${path.basename(dir).replace(/[^a-z0-9]/gi, '')}`;
  const child = spawn(process.execPath, [path.join(root, 'server/main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dir,
      LOG_LEVEL: 'warn',
      WARM_POOL: '0',
      INSTANCE: instance,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr.on('data', (d: Buffer) => (log += d.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  // A test or bench that exits first (an interrupted bench: bench/run.ts) stops
  // it the graceful way, so that it removes its sandboxes rather than keeping them.
  const orphaned = (): void => void child.kill('SIGTERM');
  process.on('exit', orphaned);
  void exited.then(() => process.off('exit', orphaned));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${log}`)), 30_000);
    const onData = (): void => {
      const match = /Netlab is running at http:\/\/localhost:(\d+)\//.exec(log);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout.on('data', onData);
    void exited.then(() => reject(new Error(`server exited:\n${log}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    dataDir: dir,
    instance,
    child,
    output: () => log,
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/**
 * A restart as an operator meets it: `npm start` with the images and the site
 * up to date, timed from the command to the first healthy answer; and a crash
 * (SIGKILL) in the middle of a lab, timed from the kill to the reader's
 * terminal live again on the same shell, the client retrying as the browser
 * does.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createSession, waitReady } from '../tests/integration/helpers/api.ts';
import { connectTerminal } from '../tests/integration/helpers/terminal-client.ts';
import { ms, percentile, printTable, sleep, type Row } from './stats.ts';

const ROUNDS = 5;
const root = path.resolve(import.meta.dirname, '..');

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function npmStart(port: number, dataDir: string): ChildProcess {
  return spawn('npm', ['start'], {
    cwd: root,
    detached: true,
    stdio: 'ignore',
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      INSTANCE: `bench-restart-${path.basename(dataDir)}`,
      WARM_POOL: '0',
      LOG_LEVEL: 'warn',
    },
  });
}

async function healthy(base: string): Promise<void> {
  for (;;) {
    const ok = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await sleep(20);
  }
}

/** Signals npm's whole process group and waits until every process of it is gone. */
async function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  const group = -(child.pid ?? 0);
  process.kill(group, signal);
  for (;;) {
    try {
      process.kill(group, 0);
    } catch {
      return;
    }
    await sleep(20);
  }
}

/** The pid of the session's shell, read through its terminal. */
async function shellPid(base: string, id: string, token: string): Promise<string> {
  const t = await connectTerminal(base, id, { token });
  t.type('echo "shell-pid=$$"\r');
  const pid = (await t.waitFor(/shell-pid=(\d+)\r/, 5000))[1] ?? '';
  await t.close();
  return pid;
}

/** A reader's terminal that reconnects until its shell answers again: how long from `since`. */
async function reattach(base: string, id: string, token: string, since: number, pid: string) {
  for (;;) {
    const again = await shellPid(base, id, token).catch(() => null);
    if (again !== null) {
      if (again !== pid) throw new Error(`a new shell (${again}) instead of ${pid}`);
      return performance.now() - since;
    }
    await sleep(100);
  }
}

export async function benchRestart(): Promise<void> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'netlab-bench-restart-'));
  const toHealth: number[] = [];
  const toTerminal: number[] = [];
  let server = npmStart(port, dataDir);
  await healthy(base);
  const session = await createSession(base);
  await waitReady(base, session);
  try {
    for (let round = 0; round < ROUNDS; round++) {
      await stop(server, 'SIGTERM');
      // SHUTDOWN_SANDBOXES=remove ends the session on SIGTERM, so the timed restart is a clean one...
      let started = performance.now();
      server = npmStart(port, dataDir);
      await healthy(base);
      toHealth.push(performance.now() - started);
      // ...and the crash keeps the reader's machine for the next server to adopt.
      const s = await createSession(base);
      await waitReady(base, s);
      const pid = await shellPid(base, s.id, s.token);
      await stop(server, 'SIGKILL');
      started = performance.now();
      server = npmStart(port, dataDir);
      toTerminal.push(await reattach(base, s.id, s.token, started, pid));
    }
  } finally {
    await stop(server, 'SIGTERM');
  }
  const rows: Row[] = [
    {
      measure: `npm start → /api/health 200, images and site up to date (${ROUNDS} rounds) p50 / max`,
      value: `${ms(percentile(toHealth, 50))} / ${ms(Math.max(...toHealth))}`,
      target: '~1000 ms',
    },
    {
      measure: 'SIGKILL → npm start → the reader’s terminal live on the same shell, p50 / max',
      value: `${ms(percentile(toTerminal, 50))} / ${ms(Math.max(...toTerminal))}`,
      target: '',
    },
  ];
  printTable('Restart', rows);
}

/**
 * Netlab's own Docker engine, the one sandboxes run on unless DOCKER_SOCKET
 * names another. It remaps user namespaces, so that root in a sandbox is an
 * unprivileged uid on the host; it has no bridge or iptables of its own; it keeps
 * its data on a btrfs disk image of fixed size whose quotas bound each sandbox.
 * It runs detached: lab servers come and go (a restarted server re-adopts its
 * readers' machines), the engine stays until `netlab engine stop`.
 */
import type { EngineConfig } from '../config.ts';
import { engineLayout } from './engine/layout.ts';
import {
  EngineError,
  alive,
  logTail,
  ping,
  prepareDisk,
  raiseKeyQuota,
  readPid,
  requireTools,
  startDockerd,
  unmountDisk,
} from './engine/host.ts';

export { EngineError } from './engine/host.ts';

const START_TIMEOUT_MS = 60_000;

export interface EngineStatus {
  managed: boolean;
  socketPath: string;
  running: boolean;
  /** dockerd's pid, for the managed engine. */
  pid: number | null;
}

/** Makes sure the engine answers: starts Netlab's own when it is not running; an external one must be running. */
export async function ensureEngine(engine: EngineConfig): Promise<void> {
  if (engine.managed && process.getuid?.() === 0) raiseKeyQuota();
  if (await ping(engine.socketPath)) return;
  if (!engine.managed) {
    throw new EngineError(
      `No Docker engine answers at DOCKER_SOCKET=${engine.socketPath}. Start it, or unset DOCKER_SOCKET to let Netlab run its own isolated engine.`,
    );
  }
  if (process.getuid?.() !== 0) {
    throw new EngineError(
      `Netlab's isolated engine is not running, and starting it needs root: run \`sudo npx netlab engine start\` once (it keeps running), ` +
        'or set DOCKER_SOCKET to an engine started with --userns-remap.',
    );
  }
  requireTools();
  const layout = engineLayout(engine.managed.dir);
  const starting = readPid(layout);
  prepareDisk(layout, engine.managed.diskBytes);
  const pid = starting ?? startDockerd(layout);
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!(await ping(layout.socket))) {
    if (!alive(pid) || Date.now() > deadline) {
      throw new EngineError(
        `Netlab's engine did not start (log: ${layout.log}):\n${logTail(layout)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function engineStatus(engine: EngineConfig): Promise<EngineStatus> {
  return {
    managed: engine.managed !== null,
    socketPath: engine.socketPath,
    running: await ping(engine.socketPath),
    pid: engine.managed ? readPid(engineLayout(engine.managed.dir)) : null,
  };
}

/** Stops Netlab's own engine (its sandboxes with it) and unmounts its disk; false when it was not running. */
export async function stopEngine(engine: EngineConfig): Promise<boolean> {
  if (!engine.managed) throw new EngineError('DOCKER_SOCKET names an engine Netlab does not run.');
  const layout = engineLayout(engine.managed.dir);
  const pid = readPid(layout);
  if (pid !== null) {
    process.kill(pid, 'SIGTERM');
    const deadline = Date.now() + 60_000;
    while (alive(pid)) {
      if (Date.now() > deadline) throw new EngineError(`dockerd (pid ${pid}) did not stop in 60 s`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  unmountDisk(layout);
  return pid !== null;
}

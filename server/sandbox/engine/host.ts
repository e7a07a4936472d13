/**
 * The host-side steps of Netlab's own engine: tools present, disk image made
 * and mounted, dockerd started detached and answering, stopped again. Each step
 * is idempotent, so any of the server, `npm run images` and `netlab engine start`
 * may run them.
 */
import { execFileSync, spawn } from 'node:child_process';
import {
  accessSync,
  constants,
  chmodSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { ENGINE_DAEMON_CONFIG, dockerdArgs, isMountPoint, type EngineLayout } from './layout.ts';

/** A step failed; the message says what to do about it. */
export class EngineError extends Error {
  override name = 'EngineError';
}

const TOOLS: [tool: string, pkg: string][] = [
  ['dockerd', 'docker.io'],
  ['mkfs.btrfs', 'btrfs-progs'],
  ['fallocate', 'util-linux'],
  ['unshare', 'util-linux'],
  ['mount', 'mount'],
];

export function onPath(tool: string, envPath = process.env.PATH ?? ''): boolean {
  return [...envPath.split(':'), '/usr/sbin', '/sbin'].some((dir) => {
    try {
      accessSync(path.join(dir, tool), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

export function requireTools(): void {
  const missing = TOOLS.filter(([tool]) => !onPath(tool));
  if (missing.length)
    throw new EngineError(
      `Netlab's engine needs ${missing.map(([t]) => t).join(', ')}: ` +
        `apt-get install ${[...new Set(missing.map(([, p]) => p))].join(' ')}`,
    );
}

function run(cmd: string, args: string[]): void {
  try {
    execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    throw new EngineError(`${cmd} ${args.join(' ')} failed: ${stderr || String(error)}`);
  }
}

/** Makes the disk image once (allocated in full, so the host's free space never moves later) and mounts it. */
export function prepareDisk(layout: EngineLayout, bytes: number): void {
  mkdirSync(layout.dir, { recursive: true, mode: 0o711 });
  // The remapped root must pass through it to its data root (an existing folder keeps its mode).
  chmodSync(layout.dir, statSync(layout.dir).mode | 0o111);
  if (!existsSync(layout.disk)) {
    const partial = `${layout.disk}.partial`;
    run('fallocate', ['-l', String(bytes), partial]);
    // -K: no discard, which would punch the allocation back out of the file.
    run('mkfs.btrfs', ['-q', '-K', '-L', 'netlab-engine', partial]);
    run('mv', [partial, layout.disk]);
  }
  if (!isMountPoint(readFileSync('/proc/self/mountinfo', 'utf8'), layout.mount)) {
    mkdirSync(layout.mount, { recursive: true, mode: 0o711 });
    run('mount', ['-o', 'loop,nodiscard', layout.disk, layout.mount]);
  }
  ensureSimpleQuota(layout);
  writeFileSync(layout.config, `${JSON.stringify(ENGINE_DAEMON_CONFIG, null, 2)}\n`);
}

/** The quota mode of the mounted disk: 'squota', 'qgroup' (classic) or 'off'. */
function quotaMode(layout: EngineLayout): string {
  const uuid = execFileSync('blkid', ['-s', 'UUID', '-o', 'value', layout.disk], {
    encoding: 'utf8',
  }).trim();
  try {
    return readFileSync(`/sys/fs/btrfs/${uuid}/qgroups/mode`, 'utf8').trim();
  } catch {
    return 'off';
  }
}

/** Simple quotas on the disk (see simple-quota.pl): what `--storage-opt size` then bounds stays exact. */
function ensureSimpleQuota(layout: EngineLayout): void {
  const mode = quotaMode(layout);
  if (mode === 'squota') return;
  run('perl', [path.join(import.meta.dirname, 'simple-quota.pl'), layout.mount, mode]);
  if (quotaMode(layout) !== 'squota')
    throw new EngineError(
      `btrfs simple quotas could not be turned on for ${layout.mount}: Netlab's engine needs Linux 6.7 or newer.`,
    );
}

/**
 * Starts dockerd in its own session, so that it outlives the process that
 * started it, and in a network namespace of its own: an engine without a bridge
 * deletes any `docker0` it finds at start — in the host's namespace, the host's
 * own Docker's — and it needs no network anyway (its API is a unix socket).
 */
export function startDockerd(layout: EngineLayout): number {
  const logFd = openSync(layout.log, 'a');
  const child = spawn('unshare', ['--net', '--', 'dockerd', ...dockerdArgs(layout)], {
    detached: true,
    stdio: ['ignore', logFd, logFd],
    env: { ...process.env, PATH: `${process.env.PATH ?? ''}:/usr/sbin:/sbin` },
  });
  child.unref();
  if (child.pid === undefined) throw new EngineError('dockerd could not be started');
  return child.pid;
}

/**
 * Every sandbox's root is the same unprivileged host uid (userns-remap maps them
 * all to one range), and every `docker exec` makes a session keyring owned by
 * it. The kernel's default quota for a non-root uid, 200 keys and 20000 bytes,
 * refused terminals past ~150 open at once ("unable to create session key:
 * disk quota exceeded"); the quota is raised to room for thousands.
 */
const KEY_QUOTA = { maxkeys: 200_000, maxbytes: 20_000_000 };

/** Raises the kernel's per-uid key quota where it is lower (needs root; idempotent). */
export function raiseKeyQuota(dir = '/proc/sys/kernel/keys'): void {
  for (const [name, wanted] of Object.entries(KEY_QUOTA)) {
    const file = path.join(dir, name);
    if (!existsSync(file)) continue;
    if (Number(readFileSync(file, 'utf8').trim()) < wanted) writeFileSync(file, String(wanted));
  }
}

/** Whether an engine answers on the socket. */
export function ping(socket: string, timeoutMs = 2000): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get({ socketPath: socket, path: '/_ping', timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(false));
  });
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function readPid(layout: EngineLayout): number | null {
  try {
    const pid = Number(readFileSync(layout.pidfile, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 && alive(pid) ? pid : null;
  } catch {
    return null;
  }
}

export function logTail(layout: EngineLayout, lines = 8): string {
  try {
    return readFileSync(layout.log, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

export function unmountDisk(layout: EngineLayout): void {
  // -R: with the bind of its data root that a remapping dockerd may leave behind.
  if (isMountPoint(readFileSync('/proc/self/mountinfo', 'utf8'), layout.mount))
    run('umount', ['-R', layout.mount]);
}

/**
 * The bench's hands on the carriers' CPU weight. On a cgroup v1 host every
 * sandbox sits under one parent cgroup (`/netlab`, 1024 shares), and together
 * they weigh what one thread of the root cgroup weighs: the engine (dockerd,
 * containerd, a shim per sandbox) and the lab server, which carry every
 * terminal's bytes, run there, each of their threads as heavy as all the
 * readers' machines. `peers carriers` moves those carriers into a cgroup of
 * their own beside `/netlab` and back, to see whether a chosen ratio beats a
 * count of threads. Only the `cpu` controller, only on cgroup v1 (where
 * `<root>/cpu/cpu.shares` exists).
 */
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmdirSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { parseStat } from './host-cpu.ts';

export const CARRIERS_CGROUP = 'netlab-carriers';

/** The carriers' cgroup directory in the v1 cpu hierarchy, or null when the host has none. */
export function carriersDir(root = '/sys/fs/cgroup'): string | null {
  return existsSync(path.join(root, 'cpu', 'cpu.shares'))
    ? path.join(root, 'cpu', CARRIERS_CGROUP)
    : null;
}

/**
 * Moves processes (all their threads; children they fork later follow) into
 * the carriers' cgroup with the given weight, or with `null` back to the root
 * cgroup. A process that exited meanwhile is skipped. Returns false where
 * there is no v1 cpu hierarchy.
 */
export function placeCarriers(
  pids: number[],
  shares: number | null,
  root = '/sys/fs/cgroup',
): boolean {
  const carriers = carriersDir(root);
  if (!carriers) return false;
  const dir = shares === null ? path.dirname(carriers) : carriers;
  if (shares !== null) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'cpu.shares'), String(shares));
  }
  for (const pid of pids) {
    try {
      writeFileSync(path.join(dir, 'cgroup.procs'), String(pid));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
  }
  return true;
}

/** Removes the carriers' cgroup once nothing is in it, leaving the host as Netlab runs it. */
export function dropCarriers(root = '/sys/fs/cgroup'): void {
  const dir = carriersDir(root);
  if (dir && existsSync(dir)) rmdirSync(dir);
}

/** Parent pid and command line of every process, from a /proc-shaped folder. */
export interface ProcessEntry {
  pid: number;
  ppid: number;
  cmdline: string;
}

export function listProcesses(proc = '/proc'): ProcessEntry[] {
  return readdirSync(proc)
    .filter((name) => /^\d+$/.test(name))
    .flatMap((name) => {
      try {
        const { fields } = parseStat(readFileSync(path.join(proc, name, 'stat'), 'utf8'));
        const ppid = Number(fields[1]);
        const cmdline = readFileSync(path.join(proc, name, 'cmdline'), 'utf8').replaceAll(
          '\0',
          ' ',
        );
        return [{ pid: Number(name), ppid, cmdline: cmdline.trim() }];
      } catch {
        return []; // exited while being read
      }
    });
}

/**
 * An engine's carriers among the host's processes: dockerd, what it started
 * (containerd), and the shims, which leave their parent at start but name the
 * engine's exec root on their command line. A shim's children are a sandbox's
 * own processes, and stay where they are.
 */
export function enginePids(
  processes: ProcessEntry[],
  dockerdPid: number,
  execRoot: string,
): number[] {
  const isShim = (p: ProcessEntry) =>
    p.cmdline.includes('containerd-shim') && p.cmdline.includes(`${execRoot}/`);
  const shims = processes.filter(isShim).map((p) => p.pid);
  const tree = new Set([dockerdPid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of processes)
      if (!tree.has(p.pid) && tree.has(p.ppid) && !isShim(p)) {
        tree.add(p.pid);
        grew = true;
      }
  }
  return [...tree, ...shims];
}

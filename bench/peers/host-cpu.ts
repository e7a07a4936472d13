/**
 * Where the host's CPU goes during a density step: the share of both cores
 * idle, the processes that used the most (summed by name: every sandbox's
 * containerd-shim together), how many `docker exec`s the engine started —
 * each costs about 35 ms of host CPU before its command runs — and how long
 * the sandboxes were frozen at their CPU quota (cgroup v1's cpu.stat).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { sandboxSocket } from '../../tests/integration/helpers/docker.ts';

interface Snapshot {
  at: number;
  /** /proc/stat's first line: user nice system idle iowait …, in clock ticks. */
  total: number[];
  /** Clock ticks used so far, by "pid:name". */
  byProcess: Map<string, number>;
  /** Each sandbox's cpu.stat so far, by cgroup directory. */
  quota: Map<string, Throttled>;
}

interface Throttled {
  /** Periods in which the sandbox was throttled. */
  periods: number;
  /** Time its processes spent frozen, ms. */
  ms: number;
}

export interface CpuUse {
  /** Share of all cores idle, %. */
  idlePct: number;
  /** The processes that used the most, by name, in % of one core. */
  top: { name: string; pct: number }[];
  /** `docker exec`s started in the sandboxes' engine, per second. */
  execsPerS: number;
  /** Sandboxes' throttled periods per second, and ms frozen per second, all summed. */
  throttled: Throttled;
}

/** Where the engine makes sandbox cgroups on cgroup v1 (host-helper.ts's parent). */
export const SANDBOX_CGROUPS = '/sys/fs/cgroup/cpu/netlab';

/** Every sandbox's throttling so far; empty where the host has no such tree. */
export function quotaStats(root = SANDBOX_CGROUPS): Map<string, Throttled> {
  const out = new Map<string, Throttled>();
  let dirs: string[];
  try {
    dirs = readdirSync(root).filter((d) => /^[0-9a-f]{64}$/.test(d));
  } catch {
    return out;
  }
  for (const dir of dirs) {
    try {
      const stat = readFileSync(`${root}/${dir}/cpu.stat`, 'utf8');
      const field = (name: string) =>
        Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(stat)?.[1] ?? 0);
      out.set(dir, { periods: field('nr_throttled'), ms: field('throttled_time') / 1e6 });
    } catch {
      // The sandbox went between the listing and the read.
    }
  }
  return out;
}

const TICKS_PER_S = 100;

/**
 * A /proc/<pid>/stat line: the command name, and the fields after it (state,
 * ppid, …). The name sits in parentheses and may hold spaces and parentheses
 * itself, so the fields start after the last ')'.
 */
export function parseStat(stat: string): { name: string; fields: string[] } {
  const end = stat.lastIndexOf(')');
  return { name: stat.slice(stat.indexOf('(') + 1, end), fields: stat.slice(end + 2).split(' ') };
}

export function snapshot(): Snapshot {
  const byProcess = new Map<string, number>();
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const { name, fields } = parseStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
      byProcess.set(`${pid}:${name}`, Number(fields[11]) + Number(fields[12]));
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return { at: Date.now(), total: hostTicks(), byProcess, quota: quotaStats() };
}

/** /proc/stat's first line: user nice system idle iowait …, in clock ticks. */
export function hostTicks(): number[] {
  const first = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  return first.trim().split(/\s+/).slice(1).map(Number);
}

/** CPU use between two snapshots; `execs` are the exec start times (ms) seen meanwhile. */
export function cpuUse(a: Snapshot, b: Snapshot, execs: readonly number[], topN = 6): CpuUse {
  const seconds = (b.at - a.at) / 1000;
  const names = new Map<string, number>();
  for (const [key, ticks] of b.byProcess) {
    const before = a.byProcess.get(key);
    // Kernel workers come and go: only processes alive at both ends are counted.
    if (before === undefined || ticks <= before) continue;
    const name = key.slice(key.indexOf(':') + 1).replace(/[/:]\d+$/, '');
    names.set(name, (names.get(name) ?? 0) + ticks - before);
  }
  const delta = b.total.map((v, i) => v - (a.total[i] ?? 0));
  const all = delta.reduce((x, y) => x + y, 0);
  const idle = (delta[3] ?? 0) + (delta[4] ?? 0);
  return {
    idlePct: all > 0 ? (idle / all) * 100 : 0,
    top: [...names]
      .sort((x, y) => y[1] - x[1])
      .slice(0, topN)
      .map(([name, ticks]) => ({ name, pct: (ticks / TICKS_PER_S / seconds) * 100 })),
    execsPerS: execs.filter((t) => t >= a.at && t <= b.at).length / seconds,
    throttled: throttledBetween(a.quota, b.quota, seconds),
  };
}

/** Throttling of the sandboxes alive at both ends, per second. */
function throttledBetween(
  a: ReadonlyMap<string, Throttled>,
  b: ReadonlyMap<string, Throttled>,
  seconds: number,
): Throttled {
  let periods = 0;
  let ms = 0;
  for (const [dir, now] of b) {
    const before = a.get(dir);
    if (!before) continue;
    periods += now.periods - before.periods;
    ms += now.ms - before.ms;
  }
  return { periods: periods / seconds, ms: ms / seconds };
}

export function describeUse(use: CpuUse): string {
  const top = use.top.map((p) => `${p.name} ${p.pct.toFixed(0)}`).join(', ');
  const frozen = `sandboxes throttled ${use.throttled.periods.toFixed(1)}/s, frozen ${use.throttled.ms.toFixed(0)} ms/s`;
  return `${use.idlePct.toFixed(0)} % of ${availableParallelism()} cores idle; ${use.execsPerS.toFixed(1)} execs/s; ${frozen}; % of a core: ${top}`;
}

/** Follows the engine's exec starts until stopped. */
export function watchExecs(): { starts: number[]; stop: () => void } {
  const starts: number[] = [];
  const args = ['-H', `unix://${sandboxSocket}`, 'events', '--filter', 'event=exec_start'];
  const child: ChildProcess = spawn('docker', [...args, '--format', '{{.TimeNano}}'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let partial = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines)
      if (/^\d+$/.test(line)) starts.push(Number(BigInt(line) / 1_000_000n));
  });
  return { starts, stop: () => child.kill() };
}

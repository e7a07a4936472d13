/**
 * How many readers fit on this machine: readers are added ten at a time, each
 * with a sandbox of the bridge lab (tasks open, live re-checks on) and one
 * terminal typing 5 keys a second; after each step the echo of every typed key
 * is timed for TYPING_S seconds, the memory counted and where the CPU went read
 * (host-cpu.ts). It stops where echo p99 passes
 * 20 ms, memory runs short, or at MAX readers.
 */
import { readFileSync } from 'node:fs';
import { freemem, totalmem } from 'node:os';
import { createSession, waitReady } from '../../tests/integration/helpers/api.ts';
import { docker } from '../../tests/integration/helpers/docker.ts';
import { startServer } from '../../tests/integration/helpers/server.ts';
import { percentile, sleep } from '../stats.ts';
import { cpuUse, snapshot, watchExecs, type CpuUse } from './host-cpu.ts';
import { netlabTerminal, waitForOutput, type PeerTerminal } from './term-clients.ts';
import { typist } from './terminal-peers.ts';

const STEP = 10;
/** Typing per step: 20 s gives each step 100 keys per reader, and samples a 30 s re-check interval twice as often as 10 s did. */
const TYPING_S = 20;
const MAX = Number(process.env.DENSITY_MAX ?? 100);

export interface DensityStep {
  readers: number;
  p50: number;
  p99: number;
  /** Memory per reader: the sandbox (with its terminal's tmux client) and its share of the server. */
  mibPerReader: number;
  freeMiB: number;
  /** Where the CPU went while the readers typed. */
  cpu: CpuUse;
}

function sandboxMiB(ids: string[]): number {
  const out = docker(
    'stats',
    '--no-stream',
    '--format',
    '{{.MemUsage}}',
    ...ids.map((id) => `netlab-${id}`),
  );
  return out
    .split('\n')
    .map((line) => {
      const m = /^([\d.]+)(KiB|MiB|GiB)/.exec(line);
      const f = { KiB: 1 / 1024, MiB: 1, GiB: 1024 }[m?.[2] as 'KiB' | 'MiB' | 'GiB'];
      return Number(m?.[1]) * f;
    })
    .reduce((a, b) => a + b, 0);
}

export async function density(): Promise<DensityStep[]> {
  const server = await startServer({
    WARM_POOL: '0',
    MAX_SANDBOXES: String(MAX),
    MAX_SESSIONS_PER_CLIENT: String(MAX),
    // A variant to compare in the same hour, e.g. '{"CHECK_IDLE_INTERVAL_S":"3600"}'.
    ...(JSON.parse(process.env.DENSITY_SERVER_ENV ?? '{}') as Record<string, string>),
  });
  const sessions: { id: string; token: string }[] = [];
  const terminals: PeerTerminal[] = [];
  const steps: DensityStep[] = [];
  const execs = watchExecs();
  try {
    while (sessions.length < MAX) {
      const made = await Promise.all(
        Array.from({ length: STEP }, () => createSession(server.url, 'bridge')),
      );
      await Promise.all(made.map((s) => waitReady(server.url, s, 300_000)));
      for (const s of made) {
        const t = await netlabTerminal(server.url, s, 'main');
        const ready = waitForOutput(t, /[#$] $/);
        t.type('\x15\r');
        await ready;
        terminals.push(t);
      }
      sessions.push(...made);
      await sleep(2000);
      const before = snapshot();
      const lat = (await Promise.all(terminals.map((t) => typist(t, TYPING_S)))).flat();
      const cpu = cpuUse(before, snapshot(), execs.starts);
      const status = readFileSync(`/proc/${server.child.pid ?? 0}/status`, 'utf8');
      const rssMiB = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]) / 1024;
      const step: DensityStep = {
        readers: sessions.length,
        p50: percentile(lat, 50),
        p99: percentile(lat, 99),
        mibPerReader: (sandboxMiB(sessions.map((s) => s.id)) + rssMiB) / sessions.length,
        freeMiB: freemem() / 2 ** 20,
        cpu,
      };
      steps.push(step);
      if (step.p99 > 20 || step.freeMiB < totalmem() / 2 ** 20 / 10) break;
    }
  } finally {
    execs.stop();
    await Promise.all(terminals.map((t) => t.close()));
    await server.stop();
  }
  return steps;
}

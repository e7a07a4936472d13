/**
 * Grading through the real server: how long "Check my work" takes for each
 * lab (all tasks, on a fresh sandbox where every check fails and probes of
 * unbuilt networks time out, and after the lab's solution ran), how soon a
 * live tick reaches the browser after the reader's command, and what
 * continuous checking costs — the server's CPU share while 20 sessions with a
 * terminal attached are re-checked every CHECK_INTERVAL_S, compared with the
 * same 20 sessions attached but with nothing left to check.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createSession, request, waitReady } from '../tests/integration/helpers/api.ts';
import { inSandbox } from '../tests/integration/helpers/docker.ts';
import { startServer, type RunningServer } from '../tests/integration/helpers/server.ts';
import {
  connectTerminal,
  type TerminalClient,
} from '../tests/integration/helpers/terminal-client.ts';
import { SCRIPT_PRELUDE } from '../server/cli/lab-files.ts';
import type { CreateSessionResponse, TaskResult } from '../server/protocol.ts';
import { liveTicks } from './grading-live.ts';
import { ms, percentile, printTable, sleep, type Row } from './stats.ts';

const root = path.resolve(import.meta.dirname, '..');
const CHECKS_PER_LAB = 10;
const ATTACHED = 20;
const WINDOW_S = 30;
const LIVE_SESSIONS = 8;

async function checkAll(base: string, s: CreateSessionResponse): Promise<TaskResult[]> {
  const r = await request<{ tasks: TaskResult[] }>(`${base}/api/sessions/${s.id}/check`, {
    method: 'POST',
    body: {},
    token: s.token,
  });
  if (r.status !== 200) throw new Error(`check answered ${r.status}`);
  return r.body.tasks;
}

/** Runs the lab's solution.sh in the session's sandbox with its parameters. */
async function solve(base: string, s: CreateSessionResponse, lab: string): Promise<void> {
  const view = await waitReady(base, s);
  const env = Object.entries(view.params)
    .map(([k, v]) => `export ${k}='${v}';`)
    .join(' ');
  const script = readFileSync(path.join(root, 'labs', lab, 'solution.sh'), 'utf8');
  inSandbox(s.id, `${env} ${SCRIPT_PRELUDE}${script}`);
}

async function perLab(server: RunningServer): Promise<Row[]> {
  const rows: Row[] = [];
  const labs = readdirSync(path.join(root, 'labs'))
    .filter((d) => d !== 'images')
    .sort();
  for (const lab of labs) {
    const s = await createSession(server.url, lab);
    await waitReady(server.url, s);
    const fresh = await timeChecks(server.url, s);
    await solve(server.url, s, lab);
    const solved = await timeChecks(server.url, s);
    await request(`${server.url}/api/sessions/${s.id}`, { method: 'DELETE', token: s.token });
    rows.push({
      measure: `check all tasks of ${lab}, fresh (failing) / solved: p50, p95 (${CHECKS_PER_LAB} runs each)`,
      value: `${ms(percentile(fresh, 50))}, ${ms(percentile(fresh, 95))} / ${ms(percentile(solved, 50))}, ${ms(percentile(solved, 95))}`,
      target: 'p50 <= 300 ms',
    });
  }
  return rows;
}

async function timeChecks(base: string, s: CreateSessionResponse): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < CHECKS_PER_LAB; i++) {
    const started = performance.now();
    await checkAll(base, s);
    times.push(performance.now() - started);
  }
  return times;
}

async function ticks(server: RunningServer): Promise<Row[]> {
  const samples = await liveTicks(server, LIVE_SESSIONS);
  const finite = samples.filter(Number.isFinite);
  return [
    {
      measure: `live tick: command done → task passed in the browser, p50 / p95 / max (${samples.length} actions, ${samples.length - finite.length} never ticked)`,
      value: `${ms(percentile(samples, 50))} / ${ms(percentile(samples, 95))} / ${ms(Math.max(...samples))}`,
      target: 'p95 <= 1000 ms',
    },
  ];
}

/** The server process's CPU seconds so far (user + system), from /proc. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Busy and total jiffies of the whole machine, from /proc/stat. */
function machineJiffies(): { busy: number; total: number } {
  const cpu =
    readFileSync('/proc/stat', 'utf8').split('\n')[0]?.trim().split(/\s+/).slice(1).map(Number) ??
    [];
  const total = cpu.reduce((a, b) => a + b, 0);
  const idle = (cpu[3] ?? 0) + (cpu[4] ?? 0);
  return { busy: total - idle, total };
}

/** Over the window: the server's CPU (share of one core) and the machine's (share of all cores). */
async function cpuShare(server: RunningServer): Promise<{ server: number; machine: number }> {
  const pid = server.child.pid ?? 0;
  const before = cpuSeconds(pid);
  const m0 = machineJiffies();
  await sleep(WINDOW_S * 1000);
  const m1 = machineJiffies();
  return {
    server: (cpuSeconds(pid) - before) / WINDOW_S,
    machine: (m1.busy - m0.busy) / (m1.total - m0.total),
  };
}

async function continuous(server: RunningServer): Promise<Row[]> {
  const made = await Promise.all(
    Array.from({ length: ATTACHED }, () => createSession(server.url, 'bridge')),
  );
  await Promise.all(made.map((s) => waitReady(server.url, s)));
  const terminals: TerminalClient[] = await Promise.all(
    made.map((s) => connectTerminal(server.url, s.id, { token: s.token })),
  );
  await Promise.all(terminals.map((t) => t.waitFor(/root@netlab:~# /, 30_000)));
  await sleep(3000);
  const open = await cpuShare(server);
  // The bridge lab's answer tasks are never re-checked; its state and action tasks are
  // solved here, so nothing is left open and the re-check loop has nothing to do.
  for (const s of made) await solve(server.url, s, 'bridge');
  await Promise.all(made.map((s) => checkAll(server.url, s)));
  await sleep(3000);
  const idle = await cpuShare(server);
  await Promise.all(terminals.map((t) => t.close()));
  const pct = (v: number) => `${(v * 100).toFixed(1)} %`;
  return [
    {
      measure: `${ATTACHED} attached sessions with open tasks (re-checked every 3 s): server / machine CPU`,
      value: `${pct(open.server)} / ${pct(open.machine)}`,
      target: 'of one core / of all',
    },
    {
      measure: `the same ${ATTACHED} sessions with nothing left to check: server / machine CPU`,
      value: `${pct(idle.server)} / ${pct(idle.machine)}`,
      target: 'of one core / of all',
    },
  ];
}

/** `part`: "ticks" measures live ticks alone; anything else, everything. */
export async function benchGrading(part?: string): Promise<void> {
  const server = await startServer({ MAX_SESSIONS_PER_CLIENT: '100', WARM_POOL: '0' });
  try {
    if (part === 'ticks') return printTable('Grading: live ticks', await ticks(server));
    const rows = await perLab(server);
    rows.push(...(await ticks(server)));
    rows.push(...(await continuous(server)));
    printTable('Grading', rows);
  } finally {
    await server.stop();
  }
}

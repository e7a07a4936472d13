/**
 * Sandbox start-up through the real server: cold start (POST to ready), warm
 * pool start, idle memory per sandbox, and ten sandboxes requested at once.
 */
import { createSession, request, waitReady } from '../tests/integration/helpers/api.ts';
import { docker } from '../tests/integration/helpers/docker.ts';
import { startServer } from '../tests/integration/helpers/server.ts';
import type { HealthResponse } from '../server/protocol.ts';
import { ms, percentile, printTable, sleep, type Row } from './stats.ts';

const RUNS = 10;

async function timedSession(base: string) {
  const started = performance.now();
  const s = await createSession(base);
  const view = await waitReady(base, s);
  if (view.status !== 'ready') throw new Error(`session failed: ${view.reason ?? ''}`);
  return { s, ms: performance.now() - started };
}

async function end(base: string, s: { id: string; token: string }) {
  await request(`${base}/api/sessions/${s.id}`, { method: 'DELETE', token: s.token });
}

async function cold(): Promise<number[]> {
  const server = await startServer({ WARM_POOL: '0', MAX_SESSIONS_PER_CLIENT: '50' });
  const times: number[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const { s, ms: t } = await timedSession(server.url);
      times.push(t);
      await end(server.url, s);
    }
  } finally {
    await server.stop();
  }
  return times;
}

async function warm(): Promise<number[]> {
  const server = await startServer({ WARM_POOL: '2', MAX_SESSIONS_PER_CLIENT: '50' });
  const times: number[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      while ((await request<HealthResponse>(`${server.url}/api/health`)).body.sandboxes.warm < 2)
        await sleep(100);
      const { s, ms: t } = await timedSession(server.url);
      times.push(t);
      await end(server.url, s);
    }
  } finally {
    await server.stop();
  }
  return times;
}

function memoryMiB(sessionId: string): number {
  const usage = docker('stats', '--no-stream', '--format', '{{.MemUsage}}', `netlab-${sessionId}`);
  const match = /^([\d.]+)(KiB|MiB|GiB)/.exec(usage);
  const factor = { KiB: 1 / 1024, MiB: 1, GiB: 1024 }[match?.[2] as 'KiB' | 'MiB' | 'GiB'];
  return Number(match?.[1]) * factor;
}

async function burst(): Promise<{ allMs: number; memory: number[] }> {
  const server = await startServer({ WARM_POOL: '0', MAX_SESSIONS_PER_CLIENT: '50' });
  try {
    const started = performance.now();
    const sessions = await Promise.all(Array.from({ length: 10 }, () => timedSession(server.url)));
    const allMs = performance.now() - started;
    await sleep(10_000);
    const memory = sessions.map(({ s }) => memoryMiB(s.id));
    await Promise.all(sessions.map(({ s }) => end(server.url, s)));
    return { allMs, memory };
  } finally {
    await server.stop();
  }
}

export async function benchSandboxes(): Promise<void> {
  const c = await cold();
  const w = await warm();
  const b = await burst();
  const rows: Row[] = [
    {
      measure: `cold start p50 (POST to ready, ${RUNS} runs)`,
      value: ms(percentile(c, 50)),
      target: '<= 1000 ms',
    },
    { measure: 'cold start p95', value: ms(percentile(c, 95)), target: '' },
    {
      measure: `warm-pool start p50 (${RUNS} runs)`,
      value: ms(percentile(w, 50)),
      target: '<= 150 ms',
    },
    { measure: 'warm-pool start p95', value: ms(percentile(w, 95)), target: '' },
    { measure: '10 sandboxes at once: all ready', value: ms(b.allMs), target: '' },
    {
      measure: 'idle memory per sandbox p50 / max (10 idle)',
      value: `${percentile(b.memory, 50).toFixed(1)} / ${Math.max(...b.memory).toFixed(1)} MiB`,
      target: '<= 80 MiB',
    },
  ];
  printTable('Sandboxes', rows);
}

/**
 * Sandbox start-up through the real server, isolated (Netlab's own engine: user
 * namespace, btrfs quotas, delegated cgroups) against the recipe without
 * isolation (the machine's usual engine, overlay2, no user namespace:
 * ALLOW_UNISOLATED_SANDBOXES), rounds interleaved so both see the same machine:
 * cold start (POST to ready), warm-pool start, idle memory per sandbox, and ten
 * sandboxes requested at once. `SANDBOXES_AB` compares other settings with the
 * default instead, on the isolated engine:
 *   SANDBOXES_AB='[{"name":"512 MiB","env":{"SANDBOX_MEMORY_MB":"512"}}]'
 */
import { execFileSync } from 'node:child_process';
import { createSession, request, waitReady } from '../tests/integration/helpers/api.ts';
import { buildDocker, docker, sandboxSocket } from '../tests/integration/helpers/docker.ts';
import { startServer, type RunningServer } from '../tests/integration/helpers/server.ts';
import type { HealthResponse } from '../server/protocol.ts';
import { ms, percentile, printTable, sleep, type Row } from './stats.ts';

const ROUNDS = 10;
const IMAGE = 'netlab/sandbox:latest';

interface Variant {
  name: string;
  env: Record<string, string>;
  cli: (...args: string[]) => string;
}

const VARIANTS: Variant[] = [
  { name: 'isolated', env: {}, cli: docker },
  {
    name: 'not isolated',
    env: { DOCKER_SOCKET: '/var/run/docker.sock', ALLOW_UNISOLATED_SANDBOXES: '1' },
    cli: buildDocker,
  },
];

function variants(): Variant[] {
  const given = process.env.SANDBOXES_AB;
  if (!given || !VARIANTS[0]) return VARIANTS;
  const others = JSON.parse(given) as Omit<Variant, 'cli'>[];
  return [VARIANTS[0], ...others.map((v) => ({ ...v, cli: docker }))];
}

/** The usual engine gets the very image the isolated engine runs. */
function sameImageOnBothEngines(): void {
  const id = (cli: Variant['cli']) => {
    try {
      return cli('image', 'inspect', '-f', '{{.Id}}', IMAGE);
    } catch {
      return '';
    }
  };
  if (id(docker) === id(buildDocker)) return;
  console.log(`Copying ${IMAGE} from the isolated engine to the usual one…`);
  execFileSync(
    'sh',
    ['-c', 'docker -H "unix://$FROM" save "$IMAGE" | docker -H "unix://$TO" load -q'],
    {
      env: {
        ...process.env,
        IMAGE,
        FROM: sandboxSocket,
        TO: (process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock').replace(/^unix:\/\//, ''),
      },
      stdio: 'inherit',
    },
  );
}

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

async function warmReady(server: RunningServer, n: number): Promise<void> {
  while ((await request<HealthResponse>(`${server.url}/api/health`)).body.sandboxes.warm < n)
    await sleep(100);
}

function memoryMiB(cli: Variant['cli'], sessionId: string): number {
  const usage = cli('stats', '--no-stream', '--format', '{{.MemUsage}}', `netlab-${sessionId}`);
  const match = /^([\d.]+)(KiB|MiB|GiB)/.exec(usage);
  const factor = { KiB: 1 / 1024, MiB: 1, GiB: 1024 }[match?.[2] as 'KiB' | 'MiB' | 'GiB'];
  return Number(match?.[1]) * factor;
}

/** Cold and warm starts, one of each per variant per round, alternating which goes first. */
async function starts(vs: Variant[]): Promise<Map<string, { cold: number[]; warm: number[] }>> {
  const servers = await Promise.all(
    vs.map(async (v) => ({
      v,
      cold: await startServer({ ...v.env, WARM_POOL: '0', MAX_SESSIONS_PER_CLIENT: '50' }),
      warm: await startServer({ ...v.env, WARM_POOL: '1', MAX_SESSIONS_PER_CLIENT: '50' }),
    })),
  );
  const results = new Map(vs.map((v) => [v.name, { cold: [] as number[], warm: [] as number[] }]));
  try {
    // Warm pools fill as their servers start: the first cold start must not race them.
    await Promise.all(servers.map(({ warm }) => warmReady(warm, 1)));
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 ? [...servers].reverse() : servers;
      for (const { v, cold, warm } of order) {
        const c = await timedSession(cold.url);
        results.get(v.name)?.cold.push(c.ms);
        await end(cold.url, c.s);
        await warmReady(warm, 1);
        const w = await timedSession(warm.url);
        results.get(v.name)?.warm.push(w.ms);
        await end(warm.url, w.s);
      }
    }
  } finally {
    await Promise.all(servers.flatMap(({ cold, warm }) => [cold.stop(), warm.stop()]));
  }
  return results;
}

async function burst(v: Variant): Promise<{ allMs: number; memory: number[] }> {
  const server = await startServer({ ...v.env, WARM_POOL: '0', MAX_SESSIONS_PER_CLIENT: '50' });
  try {
    const started = performance.now();
    const sessions = await Promise.all(Array.from({ length: 10 }, () => timedSession(server.url)));
    const allMs = performance.now() - started;
    await sleep(10_000);
    const memory = sessions.map(({ s }) => memoryMiB(v.cli, s.id));
    await Promise.all(sessions.map(({ s }) => end(server.url, s)));
    return { allMs, memory };
  } finally {
    await server.stop();
  }
}

export async function benchSandboxes(): Promise<void> {
  const vs = variants();
  if (vs.some((v) => v.cli === buildDocker)) sameImageOnBothEngines();
  const timed = await starts(vs);
  const bursts = new Map<string, { allMs: number; memory: number[] }>();
  for (const v of vs) bursts.set(v.name, await burst(v));
  const rows: Row[] = [];
  for (const v of vs) {
    const t = timed.get(v.name) ?? { cold: [], warm: [] };
    const b = bursts.get(v.name) ?? { allMs: Number.NaN, memory: [] };
    const target = (s: string) => (v === vs[0] ? s : '');
    rows.push(
      {
        measure: `${v.name}: cold start p50 / p95 (POST to ready, ${ROUNDS} rounds)`,
        value: `${ms(percentile(t.cold, 50))} / ${ms(percentile(t.cold, 95))}`,
        target: target('p50 <= 1000 ms'),
      },
      {
        measure: `${v.name}: warm-pool start p50 / p95`,
        value: `${ms(percentile(t.warm, 50))} / ${ms(percentile(t.warm, 95))}`,
        target: target('p50 <= 150 ms'),
      },
      { measure: `${v.name}: 10 sandboxes at once, all ready`, value: ms(b.allMs), target: '' },
      {
        measure: `${v.name}: idle memory per sandbox p50 / max (10 idle)`,
        value: `${percentile(b.memory, 50).toFixed(1)} / ${Math.max(...b.memory).toFixed(1)} MiB`,
        target: target('<= 80 MiB'),
      },
    );
  }
  const base = percentile(timed.get(vs[0]?.name ?? '')?.cold ?? [], 50);
  for (const v of vs.slice(1))
    rows.push({
      measure: `cold start p50, ${vs[0]?.name ?? ''} ÷ ${v.name}`,
      value: (base / percentile(timed.get(v.name)?.cold ?? [], 50)).toFixed(2),
      target: '',
    });
  printTable(`Sandboxes: ${vs.map((v) => v.name).join(' against ')}, same run`, rows);
}

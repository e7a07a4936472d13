/**
 * A rebuild as a reader meets it: half of the user-defined lab typed in the
 * terminal (a network, a look at the bridges, two containers), the session
 * ended, then "Rebuild my machine" timed from the POST to the new machine
 * ready with the work replayed; beside it, in the same rounds, a fresh start
 * of the same lab (POST to ready), so the replay's own cost shows as a ratio.
 */
import { createSession, request, waitReady } from '../tests/integration/helpers/api.ts';
import { startServer, type RunningServer } from '../tests/integration/helpers/server.ts';
import { connectTerminal, plain } from '../tests/integration/helpers/terminal-client.ts';
import type { CreateSessionResponse, RebuildResponse } from '../server/protocol.ts';
import { ms, percentile, printTable, sleep } from './stats.ts';

const ROUNDS = Number(process.env.RESUME_ROUNDS ?? 7);
const LAB = 'user-defined';
const HALF_A_LAB = [
  'docker network create -d bridge my_bridge',
  'brctl show',
  'docker run -d --name box1 --network my_bridge busybox sleep 3600',
  'docker run -d --name box2 --network my_bridge busybox sleep 3600',
];

async function halfDone(server: RunningServer): Promise<CreateSessionResponse> {
  const s = await createSession(server.url, LAB);
  await waitReady(server.url, s);
  const term = await connectTerminal(server.url, s.id, { token: s.token });
  const prompts = () => plain(term.output()).match(/root@netlab:~# /g)?.length ?? 0;
  for (const line of ['', ...HALF_A_LAB]) {
    const before = prompts();
    if (line) term.type(`${line}\r`);
    while (prompts() <= (line ? before : 0)) await sleep(20);
  }
  await term.close();
  await request(`${server.url}/api/sessions/${s.id}`, { method: 'DELETE', token: s.token });
  return s;
}

async function timedRebuild(server: RunningServer, s: CreateSessionResponse): Promise<number> {
  const started = performance.now();
  const r = await request<RebuildResponse>(`${server.url}/api/sessions/${s.id}/rebuild`, {
    method: 'POST',
    token: s.token,
    body: {},
  });
  if (r.status !== 201) throw new Error(`rebuild answered ${r.status}: ${JSON.stringify(r.body)}`);
  const view = await waitReady(server.url, r.body, 120_000);
  const took = performance.now() - started;
  if (view.rebuild?.mode !== 'journal' || view.rebuild.replayed !== HALF_A_LAB.length)
    throw new Error(`the rebuild did not replay the lines: ${JSON.stringify(view.rebuild)}`);
  await request(`${server.url}/api/sessions/${r.body.id}`, {
    method: 'DELETE',
    token: r.body.token,
  });
  return took;
}

async function timedStart(server: RunningServer): Promise<number> {
  const started = performance.now();
  const s = await createSession(server.url, LAB);
  await waitReady(server.url, s);
  const took = performance.now() - started;
  await request(`${server.url}/api/sessions/${s.id}`, { method: 'DELETE', token: s.token });
  return took;
}

export async function benchResume(): Promise<void> {
  const server = await startServer({ MAX_SESSIONS_PER_CLIENT: '10' });
  const rebuilds: number[] = [];
  const starts: number[] = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const ended = await halfDone(server);
      // Alternate which goes first, so neither always meets the engine warmer.
      if (round % 2) starts.push(await timedStart(server));
      rebuilds.push(await timedRebuild(server, ended));
      if (!(round % 2)) starts.push(await timedStart(server));
    }
  } finally {
    await server.stop();
  }
  const p = (v: number[], q: number) => percentile(v, q);
  printTable(`Resume: "Rebuild my machine" after half of the ${LAB} lab (${ROUNDS} rounds)`, [
    {
      measure: `rebuild (${HALF_A_LAB.length} lines replayed), POST to ready: p50 / p95`,
      value: `${ms(p(rebuilds, 50))} / ${ms(p(rebuilds, 95))}`,
      target: 'p50 <= 5000 ms',
    },
    {
      measure: 'fresh start of the same lab, POST to ready: p50 / p95',
      value: `${ms(p(starts, 50))} / ${ms(p(starts, 95))}`,
      target: '',
    },
    {
      measure: 'ratio rebuild ÷ fresh start (p50)',
      value: (p(rebuilds, 50) / p(starts, 50)).toFixed(2),
      target: '',
    },
  ]);
}

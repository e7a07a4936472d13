/**
 * Netlab against the tools a user would pick instead, on this machine, in the
 * same run, rounds interleaved (the order rotates each round), with ratios and
 * their spread: terminals (WeTTY, and the raw exec floor), sandbox start (a
 * plain Docker-in-Docker container, and a trivial container's floor), grading
 * (one `docker exec` of a verify script per task, as Killercoda and Instruqt
 * run them) and density.
 *
 *   npm run bench -- peers [terminals|tmux|tmux-options|stream-path|exec-buffer|screen|flood|browser-cat|ab|carriers|start|grading|check-cost|check-echo|density]
 */
import { startServer } from '../tests/integration/helpers/server.ts';
import { percentile, printTable, range, rotated, type Row } from './stats.ts';
import {
  PEERS,
  catThroughput,
  ctrlC,
  openTerminal,
  rig,
  stopRig,
  typingRound,
  type PeerName,
} from './peers/terminal-peers.ts';
import { ab, abVariants } from './peers/ab.ts';
import { carriers } from './peers/carriers.ts';
import { tmuxCost, tmuxOptions } from './peers/tmux-cost.ts';
import { checkCost } from './peers/check-cost.ts';
import { checkEcho } from './peers/check-echo.ts';
import { streamPath } from './peers/stream-path.ts';
import { execBuffer } from './peers/exec-buffer.ts';
import { screenCost } from './peers/screen-cost.ts';
import { flood } from './peers/flood.ts';
import { browserCat } from './peers/browser-cat.ts';
import { density } from './peers/density.ts';
import { describeUse } from './peers/host-cpu.ts';
import { courseLabs, gradeLab } from './peers/grading-peers.ts';
import { floorStart, netlabStart, plainDindStart } from './peers/start-peers.ts';

const ROUNDS = Number(process.env.PEER_ROUNDS ?? 5);

const fmt = (v: number) => v.toFixed(1);

/** Each peer's samples, per round. */
type Rounds = Map<PeerName, number[][]>;

function rounds(): Rounds {
  return new Map(PEERS.map((p) => [p, []]));
}

async function echoRounds(
  n: number,
  r: Awaited<ReturnType<typeof rig>>,
): Promise<{ echo: Rounds; open: Rounds }> {
  const out = rounds();
  const opens = rounds();
  for (let round = 0; round < ROUNDS; round++) {
    for (const peer of rotated(PEERS, round)) {
      const { open, echo } = await typingRound(r, peer, n);
      opens.get(peer)?.push(open);
      out.get(peer)?.push(echo);
    }
  }
  return { echo: out, open: opens };
}

function openRows(n: number, out: Rounds): Row[] {
  return PEERS.map((peer) => {
    const all = (out.get(peer) ?? []).flat();
    return {
      measure: `${n} terminals opened at once, open → prompt p50 / p95 / max: ${peer}`,
      value: `${fmt(percentile(all, 50))} / ${fmt(percentile(all, 95))} / ${fmt(Math.max(...all))} ms`,
      target: '',
    };
  });
}

function echoRows(n: number, out: Rounds): Row[] {
  return PEERS.map((peer) => {
    const perRound = out.get(peer) ?? [];
    const all = perRound.flat();
    return {
      measure: `echo p50 / p99 at ${n} terminal${n > 1 ? 's' : ''}: ${peer}`,
      value: `${fmt(percentile(all, 50))} / ${fmt(percentile(all, 99))} ms (p99 per round ${range(perRound.map((v) => percentile(v, 99)))})`,
      target: peer === 'netlab' && n === 50 ? 'p99 <= 20 ms' : '',
    };
  });
}

async function benchTerminalPeers(): Promise<void> {
  const server = await startServer({ MAX_SESSIONS_PER_CLIENT: '100', TERMINALS_PER_SESSION: '5' });
  const r = await rig(server, 50);
  const rows: Row[] = [];
  try {
    for (const n of [1, 10, 50]) {
      const { echo, open } = await echoRounds(n, r);
      rows.push(...echoRows(n, echo));
      if (n > 1) rows.push(...openRows(n, open));
    }
    const stops = rounds();
    const cats = rounds();
    for (let round = 0; round < ROUNDS; round++) {
      for (const peer of rotated(PEERS, round)) {
        const t = await openTerminal(r, peer, 0);
        stops.get(peer)?.push([await ctrlC(t)]);
        cats.get(peer)?.push([await catThroughput(t)]);
        await t.close();
      }
    }
    for (const peer of PEERS) {
      const s = (stops.get(peer) ?? []).flat();
      const c = (cats.get(peer) ?? []).flat();
      rows.push(
        {
          measure: `Ctrl-C during yes → prompt, p50 (min–max): ${peer}`,
          value: `${fmt(percentile(s, 50))} ms (${range(s)})`,
          target: peer === 'netlab' ? '<= 300 ms' : '',
        },
        {
          measure: `cat of 50 MB, p50 (min–max): ${peer}`,
          value: `${fmt(percentile(c, 50))} MB/s (${range(c)})`,
          target: peer === 'netlab' ? '>= 20 MB/s' : '',
        },
      );
    }
  } finally {
    stopRig(r);
    await server.stop();
  }
  printTable(
    `Terminals: Netlab, WeTTY 3.2 and the raw exec floor (${ROUNDS} interleaved rounds)`,
    rows,
  );
}

async function benchStartPeers(): Promise<void> {
  const cold = await startServer({ WARM_POOL: '0', MAX_SESSIONS_PER_CLIENT: '50' });
  const warm = await startServer({ WARM_POOL: '1', MAX_SESSIONS_PER_CLIENT: '50' });
  const t = {
    cold: [] as number[],
    warm: [] as number[],
    plain: [] as number[],
    floor: [] as number[],
  };
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const steps = [
        async () => t.cold.push(await netlabStart(cold, false)),
        async () => t.warm.push(await netlabStart(warm, true)),
        async () => t.plain.push(await plainDindStart(round)),
        () => Promise.resolve(t.floor.push(floorStart())),
      ];
      for (const step of rotated(steps, round)) await step();
    }
  } finally {
    await Promise.all([cold.stop(), warm.stop()]);
  }
  const p50 = (v: number[]) => percentile(v, 50);
  const line = (name: string, v: number[], target = ''): Row => ({
    measure: `${name}: p50 (min–max)`,
    value: `${p50(v).toFixed(0)} ms (${Math.min(...v).toFixed(0)}–${Math.max(...v).toFixed(0)})`,
    target,
  });
  printTable(
    `Sandbox start: Netlab, a plain Docker-in-Docker peer and the floor (${ROUNDS} interleaved rounds)`,
    [
      line('Netlab cold (POST to ready)', t.cold, 'p50 <= 1000 ms'),
      line('Netlab warm (from the pool)', t.warm, 'p50 <= 150 ms'),
      line('plain DinD (dockerd, then images imported)', t.plain),
      line('floor (docker run --rm of a container that does nothing)', t.floor),
      {
        measure: 'ratio Netlab cold ÷ floor',
        value: (p50(t.cold) / p50(t.floor)).toFixed(2),
        target: '',
      },
      {
        measure: 'ratio plain DinD ÷ Netlab cold',
        value: (p50(t.plain) / p50(t.cold)).toFixed(2),
        target: '',
      },
    ],
  );
}

async function benchGradingPeers(): Promise<void> {
  const rows: Row[] = [];
  for (const lab of courseLabs()) {
    const g = await gradeLab(lab, ROUNDS);
    const p = (v: number[]) => `${percentile(v, 50).toFixed(0)} / ${percentile(v, 95).toFixed(0)}`;
    rows.push({
      measure: `${lab.id}: check-all fresh / solved, p50 / p95 ms — Netlab vs per-task peer`,
      value: `${p(g.netlab.fresh)}, ${p(g.netlab.solved)} vs ${p(g.perTask.fresh)}, ${p(g.perTask.solved)}`,
      target: `${(percentile(g.perTask.fresh, 50) / percentile(g.netlab.fresh, 50)).toFixed(1)}× / ${(percentile(g.perTask.solved, 50) / percentile(g.netlab.solved, 50)).toFixed(1)}×`,
    });
  }
  printTable(
    `Grading: one batched read (Netlab) against one exec per task (Killercoda/Instruqt style), ${ROUNDS} rounds each; last column: peer ÷ Netlab`,
    rows,
  );
}

async function benchDensity(): Promise<void> {
  const steps = await density();
  printTable(
    'Density: readers each with a sandbox and a terminal typing 5 keys/s, live re-checks on',
    steps.flatMap((s) => [
      {
        measure: `${s.readers} readers: echo p50 / p99; memory per reader; free`,
        value: `${fmt(s.p50)} / ${fmt(s.p99)} ms; ${s.mibPerReader.toFixed(0)} MiB; ${(s.freeMiB / 1024).toFixed(1)} GiB`,
        target: 'p99 <= 20 ms',
      },
      { measure: `${s.readers} readers: CPU while typing`, value: describeUse(s.cpu), target: '' },
    ]),
  );
}

export async function benchPeers(which?: string): Promise<void> {
  if (!which || which === 'start') await benchStartPeers();
  if (!which || which === 'terminals') await benchTerminalPeers();
  if (!which || which === 'tmux')
    printTable(`tmux's cost in isolation (${ROUNDS} rounds)`, tmuxCost(ROUNDS));
  if (!which || which === 'tmux-options')
    printTable(
      `tmux's settings against its cost (${ROUNDS} interleaved rounds)`,
      tmuxOptions(ROUNDS),
    );
  if (!which || which === 'stream-path')
    printTable(
      `The engine's exec stream against a socket read directly (${ROUNDS} interleaved rounds)`,
      await streamPath(ROUNDS),
    );
  if (!which || which === 'exec-buffer')
    printTable(
      `What the engine's exec stream holds for a reader that does not read (${ROUNDS} rounds)`,
      await execBuffer(ROUNDS),
    );
  if (!which || which === 'screen')
    printTable(
      `A holder that does not parse, with and without a server-side screen, against tmux (${ROUNDS} interleaved rounds)`,
      await screenCost(ROUNDS),
    );
  if (!which || which === 'flood')
    printTable(
      `What one reader's flood costs ten others typing, by where it is parsed (${ROUNDS} interleaved rounds)`,
      await flood(ROUNDS),
    );
  if (!which || which === 'browser-cat')
    printTable(
      `cat as a reader sees it, in Chromium: Netlab against WeTTY (${ROUNDS} interleaved rounds)`,
      await browserCat(ROUNDS),
    );
  if (!which || which === 'ab') {
    const variants = abVariants();
    printTable(
      `Netlab against Netlab: ${variants.map((v) => v.name).join(' vs ')} (${ROUNDS} interleaved rounds)`,
      await ab(variants, ROUNDS),
    );
  }
  if (!which || which === 'carriers')
    printTable(
      `The carriers (engine and lab server) in the root cgroup and in one of their own, beside busy sandboxes (${ROUNDS} interleaved rounds)`,
      await carriers(ROUNDS),
    );
  if (!which || which === 'grading') await benchGradingPeers();
  // Host CPU is counted in 10 ms ticks: many more rounds than the others.
  if (!which || which === 'check-cost')
    printTable(
      `One live re-check's cost to the host (${ROUNDS * 6} interleaved rounds)`,
      await checkCost(ROUNDS * 6),
    );
  if (!which || which === 'check-echo')
    printTable(
      `Typing while checks run in the same sandbox: its CPU quota as made, and with a burst (${ROUNDS} interleaved rounds)`,
      await checkEcho(ROUNDS),
    );
  if (!which || which === 'density') await benchDensity();
}

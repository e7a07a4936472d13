/**
 * Netlab against the tools a user would pick instead, on this machine, in the
 * same run, rounds interleaved (the order rotates each round), with ratios and
 * their spread: terminals (WeTTY, and the raw exec floor), sandbox start (a
 * plain Docker-in-Docker container, and a trivial container's floor), grading
 * (one `docker exec` of a verify script per task, as Killercoda and Instruqt
 * run them) and density.
 *
 *   npm run bench -- peers [terminals|start|grading|density]
 */
import { startServer } from '../tests/integration/helpers/server.ts';
import { percentile, printTable, sleep, type Row } from './stats.ts';
import {
  PEERS,
  catThroughput,
  ctrlC,
  openTerminal,
  rig,
  stopRig,
  typist,
  type PeerName,
} from './peers/terminal-peers.ts';

const ROUNDS = Number(process.env.PEER_ROUNDS ?? 5);
const TYPING_SECONDS = 10;

const fmt = (v: number) => v.toFixed(1);
const spread = (values: number[]) => `${fmt(Math.min(...values))}–${fmt(Math.max(...values))}`;

/** Each peer's samples, per round. */
type Rounds = Map<PeerName, number[][]>;

function rounds(): Rounds {
  return new Map(PEERS.map((p) => [p, []]));
}

/** The peers in this round's order: rotated, so that none always goes first. */
function order(round: number): PeerName[] {
  return PEERS.map((_, i) => PEERS[(i + round) % PEERS.length] as PeerName);
}

async function echoRounds(n: number, r: Awaited<ReturnType<typeof rig>>): Promise<Rounds> {
  const out = rounds();
  for (let round = 0; round < ROUNDS; round++) {
    for (const peer of order(round)) {
      const terms = await Promise.all(
        Array.from({ length: n }, (_, i) => openTerminal(r, peer, i)),
      );
      const lat = (await Promise.all(terms.map((t) => typist(t, TYPING_SECONDS)))).flat();
      await Promise.all(terms.map((t) => t.close()));
      // The server frees a session's terminal slots once their execs have ended.
      await sleep(1500);
      out.get(peer)?.push(lat);
    }
  }
  return out;
}

function echoRows(n: number, out: Rounds): Row[] {
  return PEERS.map((peer) => {
    const perRound = out.get(peer) ?? [];
    const all = perRound.flat();
    return {
      measure: `echo p50 / p99 at ${n} terminal${n > 1 ? 's' : ''}: ${peer}`,
      value: `${fmt(percentile(all, 50))} / ${fmt(percentile(all, 99))} ms (p99 per round ${spread(perRound.map((v) => percentile(v, 99)))})`,
      target: peer === 'netlab' && n === 50 ? 'p99 <= 20 ms' : '',
    };
  });
}

async function benchTerminalPeers(): Promise<void> {
  const server = await startServer({ MAX_SESSIONS_PER_CLIENT: '100', TERMINALS_PER_SESSION: '5' });
  const r = await rig(server, 50);
  const rows: Row[] = [];
  try {
    for (const n of [1, 10, 50]) rows.push(...echoRows(n, await echoRounds(n, r)));
    const stops = rounds();
    const cats = rounds();
    for (let round = 0; round < ROUNDS; round++) {
      for (const peer of order(round)) {
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
          value: `${fmt(percentile(s, 50))} ms (${spread(s)})`,
          target: peer === 'netlab' ? '<= 300 ms' : '',
        },
        {
          measure: `cat of 50 MB, p50 (min–max): ${peer}`,
          value: `${fmt(percentile(c, 50))} MB/s (${spread(c)})`,
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

export async function benchPeers(which?: string): Promise<void> {
  if (!which || which === 'terminals') await benchTerminalPeers();
}

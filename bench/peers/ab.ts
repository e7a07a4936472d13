/**
 * Two variants of Netlab's lab server in the same run, rounds interleaved (the
 * order alternates), to keep or drop a change on evidence. By default,
 * terminal output batching against none (`TERMINAL_BATCH_MS` at its default
 * and at 0); `PEERS_AB` names other variants, e.g. two sandbox images:
 *   PEERS_AB='[{"name":"new","env":{}},{"name":"old","env":{"SANDBOX_IMAGE":"netlab/sandbox:old"}}]'
 * Each round, per variant: ten terminals opened at once (open → prompt), those
 * ten typing 5 keys a second (each key timed to the frame that carries its
 * echo), and `cat` of 50 MB in one terminal (MB/s, and the frames it took).
 */
import { startServer, type RunningServer } from '../../tests/integration/helpers/server.ts';
import { percentile, range, rotated, sleep, type Row } from '../stats.ts';
import {
  catThroughput,
  openTerminal,
  rig,
  stopRig,
  typingRound,
  type Rig,
} from './terminal-peers.ts';

/** Terminals typing in each round; AB_TERMINALS sets another count. */
const TERMINALS = Number(process.env.AB_TERMINALS ?? 10);

interface Variant {
  name: string;
  env: Record<string, string>;
}

const BATCHING: Variant[] = [
  { name: 'batched (TERMINAL_BATCH_MS default)', env: {} },
  { name: 'unbatched (TERMINAL_BATCH_MS=0)', env: { TERMINAL_BATCH_MS: '0' } },
];

interface Samples {
  open: number[];
  echo: number[];
  echoP99: number[];
  cat: number[];
  frames: number[];
}

/** `cat` of 50 MB in a terminal of its own: MB/s, and the frames it took. */
export async function catRound(r: Rig): Promise<{ mbs: number; frames: number }> {
  const t = await openTerminal(r, 'netlab', 0);
  let frames = 0;
  const off = t.onFrame(() => {
    frames++;
  });
  const mbs = await catThroughput(t);
  off();
  await t.close();
  await sleep(1500);
  return { mbs, frames };
}

export function abVariants(): Variant[] {
  const given = process.env.PEERS_AB;
  return given ? (JSON.parse(given) as Variant[]) : BATCHING;
}

export async function ab(variants: Variant[], rounds: number): Promise<Row[]> {
  const base = { MAX_SESSIONS_PER_CLIENT: '100', TERMINALS_PER_SESSION: '5' };
  const servers: RunningServer[] = [];
  const rigs: Rig[] = [];
  const samples: Samples[] = variants.map(() => ({
    ...{ open: [], echo: [], echoP99: [] },
    ...{ cat: [], frames: [] },
  }));
  try {
    for (const v of variants) {
      const server = await startServer({ ...base, ...v.env });
      servers.push(server);
      rigs.push(await rig(server, TERMINALS, false));
    }
    for (let round = 0; round < rounds; round++) {
      for (const i of rotated([...variants.keys()], round)) {
        const [r, s] = [rigs[i], samples[i]];
        if (!r || !s) continue;
        const { open, echo } = await typingRound(r, 'netlab', TERMINALS);
        s.open.push(...open);
        s.echo.push(...echo);
        s.echoP99.push(percentile(echo, 99));
        const { mbs, frames } = await catRound(r);
        s.cat.push(mbs);
        s.frames.push(frames);
      }
    }
  } finally {
    rigs.forEach(stopRig);
    await Promise.all(servers.map((s) => s.stop()));
  }
  return rows(variants, samples);
}

function rows(variants: Variant[], samples: Samples[]): Row[] {
  const f = (v: number) => v.toFixed(1);
  const p = (v: number[], q: number) => percentile(v, q);
  const out = variants.flatMap((v, i): Row[] => {
    const s = samples[i];
    if (!s) return [];
    return [
      {
        measure: `${v.name}: ${TERMINALS} opened at once, open → prompt p50 / p95`,
        value: `${p(s.open, 50).toFixed(0)} / ${p(s.open, 95).toFixed(0)} ms`,
        target: '',
      },
      {
        measure: `${v.name}: echo p50 / p99 at ${TERMINALS} terminals (p99 per round)`,
        value: `${f(p(s.echo, 50))} / ${f(p(s.echo, 99))} ms (${range(s.echoP99)})`,
        target: 'p99 <= 20 ms',
      },
      {
        measure: `${v.name}: cat of 50 MB, p50 (min–max); frames p50`,
        value: `${f(p(s.cat, 50))} MB/s (${range(s.cat)}); ${p(s.frames, 50)}`,
        target: '>= 20 MB/s',
      },
    ];
  });
  const [a, b] = samples;
  if (a && b)
    out.push({
      measure: `ratio first ÷ second: open p50; echo p99; cat MB/s`,
      value: [
        (p(a.open, 50) / p(b.open, 50)).toFixed(2),
        (p(a.echo, 99) / p(b.echo, 99)).toFixed(2),
        (p(a.cat, 50) / p(b.cat, 50)).toFixed(2),
      ].join('; '),
      target: '',
    });
  return out;
}

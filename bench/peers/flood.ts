/**
 * What one reader's flood costs the other readers, by where it is parsed.
 * Replacing tmux would make `cat` faster (`peers screen`), but it moves the
 * parsing of every byte out of the flooding reader's sandbox, whose CPU the
 * kernel shares out among all sandboxes as one cgroup, onto the host beside
 * the engine and the lab server that every keystroke crosses. Each round, in
 * one Netlab lab server, ten readers in two sandboxes type 5 keys a second
 * (each key timed to the frame carrying its echo) while a third sandbox
 * floods, its output carried (in turns, the order rotating):
 * - by nobody: no flood, the baseline;
 * - by tmux, as Netlab carries it: a Netlab terminal, acknowledged like the
 *   browser's;
 * - raw, parsed into an `@xterm/headless` screen by a process on the host, as a
 *   lab server's worker thread would under dtach (bench/peers/flood-reader.ts);
 * - raw, read by that process and not parsed (every byte carried, as a
 *   browser that parses the stream itself would have it).
 * The flood's own speed is read from the count it keeps in the sandbox.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { sh } from '../../tests/integration/helpers/driver.ts';
import { startServer, type RunningServer } from '../../tests/integration/helpers/server.ts';
import { percentile, range, rotated, sleep, type Row } from '../stats.ts';
import { FLOOD, floodedBytes } from './flood-command.ts';
import { cpuUse, describeUse, snapshot, watchExecs, type CpuUse } from './host-cpu.ts';
import { waitForOutput } from './term-clients.ts';
import { abVariants } from './ab.ts';
import { openTerminal, rig, typingRound, type Rig } from './terminal-peers.ts';

const KINDS = [
  'no flood',
  'tmux (as Netlab)',
  'raw, a screen on the host',
  'raw, read only',
] as const;
type Kind = (typeof KINDS)[number];

interface Samples {
  echo: number[];
  echoP99: number[];
  mbs: number[];
  cpu: CpuUse[];
}

/** One way to carry the flood, on one lab server's sandboxes. */
interface Way {
  name: string;
  kind: Kind;
  rig: Rig;
  samples: Samples;
}

const TYPISTS = 10;
/** Terminal index whose sandbox no typist uses (terminal-peers.ts puts 5 in each). */
const FLOODER = 10;
const WARM_MS = 2000;

/** Starts the flood one way; answers how to stop it. */
async function startFlood(kind: Kind, r: Rig): Promise<() => Promise<void>> {
  if (kind === 'no flood') return async () => {};
  if (kind === 'tmux (as Netlab)') {
    const t = await openTerminal(r, 'netlab', FLOODER);
    t.type(`${FLOOD}\r`);
    return async () => {
      const back = waitForOutput(t, /[#$] $/, 30_000);
      t.type('\x03');
      await back;
      await t.close();
    };
  }
  const reader: ChildProcess = spawn(
    process.execPath,
    [
      path.join(import.meta.dirname, 'flood-reader.ts'),
      floodContainer(r),
      kind === 'raw, a screen on the host' ? 'screen' : 'raw',
    ],
    { stdio: 'inherit' },
  );
  return async () => {
    const gone = new Promise((resolve) => reader.once('exit', resolve));
    reader.kill('SIGTERM');
    await gone;
  };
}

function floodContainer(r: Rig): string {
  const session = r.sessions[Math.floor(FLOODER / 5)];
  if (!session) throw new Error('no sandbox for the flood');
  return `netlab-${session.id}`;
}

async function flooded(r: Rig): Promise<number> {
  return floodedBytes(
    await sh(r.driver, floodContainer(r), 'cat /tmp/flooded 2>/dev/null || echo 0'),
  );
}

async function round({ kind, rig: r, samples: s }: Way): Promise<void> {
  await sh(r.driver, floodContainer(r), 'pkill -x perl; rm -f /tmp/flooded; true');
  const stop = await startFlood(kind, r);
  try {
    await sleep(WARM_MS);
    const [bytes, at, before] = [await flooded(r), performance.now(), snapshot()];
    const execs = watchExecs();
    const { echo } = await typingRound(r, 'netlab', TYPISTS);
    s.cpu.push(cpuUse(before, snapshot(), execs.starts));
    execs.stop();
    const seconds = (performance.now() - at) / 1000;
    if (kind !== 'no flood') s.mbs.push(((await flooded(r)) - bytes) / 1e6 / seconds);
    s.echo.push(...echo);
    s.echoP99.push(percentile(echo, 99));
  } finally {
    await stop();
    await sh(r.driver, floodContainer(r), 'pkill -x perl; true');
    await sleep(1500);
  }
}

/**
 * The four kinds on one lab server; or, with PEERS_AB (see ab.ts), no flood and
 * tmux's flood on a lab server per variant.
 */
export async function flood(rounds: number): Promise<Row[]> {
  const variants = process.env.PEERS_AB ? abVariants() : [{ name: '', env: {} }];
  const servers: RunningServer[] = [];
  const ways: Way[] = [];
  try {
    for (const v of variants) {
      const env = { MAX_SESSIONS_PER_CLIENT: '100', TERMINALS_PER_SESSION: '5', ...v.env };
      const server = await startServer(env);
      servers.push(server);
      const r = await rig(server, FLOODER + 1, false);
      const kinds = process.env.PEERS_AB ? KINDS.slice(0, 2) : KINDS;
      for (const kind of kinds)
        ways.push({ name: v.name ? `${v.name}, ${kind}` : kind, kind, rig: r, samples: empty() });
    }
    for (let i = 0; i < rounds; i++) for (const way of rotated(ways, i)) await round(way);
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
  return rows(ways);
}

const empty = (): Samples => ({ echo: [], echoP99: [], mbs: [], cpu: [] });

function rows(ways: Way[]): Row[] {
  const base = percentile(ways[0]?.samples.echo ?? [], 99);
  return ways.flatMap(({ name: way, samples: s }): Row[] => {
    const p99 = percentile(s.echo, 99);
    const last = s.cpu.at(-1);
    return [
      {
        measure: `${way}: the others' echo p50 / p99 (p99 per round); ÷ the first`,
        value: `${percentile(s.echo, 50).toFixed(1)} / ${p99.toFixed(1)} ms (${range(s.echoP99)}); ${(p99 / base).toFixed(2)}`,
        target: 'p99 <= 20 ms',
      },
      ...(s.mbs.length
        ? [
            {
              measure: `${way}: the flood, p50 (min–max)`,
              value: `${percentile(s.mbs, 50).toFixed(1)} MB/s (${range(s.mbs)})`,
              target: '',
            },
          ]
        : []),
      ...(last
        ? [{ measure: `${way}: CPU, last round`, value: describeUse(last), target: '' }]
        : []),
    ];
  });
}

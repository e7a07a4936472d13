/**
 * Where the carriers of terminal output sit among the CPU's weights
 * (carriers-cgroup.ts), in the same run, rounds interleaved: the engine and
 * the lab server in the host's root cgroup (where Netlab runs them), and in
 * `netlab-carriers` at each weight of PEERS_CARRIER_SHARES (default
 * "1024,2048"). Each placement is set again before its round, so every
 * variant meets the same machine. All of it under 0, 1 and 4 other sandboxes
 * busy-looping at their CPU quota: a weight that helps `cat` must not let one
 * busy reader starve everyone's keystrokes.
 * Each round, per variant: ten terminals opened at once, those ten typing 5
 * keys a second, and `cat` of 50 MB in one terminal. Needs root and a cgroup
 * v1 cpu hierarchy.
 */
import { loadConfig } from '../../server/config.ts';
import { engineLayout } from '../../server/sandbox/engine/layout.ts';
import { readPid } from '../../server/sandbox/engine/host.ts';
import { testDriver } from '../../tests/integration/helpers/driver.ts';
import { startServer } from '../../tests/integration/helpers/server.ts';
import { percentile, range, rotated, type Row } from '../stats.ts';
import { catRound } from './ab.ts';
import {
  carriersDir,
  dropCarriers,
  enginePids,
  listProcesses,
  placeCarriers,
} from './carriers-cgroup.ts';
import { rig, stopRig, typingRound } from './terminal-peers.ts';

const TERMINALS = 10;
const BUSY = [0, 1, 4];

/** null: the root cgroup; a number: netlab-carriers at that weight. */
type Placement = number | null;

function placements(): Placement[] {
  const shares = (process.env.PEERS_CARRIER_SHARES ?? '1024,2048').split(',').map(Number);
  return [null, ...shares];
}

const label = (p: Placement) => (p === null ? 'root cgroup' : `carriers ${p}`);

/** Netlab's own engine, and the lab server under test. */
interface Carriers {
  engineDir: string;
  serverPid: number;
}

function place(p: Placement, { engineDir, serverPid }: Carriers): void {
  const layout = engineLayout(engineDir);
  const dockerd = readPid(layout);
  if (dockerd === null) throw new Error('the carriers bench needs Netlab’s engine running');
  const pids = [serverPid, ...enginePids(listProcesses(), dockerd, layout.execRoot)];
  placeCarriers(pids, p);
}

/** Sandboxes looping on their whole CPU quota until destroyed. */
async function busySandboxes(n: number): Promise<() => Promise<void>> {
  const driver = testDriver();
  const ids = await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const { containerId } = await driver.create(`carriers-busy-${process.pid}-${i}`);
      await driver.exec(containerId, ['sh', '-c', '(while :; do :; done) >/dev/null 2>&1 &'], {
        timeoutMs: 10_000,
        maxBytes: 1024,
      });
      return containerId;
    }),
  );
  return async () => {
    await Promise.all(ids.map((id) => driver.destroy(id)));
  };
}

interface Samples {
  open: number[];
  echoP99: number[];
  cat: number[];
}

export async function carriers(rounds: number): Promise<Row[]> {
  const { managed } = loadConfig(process.env).engine;
  if (!carriersDir() || !managed || process.getuid?.() !== 0) {
    const why = 'skipped: needs root, a cgroup v1 cpu hierarchy and Netlab’s own engine';
    return [{ measure: why, value: '', target: '' }];
  }
  const server = await startServer({ MAX_SESSIONS_PER_CLIENT: '100', TERMINALS_PER_SESSION: '5' });
  const r = await rig(server, TERMINALS, false);
  // Writing 0 to cgroup.procs would move the writer, the bench itself.
  if (server.child.pid === undefined) throw new Error('the lab server has no pid');
  const movers = { engineDir: managed.dir, serverPid: server.child.pid };
  const out: Row[] = [];
  try {
    for (const busy of BUSY) {
      const stop = await busySandboxes(busy);
      try {
        out.push(...(await busyRows(busy, rounds, r, movers)));
      } finally {
        await stop();
      }
    }
  } finally {
    place(null, movers);
    dropCarriers();
    stopRig(r);
    await server.stop();
  }
  return out;
}

async function busyRows(
  busy: number,
  rounds: number,
  r: Awaited<ReturnType<typeof rig>>,
  movers: Carriers,
): Promise<Row[]> {
  const variants = placements();
  const samples: Samples[] = variants.map(() => ({ open: [], echoP99: [], cat: [] }));
  for (let round = 0; round < rounds; round++) {
    for (const i of rotated([...variants.keys()], round)) {
      const [v, s] = [variants[i], samples[i]];
      if (v === undefined || !s) continue;
      place(v, movers);
      const { open, echo } = await typingRound(r, 'netlab', TERMINALS);
      s.open.push(percentile(open, 50));
      s.echoP99.push(percentile(echo, 99));
      s.cat.push((await catRound(r)).mbs);
    }
  }
  const f = (v: number[]) => percentile(v, 50).toFixed(1);
  const base = samples[0];
  return variants.flatMap((v, i): Row[] => {
    const s = samples[i];
    if (!s || !base) return [];
    const ratio = (percentile(s.cat, 50) / percentile(base.cat, 50)).toFixed(2);
    return [
      {
        measure: `${busy} busy, ${label(v)}: cat MB/s p50 (min–max); ÷ root`,
        value: `${f(s.cat)} (${range(s.cat)}); ${ratio}`,
        target: '>= 20 MB/s',
      },
      {
        measure: `${busy} busy, ${label(v)}: echo p99 at ${TERMINALS} terminals, p50 of rounds (min–max); open p50`,
        value: `${f(s.echoP99)} ms (${range(s.echoP99)}); ${f(s.open)} ms`,
        target: 'p99 <= 20 ms',
      },
    ];
  });
}

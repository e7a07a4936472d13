/**
 * What a lighter holder of the shell would give `cat`: the same 50 MB in one
 * sandbox, interleaved, (1) through a tmux client on a `docker exec` TTY, as
 * Netlab carries it; (2) from a shell on a `docker exec` TTY with no tmux, read
 * raw, as a holder that does not parse (dtach) would pass it on; (3) the same,
 * each byte also parsed into an `@xterm/headless` screen in this process, the
 * screen such a design would keep on the lab server for reconnect and peek;
 * (4) from a shell held by dtach (the host's /usr/bin/dtach, copied into the
 * sandbox for the run; skipped when the host has none), read raw: the holder's
 * own cost, one more pty and socket hop on the way out; (5) the same with the
 * server-side screen: the whole of that design.
 * Without tmux nothing discards a backlog: every byte reaches the reader.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import headless from '@xterm/headless';
import { sandboxSocket } from '../../tests/integration/helpers/docker.ts';
import { sh, testDriver } from '../../tests/integration/helpers/driver.ts';
import type { DockerDriver } from '../../server/sandbox/docker-driver.ts';
import { percentile, range, sleep, type Row } from '../stats.ts';
import { catThrough, type Sample } from './cat-through.ts';

const { Terminal } = headless;

const WAYS = [
  'tmux (as Netlab)',
  'no tmux, read raw',
  'no tmux, a server-side screen',
  'dtach, read raw',
  'dtach, a server-side screen',
] as const;
type Way = (typeof WAYS)[number];
const DTACH = '/usr/bin/dtach';

/** What the terminal runs: tmux's client, a bare shell, or a shell under a fresh dtach master. */
function command(way: Way): string[] {
  if (way === 'tmux (as Netlab)') return ['tmux', 'attach', '-t', 'x'];
  const shell = ['bash', '--norc', '-i'];
  // -E: no detach key; -z: no suspend key; -r none: no redraw on attach (nothing to redraw yet).
  if (way === 'dtach, read raw')
    return ['dtach', '-A', '/tmp/bench.dtach', '-Ez', '-r', 'none', ...shell];
  return shell;
}

async function round(way: Way, driver: DockerDriver, id: string): Promise<Sample> {
  const size = { cols: 80, rows: 24, env: ['TERM=xterm-256color'] };
  await sh(
    driver,
    id,
    'tmux kill-server 2>/dev/null; pkill -x dtach; rm -f /tmp/bench.dtach; tmux new-session -d -s x -x 80 -y 24',
  );
  const tty = await driver.attach(id, { cmd: command(way), ...size });
  // tmux keeps 5000 lines of history (tmux.conf): the screen keeps as many.
  const screen = way.endsWith('a server-side screen')
    ? new Terminal({ cols: size.cols, rows: size.rows, scrollback: 5000 })
    : undefined;
  try {
    return await catThrough(tty.stream, screen);
  } finally {
    tty.close();
    screen?.dispose();
  }
}

export async function screenCost(rounds: number): Promise<Row[]> {
  const driver = testDriver();
  const { containerId } = await driver.create(`screen-cost-${process.pid}`);
  const ways = WAYS.filter((w) => !w.startsWith('dtach') || existsSync(DTACH));
  const samples = new Map<Way, Sample[]>(ways.map((w) => [w, []]));
  try {
    await sh(driver, containerId, 'head -c 37500000 /dev/urandom | base64 -w 100 > /tmp/big');
    if (existsSync(DTACH)) {
      const docker = [
        '-H',
        `unix://${sandboxSocket}`,
        'cp',
        DTACH,
        `${containerId}:/usr/local/bin/`,
      ];
      execFileSync('docker', docker);
    }
    for (let r = 0; r < rounds; r++) {
      for (let i = 0; i < ways.length; i++) {
        const way = ways[(i + r) % ways.length] as Way;
        samples.get(way)?.push(await round(way, driver, containerId));
        await sleep(1000);
      }
    }
  } finally {
    await driver.destroy(containerId);
  }
  return rows(samples);
}

function rows(samples: Map<Way, Sample[]>): Row[] {
  const p50 = (s: Sample[], k: keyof Sample) =>
    percentile(
      s.map((x) => x[k]),
      50,
    );
  const netlab = p50(samples.get(WAYS[0]) ?? [], 'mbs');
  return [...samples.keys()].map((way) => {
    const s = samples.get(way) ?? [];
    return {
      measure: `cat of 50 MB, ${way}: p50 (min–max); ÷ tmux; MB that came; bench CPU per MB`,
      value:
        `${p50(s, 'mbs').toFixed(1)} MB/s (${range(s.map((x) => x.mbs))}); ${(p50(s, 'mbs') / netlab).toFixed(2)}; ` +
        `${p50(s, 'mb').toFixed(1)}; ${p50(s, 'cpuMsPerMb').toFixed(1)} ms`,
      target: '',
    };
  });
}

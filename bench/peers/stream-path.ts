/**
 * What carrying a terminal's bytes through the engine costs `cat`: 50 MB
 * through a tmux client whose output goes, as Netlab's does, through a
 * `docker exec` TTY (containerd-shim, then dockerd), against the same client
 * under `script`, its bytes on a unix socket in the sandbox that the bench
 * reads directly (through /proc/<pid>/root: needs root on the host).
 * Interleaved rounds in one sandbox, a fresh tmux server each time.
 */
import { execFileSync } from 'node:child_process';
import net from 'node:net';
import { sandboxSocket } from '../../tests/integration/helpers/docker.ts';
import { sh, testDriver } from '../../tests/integration/helpers/driver.ts';
import type { DockerDriver } from '../../server/sandbox/docker-driver.ts';
import { percentile, range, sleep, type Row } from '../stats.ts';
import { catThrough } from './cat-through.ts';

const SOCKET = '/run/netlab-bench-term.sock';
// Accepts one connection, makes it the terminal of `script`, which runs the tmux client on a pty.
const LISTEN = [
  'unlink $ARGV[0]; my $l = IO::Socket::UNIX->new(Local => $ARGV[0], Listen => 1) or die "$!";',
  'my $c = $l->accept; open STDIN, "<&", $c; open STDOUT, ">&", $c; open STDERR, ">&", $c;',
  '$ENV{TERM} = "xterm-256color";',
  'exec "script", "-qc", "stty rows 24 cols 80; exec tmux attach -t x", "/dev/null";',
].join(' ');

const WAYS = ['docker exec TTY (as Netlab)', 'unix socket read directly'] as const;
type Way = (typeof WAYS)[number];

async function round(way: Way, driver: DockerDriver, id: string, pid: string) {
  await sh(driver, id, 'tmux kill-server 2>/dev/null; tmux new-session -d -s x -x 80 -y 24');
  if (way === WAYS[0]) {
    const tty = await driver.attach(id, { cmd: ['tmux', 'attach', '-t', 'x'], cols: 80, rows: 24 });
    tty.stream.resume();
    const out = await catThrough(tty.stream);
    tty.close();
    return out;
  }
  const listening = driver.exec(id, ['perl', '-MIO::Socket::UNIX', '-e', LISTEN, SOCKET], {
    timeoutMs: 180_000,
    maxBytes: 4096,
  });
  await sleep(500);
  const socket = net.connect(`/proc/${pid}/root${SOCKET}`);
  await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  const out = await catThrough(socket);
  socket.destroy();
  await listening;
  return out;
}

export async function streamPath(rounds: number): Promise<Row[]> {
  const driver = testDriver();
  const { containerId } = await driver.create(`stream-path-${process.pid}`);
  const args = ['-H', `unix://${sandboxSocket}`, 'inspect', '-f', '{{.State.Pid}}', containerId];
  const pid = execFileSync('docker', args, { encoding: 'utf8' }).trim();
  const samples = new Map<Way, { mbs: number[]; mb: number[] }>(
    WAYS.map((w) => [w, { mbs: [], mb: [] }]),
  );
  try {
    await sh(driver, containerId, 'head -c 37500000 /dev/urandom | base64 -w 100 > /tmp/big');
    for (let r = 0; r < rounds; r++) {
      for (const way of r % 2 ? [...WAYS].reverse() : WAYS) {
        const { mbs, mb } = await round(way, driver, containerId, pid);
        samples.get(way)?.mbs.push(mbs);
        samples.get(way)?.mb.push(mb);
        await sleep(1000);
      }
    }
  } finally {
    await driver.destroy(containerId);
  }
  return WAYS.map((way) => {
    const s = samples.get(way) ?? { mbs: [], mb: [] };
    return {
      measure: `cat of 50 MB through tmux, ${way}: p50 (min–max); MB that came, p50`,
      value: `${percentile(s.mbs, 50).toFixed(1)} MB/s (${range(s.mbs)}); ${percentile(s.mb, 50).toFixed(1)}`,
      target: '',
    };
  });
}

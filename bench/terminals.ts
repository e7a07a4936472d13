/**
 * The terminal path end to end (protocol client -> ws -> exec -> tmux -> bash
 * and back): keystroke echo latency under 1, 10 and 50 concurrent terminals each
 * typing 5 keys a second, Ctrl-C to prompt during `yes`, and `cat` throughput.
 */
import { readFileSync } from 'node:fs';
import { createSession, waitReady } from '../tests/integration/helpers/api.ts';
import { startServer, type RunningServer } from '../tests/integration/helpers/server.ts';
import {
  connectTerminal,
  plain,
  type TerminalClient,
} from '../tests/integration/helpers/terminal-client.ts';
import type { CreateSessionResponse } from '../server/protocol.ts';
import { ms, percentile, printTable, sleep, type Row } from './stats.ts';

const TERMINALS_PER_SESSION = 5;
const PROMPT = /root@netlab:~# $/;

/** Resolves at the next terminal output frame, or after `ms` (a lost echo). */
function nextOutput(t: TerminalClient, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function onMessage(_data: unknown, isBinary: boolean): void {
      if (isBinary) done();
    }
    function done(): void {
      clearTimeout(timer);
      t.socket.off('message', onMessage);
      resolve();
    }
    t.socket.on('message', onMessage);
  });
}

/** Types a key every 200 ms and records how long its echo takes to arrive. */
async function typist(t: TerminalClient, seconds: number): Promise<number[]> {
  const latencies: number[] = [];
  const keys = ['a', '\x7f'];
  await sleep(Math.random() * 200);
  for (let i = 0; i < seconds * 5; i++) {
    const sent = performance.now();
    const echoed = nextOutput(t, 2000);
    t.type(keys[i % 2] ?? 'a');
    await echoed;
    latencies.push(performance.now() - sent);
    await sleep(Math.max(0, 200 - (performance.now() - sent)));
  }
  return latencies;
}

async function sessions(server: RunningServer, count: number): Promise<CreateSessionResponse[]> {
  const made = await Promise.all(Array.from({ length: count }, () => createSession(server.url)));
  await Promise.all(made.map((s) => waitReady(server.url, s)));
  return made;
}

async function echoLatency(server: RunningServer, terminals: number): Promise<number[]> {
  const needed = Math.ceil(terminals / TERMINALS_PER_SESSION);
  const owners = await sessions(server, needed);
  const clients = await Promise.all(
    Array.from({ length: terminals }, (_, i) => {
      const s = owners[Math.floor(i / TERMINALS_PER_SESSION)] as CreateSessionResponse;
      return connectTerminal(server.url, s.id, {
        token: s.token,
        query: { window: `w${i % TERMINALS_PER_SESSION}` },
      });
    }),
  );
  await Promise.all(clients.map((c) => c.waitFor(/root@netlab:~# /, 30_000)));
  await sleep(500);
  const results = await Promise.all(clients.map((c) => typist(c, 10)));
  await Promise.all(clients.map((c) => c.close()));
  return results.flat();
}

async function ctrlC(t: TerminalClient): Promise<number> {
  t.type('yes\r');
  await sleep(1000);
  const mark = t.output().length;
  const sent = performance.now();
  t.type('\x03');
  while (!PROMPT.test(plain(t.output().slice(mark)).trimEnd() + ' ')) await sleep(1);
  return performance.now() - sent;
}

function rssMiB(pid: number): number {
  return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024;
}

async function throughput(
  server: RunningServer,
  t: TerminalClient,
): Promise<{ mbps: number; peakRss: number }> {
  t.type('head -c 37500000 /dev/urandom | base64 -w 100 > /tmp/big; ls -l /tmp/big\r');
  await t.waitFor(/ 50500000 .* \/tmp\/big/, 60_000);
  const pid = server.child.pid ?? 0;
  let peak = rssMiB(pid);
  const sampler = setInterval(() => (peak = Math.max(peak, rssMiB(pid))), 50);
  // Watches each frame as it arrives (the tail of the last one kept, for a marker
  // split across two): re-reading the output would make the bench the bottleneck.
  let tail = '';
  const done = new Promise<void>((resolve) => {
    const onMessage = (data: Buffer, isBinary: boolean): void => {
      if (!isBinary) return;
      tail = (tail + data.toString('utf8')).slice(-256);
      if (!/cat-42-done/.test(plain(tail))) return;
      t.socket.off('message', onMessage);
      resolve();
    };
    t.socket.on('message', onMessage);
  });
  const started = performance.now();
  t.type('cat /tmp/big; echo cat-$((40+2))-done\r');
  await done;
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  return { mbps: 50 / seconds, peakRss: peak };
}

export async function benchTerminals(): Promise<void> {
  const server = await startServer({
    MAX_SESSIONS_PER_CLIENT: '100',
    TERMINALS_PER_SESSION: String(TERMINALS_PER_SESSION),
  });
  const rows: Row[] = [];
  try {
    for (const n of [1, 10, 50]) {
      const lat = await echoLatency(server, n);
      rows.push({
        measure: `echo latency p50 / p99, ${n} terminal${n > 1 ? 's' : ''} at 5 keys/s`,
        value: `${percentile(lat, 50).toFixed(1)} / ${percentile(lat, 99).toFixed(1)} ms`,
        target: n === 50 ? 'p50 <= 5 ms, p99 <= 20 ms' : '',
      });
    }
    const [s] = await sessions(server, 1);
    if (!s) throw new Error('no session');
    const t = await connectTerminal(server.url, s.id, {
      token: s.token,
      query: { window: 'bench' },
    });
    await t.waitFor(/root@netlab:~# /);
    const stops: number[] = [];
    for (let i = 0; i < 5; i++) stops.push(await ctrlC(t));
    rows.push({
      measure: 'Ctrl-C to prompt during `yes` p50 / max (5 runs)',
      value: `${ms(percentile(stops, 50))} / ${ms(Math.max(...stops))}`,
      target: '<= 300 ms',
    });
    const { mbps, peakRss } = await throughput(server, t);
    rows.push({
      measure: '`cat` of 50 MB through the terminal',
      value: `${mbps.toFixed(1)} MB/s`,
      target: '>= 20 MB/s',
    });
    rows.push({
      measure: 'server RSS peak during the cat',
      value: `${peakRss.toFixed(0)} MiB`,
      target: 'bounded',
    });
    await t.close();
  } finally {
    await server.stop();
  }
  printTable('Terminals', rows);
}

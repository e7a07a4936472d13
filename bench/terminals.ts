/**
 * The terminal path end to end, Netlab alone (the peers bench sets it beside
 * WeTTY and the raw exec floor): keystroke echo under 1, 10 and 50 concurrent
 * terminals each typing 5 keys a second — each key timed to the frame that
 * carries its echo, the client being the browser's own TerminalConnection,
 * which acknowledges in the browser's batches — Ctrl-C to prompt during `yes`,
 * `cat` throughput, and the server's memory meanwhile.
 */
import { readFileSync } from 'node:fs';
import { startServer } from '../tests/integration/helpers/server.ts';
import { catThroughput, ctrlC, openTerminal, rig, typist } from './peers/terminal-peers.ts';
import { ms, percentile, printTable, sleep, type Row } from './stats.ts';

function rssMiB(pid: number): number {
  return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024;
}

export async function benchTerminals(): Promise<void> {
  const server = await startServer({ MAX_SESSIONS_PER_CLIENT: '100', TERMINALS_PER_SESSION: '5' });
  const rows: Row[] = [];
  try {
    const r = await rig(server, 50, false);
    for (const n of [1, 10, 50]) {
      const terms = await Promise.all(
        Array.from({ length: n }, (_, i) => openTerminal(r, 'netlab', i)),
      );
      const lat = (await Promise.all(terms.map((t) => typist(t, 10)))).flat();
      await Promise.all(terms.map((t) => t.close()));
      await sleep(1500);
      rows.push({
        measure: `echo latency p50 / p99, ${n} terminal${n > 1 ? 's' : ''} at 5 keys/s`,
        value: `${percentile(lat, 50).toFixed(1)} / ${percentile(lat, 99).toFixed(1)} ms`,
        target: n === 50 ? 'p50 <= 5 ms, p99 <= 20 ms' : '',
      });
    }
    const t = await openTerminal(r, 'netlab', 0);
    const stops: number[] = [];
    for (let i = 0; i < 5; i++) stops.push(await ctrlC(t));
    rows.push({
      measure: 'Ctrl-C to prompt during `yes` p50 / max (5 runs)',
      value: `${ms(percentile(stops, 50))} / ${ms(Math.max(...stops))}`,
      target: '<= 300 ms',
    });
    const pid = server.child.pid ?? 0;
    let peak = rssMiB(pid);
    const sampler = setInterval(() => (peak = Math.max(peak, rssMiB(pid))), 50);
    const mbps = await catThroughput(t);
    clearInterval(sampler);
    rows.push(
      {
        measure: '`cat` of 50 MB through the terminal',
        value: `${mbps.toFixed(1)} MB/s`,
        target: '>= 20 MB/s',
      },
      {
        measure: 'server RSS peak during the cat',
        value: `${peak.toFixed(0)} MiB`,
        target: 'bounded',
      },
    );
    await t.close();
  } finally {
    await server.stop();
  }
  printTable('Terminals', rows);
}

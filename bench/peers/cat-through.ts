/**
 * `cat` of the 50 MB in /tmp/big through a terminal's stream, timed until the
 * marker after it arrives; optionally with every byte also parsed into a
 * headless screen (then timed until the screen has it all).
 */
import type { Duplex } from 'node:stream';
import { sleep } from '../stats.ts';
import { ScreenSink, type Screen } from './screen-sink.ts';

const MARK = 'cat-42-done';

export interface Sample {
  mbs: number;
  mb: number;
  /** This process's CPU (user + system) per MB of `cat`, in ms. */
  cpuMsPerMb: number;
}

export async function catThrough(tty: Duplex, screen?: Screen): Promise<Sample> {
  let seen = '';
  let bytes = 0;
  const sink = screen && new ScreenSink(screen, tty);
  tty.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
    seen = (seen + chunk.toString('latin1')).slice(-200);
    sink?.write(chunk);
  });
  tty.resume();
  await sleep(1500);
  await sink?.parsed();
  [seen, bytes] = ['', 0];
  const cpu = process.cpuUsage();
  const started = performance.now();
  tty.write(`cat /tmp/big; echo cat-$((40+2))-done\r`);
  const deadline = started + 120_000;
  while (!seen.includes(MARK)) {
    if (performance.now() > deadline) throw new Error('cat did not finish in 120 s');
    await sleep(2);
  }
  await sink?.parsed();
  const used = process.cpuUsage(cpu);
  return {
    mbs: 50 / ((performance.now() - started) / 1000),
    mb: bytes / 1e6,
    cpuMsPerMb: (used.user + used.system) / 1000 / 50,
  };
}

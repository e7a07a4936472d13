/**
 * What one live re-check costs the host, CPU of both cores counted: the bridge
 * lab's check-all as Netlab runs it (one `docker exec` of the batched World
 * read, at nice 19), the same script sent to a shell kept open in the sandbox
 * (what a persistent in-sandbox agent would save), and `true` both ways (the
 * exec's own price). Interleaved rounds, medians.
 */
import { readFileSync } from 'node:fs';
import { checkTasks, execInSandbox } from '../../server/grading/grader.ts';
import { parseLab, type Lab } from '../../server/labs.ts';
import type { DockerDriver } from '../../server/sandbox/docker-driver.ts';
import type { TtyProcess } from '../../server/sandbox/driver.ts';
import { testDriver } from '../../tests/integration/helpers/driver.ts';
import { percentile, sleep, type Row } from '../stats.ts';
import { hostTicks } from './host-cpu.ts';

const TICK_MS = 10;
const WAYS = ['check by exec', 'check in an open shell', 'true by exec', 'true in an open shell'];

/** Host CPU used so far (all cores, not idle), ms; one file read, so the reading costs next to nothing. */
function busyMs(): number {
  const t = hostTicks();
  return (t.reduce((a, b) => a + b, 0) - (t[3] ?? 0) - (t[4] ?? 0)) * TICK_MS;
}

const quote = (word: string) => `'${word.replaceAll("'", `'\\''`)}'`;

/** A bash on a raw TTY that runs each command sent to it and prints a mark after it. */
async function openShell(driver: DockerDriver, containerId: string) {
  const tty: TtyProcess = await driver.attach(containerId, {
    cmd: ['bash', '--norc', '--noprofile'],
    ...{ cols: 200, rows: 50 },
  });
  let seen = '';
  tty.stream.on('data', (chunk: Buffer) => (seen = (seen + chunk.toString()).slice(-4096)));
  tty.stream.resume();
  tty.stream.write("stty raw -echo; PS1=''\n");
  await sleep(500);
  const run = (cmd: string[]) =>
    new Promise<void>((resolve) => {
      seen = '';
      const script = Buffer.from(cmd.map(quote).join(' ')).toString('base64');
      const onData = () => {
        if (!/DONE-\d+-MARK/.test(seen)) return;
        tty.stream.off('data', onData);
        resolve();
      };
      tty.stream.on('data', onData);
      tty.stream.write(`echo ${script} | base64 -d | bash; echo DONE-$?-MARK\n`);
    });
  return { run, close: () => tty.close() };
}

type Exec = ReturnType<typeof execInSandbox>;

/** The lab's check-all as a live re-check runs it: the batched World read, at nice 19. */
export async function liveCheckCommand(exec: Exec, lab: Lab): Promise<string[]> {
  let check: string[] = [];
  await checkTasks(
    (cmd) => ((check = ['nice', '-n', '19', ...cmd]), exec(cmd)),
    lab,
    {},
    {
      locale: 'en',
    },
  );
  return check;
}

export async function checkCost(rounds: number): Promise<Row[]> {
  const lab = parseLab(readFileSync('labs/bridge/lab.yaml', 'utf8'), 'bridge/lab.yaml');
  const driver = testDriver();
  const { containerId } = await driver.create(`check-cost-${process.pid}`);
  try {
    const exec = execInSandbox(driver, containerId, { timeoutMs: 10_000, maxBytes: 4 << 20 });
    const check = await liveCheckCommand(exec, lab);
    const shell = await openShell(driver, containerId);
    const run: Record<string, () => Promise<unknown>> = {
      [WAYS[0] ?? '']: () => exec(check),
      [WAYS[1] ?? '']: () => shell.run(check),
      [WAYS[2] ?? '']: () => exec(['true']),
      [WAYS[3] ?? '']: () => shell.run(['true']),
    };
    const cpu = new Map<string, number[]>(WAYS.map((w) => [w, []]));
    const wall = new Map<string, number[]>(WAYS.map((w) => [w, []]));
    for (let r = 0; r < rounds; r++) {
      for (const way of WAYS) {
        const [busy, started] = [busyMs(), performance.now()];
        await run[way]?.();
        wall.get(way)?.push(performance.now() - started);
        cpu.get(way)?.push(busyMs() - busy);
        await sleep(150);
      }
    }
    shell.close();
    return WAYS.map((way) => ({
      measure: `${way}: wall p50; host CPU p50 / mean`,
      value: `${percentile(wall.get(way) ?? [], 50).toFixed(0)} ms; ${percentile(cpu.get(way) ?? [], 50).toFixed(0)} / ${mean(cpu.get(way) ?? []).toFixed(0)} ms`,
      target: '',
    }));
  } finally {
    await driver.destroy(containerId);
  }
}

const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / Math.max(1, v.length);

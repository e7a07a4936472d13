/**
 * Whether a sandbox's CPU quota freezes the reader's shell while checks run in
 * it: two sandboxes of the bridge lab, one as Netlab makes it and one allowed
 * to save a whole period's unused quota and spend it at once (the kernel's CPU
 * burst, written into its cgroup here, from the host — Docker cannot set it),
 * each with a reader's terminal (terminal.sh, the tmux window a browser
 * attaches to). Each round, in one sandbox and then the other (the order
 * alternating), the lab's live check-all runs back to back while a key is typed
 * every 100 ms and timed to the output that carries its echo. The sandbox's
 * cgroup says how often its quota froze it meanwhile. Needs cgroup v1 and root.
 */
import { writeFileSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { execInSandbox } from '../../server/grading/grader.ts';
import { parseLab } from '../../server/labs.ts';
import type { DockerDriver } from '../../server/sandbox/docker-driver.ts';
import { testDriver } from '../../tests/integration/helpers/driver.ts';
import { percentile, range, sleep, type Row } from '../stats.ts';
import { liveCheckCommand } from './check-cost.ts';
import { ECHO_KEYS, EchoWatch } from './echo.ts';
import { quotaStats, SANDBOX_CGROUPS } from './host-cpu.ts';

const TYPING_MS = 10_000;
const KEY_EVERY_MS = 100;

interface Sandbox {
  name: string;
  driver: DockerDriver;
  containerId: string;
  /** Types one key and answers the ms until its echo arrived (null: none within 2 s). */
  key: (key: string) => Promise<number | null>;
  /** Clears the line (Ctrl-U), untimed. */
  clear: () => void;
  close: () => void;
}

interface Samples {
  echo: number[];
  roundP99: number[];
  checks: number[];
  frozenMs: number;
  throttled: number;
  seconds: number;
}

async function sandbox(name: string, burstUs: number): Promise<Sandbox> {
  const driver = testDriver();
  const { containerId } = await driver.create(`check-echo-${process.pid}-${burstUs}`);
  writeFileSync(`${SANDBOX_CGROUPS}/${containerId}/cpu.cfs_burst_us`, String(burstUs));
  const tty = await driver.attach(containerId, {
    cmd: ['/opt/netlab/terminal.sh', 'main', 'rw', '24', '80'],
    ...{ cols: 80, rows: 24 },
  });
  let watch: EchoWatch | undefined;
  tty.stream.on('data', (chunk: Buffer) => watch?.feed(chunk.toString(), performance.now()));
  tty.stream.resume();
  await sleep(1500);
  const key = async (k: string) => {
    const w = new EchoWatch(k, performance.now());
    watch = w;
    tty.stream.write(k);
    const deadline = performance.now() + 2000;
    while (w.arrivedAfterMs === null && performance.now() < deadline) await sleep(1);
    return w.arrivedAfterMs;
  };
  const clear = () => {
    watch = undefined;
    tty.stream.write('\x15');
  };
  return { name, driver, containerId, key, clear, close: () => tty.close() };
}

/** Checks back to back while a key is typed every 100 ms; echo times and check times. */
async function round(s: Sandbox, check: string[], into: Samples): Promise<void> {
  const exec = execInSandbox(s.driver, s.containerId, { timeoutMs: 10_000, maxBytes: 4 << 20 });
  const before = quotaStats().get(s.containerId);
  const started = performance.now();
  const state = { typing: true };
  const checking = (async () => {
    while (state.typing) {
      const t = performance.now();
      await exec(check);
      into.checks.push(performance.now() - t);
    }
  })();
  const echoes: number[] = [];
  for (let i = 0; performance.now() - started < TYPING_MS; i++) {
    const next = started + (i + 1) * KEY_EVERY_MS;
    const k = ECHO_KEYS[i % ECHO_KEYS.length] ?? 'a';
    echoes.push((await s.key(k)) ?? 2000);
    if (k === 'z') s.clear();
    await sleep(Math.max(0, next - performance.now()));
  }
  state.typing = false;
  await checking;
  const after = quotaStats().get(s.containerId);
  into.echo.push(...echoes);
  into.roundP99.push(percentile(echoes, 99));
  into.throttled += (after?.periods ?? 0) - (before?.periods ?? 0);
  into.frozenMs += (after?.ms ?? 0) - (before?.ms ?? 0);
  into.seconds += (performance.now() - started) / 1000;
}

export async function checkEcho(rounds: number): Promise<Row[]> {
  const lab = parseLab(readFileSync('labs/bridge/lab.yaml', 'utf8'), 'bridge/lab.yaml');
  const sandboxes = [await sandbox('as made', 0), await sandbox('CPU burst of 100 ms', 100_000)];
  const samples = sandboxes.map((): Samples => ({
    echo: [],
    roundP99: [],
    checks: [],
    frozenMs: 0,
    throttled: 0,
    seconds: 0,
  }));
  try {
    const first = sandboxes[0];
    if (!first) return [];
    const exec = execInSandbox(first.driver, first.containerId, {
      timeoutMs: 10_000,
      maxBytes: 4 << 20,
    });
    const check = await liveCheckCommand(exec, lab);
    for (let r = 0; r < rounds; r++) {
      for (let k = 0; k < sandboxes.length; k++) {
        const i = (k + r) % sandboxes.length;
        const [s, into] = [sandboxes[i], samples[i]];
        if (s && into) await round(s, check, into);
        await sleep(1000);
      }
    }
    return sandboxes.flatMap((s, i) => rows(s.name, samples[i]));
  } finally {
    for (const s of sandboxes) {
      s.close();
      await s.driver.destroy(s.containerId);
    }
  }
}

function rows(name: string, s: Samples | undefined): Row[] {
  if (!s) return [];
  return [
    {
      measure: `${name}: echo p50 / p99 while checks run (p99 per round)`,
      value: `${percentile(s.echo, 50).toFixed(1)} / ${percentile(s.echo, 99).toFixed(1)} ms (${range(s.roundP99)})`,
      target: '',
    },
    {
      measure: `${name}: check-all p50; throttled periods/s; frozen ms/s`,
      value: `${percentile(s.checks, 50).toFixed(0)} ms; ${(s.throttled / s.seconds).toFixed(1)}; ${(s.frozenMs / s.seconds).toFixed(0)}`,
      target: '',
    },
  ];
}

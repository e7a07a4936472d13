/**
 * pace (labs/images/sandbox/pace.c), the pty between the browser terminal's
 * `docker exec` TTY and tmux's client, in a real sandbox: it carries output
 * whole up to its burst and at its rate past it, passes keystrokes while
 * output waits, gives the command the terminal's size and its changes, and
 * ends the command when the reader hangs up.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TtyProcess } from '../../server/sandbox/driver.ts';
import { sh, testDriver } from './helpers/driver.ts';

const PACE = '/opt/netlab/pace';
const driver = testDriver();
let sandbox = '';

/** Waits until `check` holds, polling every 50 ms. */
async function until(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`no ${what} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Runs a command under pace on a TTY; collects what it prints. */
async function paced(
  args: string[],
  size = { cols: 80, rows: 24 },
): Promise<{ tty: TtyProcess; text: () => string; chunks: () => number }> {
  const tty = await driver.attach(sandbox, { cmd: [PACE, ...args], ...size });
  let text = '';
  let chunks = 0;
  tty.stream.on('data', (chunk: Buffer) => {
    chunks++;
    text += chunk.toString('latin1');
  });
  tty.stream.resume();
  return { tty, text: () => text, chunks: () => chunks };
}

describe('pace', { timeout: 120_000 }, () => {
  before(async () => {
    sandbox = (await driver.create(`pace-test-${process.pid}`)).containerId;
  });
  after(async () => {
    await driver.destroy(sandbox);
  });

  test('passes output under the burst whole and at once', async () => {
    const started = performance.now();
    const p = await paced(['-r', '1000', '-b', '200000', 'sh', '-c', 'seq 1 20000; echo seq-done']);
    await until(() => p.text().includes('seq-done'), 10_000, 'end of seq');
    const lines = p.text().split('\r\n');
    assert.ok(lines.includes('1') && lines.includes('12345') && lines.includes('20000'));
    // 109 KB at 1 KB/s would take 109 s: under the burst, no wait.
    assert.ok(performance.now() - started < 5000, 'came within 5 s');
    p.tty.close();
  });

  test('holds output past the burst to its rate, and loses none of it', async () => {
    const started = performance.now();
    // 600 KB at 300 KB/s after a 50 KB burst: about 1.8 s, less what the pty holds.
    const p = await paced([
      ...['-r', '300000', '-b', '50000', 'sh', '-c'],
      'head -c 600000 /dev/zero | tr "\\0" a; echo; echo zeros-done',
    ]);
    await until(() => p.text().includes('zeros-done'), 20_000, 'end of the output');
    const seconds = (performance.now() - started) / 1000;
    assert.ok(seconds > 1.2, `took ${seconds.toFixed(2)} s, not held to 300 KB/s`);
    assert.equal(p.text().split('a').length - 1, 600_000);
    p.tty.close();
  });

  test('writes what comes within 4 ms as one write', async () => {
    // 400 lines, each written on its own half a millisecond apart, as tmux writes a flood's screen.
    const p = await paced([
      'perl',
      '-e',
      '$| = 1; for (1 .. 400) { print "line $_\\n"; select(undef, undef, undef, 0.0005) } print "lines-done\\n"',
    ]);
    await until(() => p.text().includes('lines-done'), 10_000, 'the last line');
    const chunks = p.chunks();
    assert.ok(p.text().includes('line 400'));
    assert.ok(chunks < 200, `${chunks} reads for 401 writes`);
    p.tty.close();
  });

  test('passes keystrokes at once while output waits', async () => {
    // 1 KB/s: the flood's output waits for minutes, the Ctrl-C may not.
    const p = await paced([
      ...['-r', '1000', '-b', '16384', 'sh', '-c'],
      'trap "echo > /tmp/interrupted; exit 0" INT; rm -f /tmp/interrupted; while :; do echo flood; done',
    ]);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const sent = performance.now();
    p.tty.stream.write('\x03');
    await until(
      async () => (await sh(driver, sandbox, 'ls /tmp')).includes('interrupted'),
      5000,
      'trap',
    );
    assert.ok(performance.now() - sent < 2000, 'the interrupt arrived within 2 s');
    p.tty.close();
  });

  test('keeps keys typed before it started', async () => {
    // The keys wait in the TTY's input while pace is a second away from starting.
    const tty = await driver.attach(sandbox, {
      cmd: ['sh', '-c', `sleep 1; exec ${PACE} sh -c 'read line; echo "got-$line"'`],
      cols: 80,
      rows: 24,
    });
    let text = '';
    tty.stream.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
    tty.stream.resume();
    tty.stream.write('early\r');
    await until(() => text.includes('got-early'), 10_000, 'the early keys');
    tty.close();
  });

  test("gives the command the terminal's size, then its new size", async () => {
    // Each size is read after a key: the engine may set the TTY's size just after the start.
    const p = await paced(['sh', '-c', 'read _; stty size; read _; stty size'], {
      cols: 90,
      rows: 30,
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    p.tty.stream.write('\r');
    await until(() => p.text().includes('30 90'), 5000, 'first size');
    await p.tty.resize(120, 40);
    await new Promise((resolve) => setTimeout(resolve, 300));
    p.tty.stream.write('\r');
    await until(() => p.text().includes('40 120'), 5000, 'new size');
    p.tty.close();
  });

  test('ends the command when the reader hangs up', async () => {
    const p = await paced(['sleep', '4242']);
    await until(
      async () => (await sh(driver, sandbox, 'ps -eo args')).includes('sleep 4242'),
      5000,
      'sleep',
    );
    p.tty.close();
    await until(
      async () => !(await sh(driver, sandbox, 'ps -eo args')).includes('sleep 4242'),
      5000,
      'the end of sleep',
    );
  });
});

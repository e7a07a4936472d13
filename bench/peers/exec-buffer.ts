/**
 * How much output the engine's exec stream holds for a reader that does not
 * read: a program writes 4 KiB blocks into a `docker exec` TTY, noting in a
 * file how far it got, while the reading side (the lab server's end) is paused.
 * What it got out before its write blocked is what lies queued between it and
 * the reader (the pty, the shim, dockerd, the sockets). tmux discards output
 * for a client only once its own writes block, so this is how much real
 * output tmux sends down the chain before it starts discarding.
 */
import { sh, testDriver } from '../../tests/integration/helpers/driver.ts';
import { percentile, range, sleep, type Row } from '../stats.ts';

const PAUSED_MS = 3000;
const WRITER = `perl -e '$|=1; my $b="a"x4096; for (1..4000) { print $b; open F,">/tmp/n"; print F $_*4096; close F }'`;

export async function execBuffer(rounds: number): Promise<Row[]> {
  const driver = testDriver();
  const { containerId } = await driver.create(`exec-buffer-${process.pid}`);
  const kib: number[] = [];
  try {
    for (let round = 0; round < rounds; round++) {
      await sh(driver, containerId, 'rm -f /tmp/n');
      const tty = await driver.attach(containerId, {
        cmd: ['sh', '-c', WRITER],
        cols: 80,
        rows: 24,
      });
      tty.stream.pause();
      await sleep(PAUSED_MS);
      kib.push(Number((await sh(driver, containerId, 'cat /tmp/n')).trim()) / 1024);
      tty.close();
      await sh(driver, containerId, 'pkill perl || true');
    }
  } finally {
    await driver.destroy(containerId);
  }
  return [
    {
      measure: `written into a docker exec TTY whose reader is paused for ${PAUSED_MS / 1000} s, before the write blocks: p50 (min–max)`,
      value: `${percentile(kib, 50).toFixed(0)} KiB (${range(kib)})`,
      target: '',
    },
  ];
}

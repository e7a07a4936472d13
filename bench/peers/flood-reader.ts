/**
 * The reader of a flood that no tmux parses, in a process of its own as a
 * lab server's worker thread would be: `bash` on a `docker exec` TTY in the
 * given sandbox writes /tmp/big over and over, and this process reads every
 * byte, with (`screen`) or without (`raw`) parsing it into an `@xterm/headless`
 * screen, until it is sent SIGTERM.
 *
 *   node bench/peers/flood-reader.ts <container> screen|raw
 */
import headless from '@xterm/headless';
import { testDriver } from '../../tests/integration/helpers/driver.ts';
import { FLOOD } from './flood-command.ts';
import { ScreenSink } from './screen-sink.ts';

const [container, how] = process.argv.slice(2);
if (!container || (how !== 'screen' && how !== 'raw'))
  throw new Error('usage: flood-reader.ts <container> screen|raw');

const driver = testDriver();
const tty = await driver.attach(container, {
  cmd: ['bash', '--norc', '-i'],
  cols: 80,
  rows: 24,
  env: ['TERM=xterm-256color'],
});
// tmux keeps 5000 lines of history (tmux.conf): the screen keeps as many.
const screen =
  how === 'screen' ? new headless.Terminal({ cols: 80, rows: 24, scrollback: 5000 }) : undefined;
const sink = screen && new ScreenSink(screen, tty.stream);
tty.stream.on('data', (chunk: Buffer) => sink?.write(chunk));
tty.stream.resume();
tty.stream.write(`${FLOOD}\r`);
process.on('SIGTERM', () => {
  tty.stream.write('\x03');
  setTimeout(() => {
    tty.close();
    process.exit(0);
  }, 300);
});

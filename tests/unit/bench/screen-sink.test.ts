import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, test } from 'node:test';
import headless from '@xterm/headless';
import { ScreenSink } from '../../../bench/peers/screen-sink.ts';

const { Terminal } = headless;

function lines(n: number, from = 0): Buffer {
  return Buffer.from(
    Array.from({ length: n }, (_, i) => `line ${from + i}`.padEnd(70, '.')).join('\r\n') + '\r\n',
  );
}

describe('ScreenSink', () => {
  test('pauses its source past the high watermark and resumes it once the screen caught up', async () => {
    const screen = new Terminal({ cols: 80, rows: 24, scrollback: 100 });
    const source = new PassThrough();
    const sink = new ScreenSink(screen, source, 4096, 1024);
    source.resume();
    sink.write(lines(100));
    assert.equal(source.isPaused(), true);
    await sink.parsed();
    assert.equal(source.isPaused(), false);
    screen.dispose();
  });

  test('resolves parsed() only when the last byte written is on the screen', async () => {
    const screen = new Terminal({ cols: 80, rows: 24, scrollback: 100, allowProposedApi: true });
    const sink = new ScreenSink(screen, new PassThrough());
    for (let i = 0; i < 50; i++) sink.write(lines(100, i * 100));
    await sink.parsed();
    const buffer = screen.buffer.active;
    const last = buffer.getLine(buffer.length - 2)?.translateToString(true);
    assert.match(last ?? '', /^line 4999\.+$/);
    screen.dispose();
  });

  test('returns at once from parsed() when nothing waits', async () => {
    const screen = new Terminal({ cols: 80, rows: 24 });
    await new ScreenSink(screen, new PassThrough()).parsed();
    screen.dispose();
  });
});

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  LineReader,
  type ReaderMarker,
  type ReaderTerminal,
} from '../../../../src/client/terminal/line-reader.ts';
import { FakeTimers } from './fake-timers.ts';

interface FakeMarker {
  line: number;
  isDisposed: boolean;
  dispose(): void;
}

/**
 * A terminal buffer as text rows (`+` starts a row that wraps from the one
 * before) with the cursor on a row; no scrollback, so the screen starts at 0.
 */
class FakeTerminal implements ReaderTerminal {
  readonly rows = 6;
  content: string[] = [];
  cursor = 0;
  markers: FakeMarker[] = [];

  get buffer() {
    const content = this.content;
    return {
      active: {
        baseY: 0,
        cursorY: this.cursor,
        getLine: (y: number) =>
          y < content.length
            ? {
                isWrapped: content[y]?.startsWith('+') ?? false,
                translateToString: () => (content[y] ?? '').replace(/^\+/, ''),
              }
            : undefined,
      },
    };
  }

  registerMarker(offset = 0): ReaderMarker {
    const marker: FakeMarker = {
      line: this.cursor + offset,
      isDisposed: false,
      dispose() {
        marker.isDisposed = true;
      },
    };
    this.markers.push(marker);
    return marker;
  }

  /** Prints rows and leaves the cursor on the last one. */
  print(...rows: string[]): void {
    this.content.push(...rows);
    this.cursor = this.content.length - 1;
  }

  /** Drops the top rows as xterm.js does for `CSI n S` or a full scrollback: markers move or go. */
  dropTop(count: number): void {
    this.content.splice(0, count);
    this.cursor = Math.max(0, this.cursor - count);
    for (const marker of this.markers) {
      marker.line -= count;
      if (marker.line < 0) marker.isDisposed = true;
    }
  }
}

function reader(term: FakeTerminal) {
  const timers = new FakeTimers();
  const calls: [string[], string, boolean][] = [];
  const r = new LineReader({
    term,
    timers,
    onLines: (lines, cursorLine, skipped) => calls.push([lines, cursorLine, skipped]),
  });
  return { r, timers, calls };
}

/** A reader that has settled with the cursor on the last printed row. */
function settled(term: FakeTerminal) {
  const made = reader(term);
  made.r.resync();
  made.timers.tick(300);
  return made;
}

describe('LineReader', () => {
  test('returns nothing of what the screen held before it settled', () => {
    const term = new FakeTerminal();
    term.print('old output', 'root@netlab:~#');
    const { r, timers, calls } = reader(term);
    r.resync();
    r.written();
    timers.tick(300);
    r.read();
    assert.deepEqual(calls, [[[], 'root@netlab:~#', false]]);
  });

  test('returns the lines the cursor has left, once each, with the cursor line', () => {
    const term = new FakeTerminal();
    term.print('root@netlab:~#');
    const { r, timers, calls } = settled(term);
    term.content[0] = 'root@netlab:~# brctl show';
    term.print('bridge name  bridge id', 'docker0      8000.0242ac110001', 'root@netlab:~#');
    r.written();
    timers.tick(100);
    assert.deepEqual(calls.at(-1), [
      ['root@netlab:~# brctl show', 'bridge name  bridge id', 'docker0      8000.0242ac110001'],
      'root@netlab:~#',
      false,
    ]);
    r.written();
    timers.tick(100);
    assert.deepEqual(calls.at(-1), [[], 'root@netlab:~#', false], 'nothing twice');
  });

  test('returns a wrapped line as one line, and not before its last row is finished', () => {
    const term = new FakeTerminal();
    term.print('x');
    const { r, calls } = settled(term);
    term.print('root@netlab:~# docker run -d --name busybox1', '+ busybox sleep 3600');
    r.read();
    assert.deepEqual(calls.at(-1), [
      ['x'],
      'root@netlab:~# docker run -d --name busybox1 busybox sleep 3600',
      false,
    ]);
    term.print('abc123');
    r.read();
    assert.deepEqual(calls.at(-1), [
      ['root@netlab:~# docker run -d --name busybox1 busybox sleep 3600'],
      'abc123',
      false,
    ]);
  });

  test('returns the oldest lines still there when the scrollback was trimmed', () => {
    const term = new FakeTerminal();
    term.print('root@netlab:~# yes');
    const { r, calls } = settled(term);
    term.print(...Array.from({ length: 10 }, () => 'y'));
    term.dropTop(5);
    r.read();
    assert.equal(calls.at(-1)?.[0].length, term.cursor);
  });

  test('returns the finished lines before a scroll takes them off the screen', () => {
    const term = new FakeTerminal();
    term.print('root@netlab:~# seq 1 3');
    const { r, calls } = settled(term);
    term.print('1', '2', '3', 'root@netlab:~#');
    r.beforeScroll(2);
    term.dropTop(2);
    term.print('4');
    r.read();
    assert.deepEqual(calls, [
      [['root@netlab:~# seq 1 3', '1', '2', '3'], 'root@netlab:~#', false],
      [['root@netlab:~#'], '4', false],
    ]);
  });

  test('returns the redrawn screen, marked skipped, after a scroll by the whole screen', () => {
    const term = new FakeTerminal();
    term.print('root@netlab:~# seq 1 60');
    const { r, calls } = settled(term);
    term.print('');
    r.beforeScroll(term.rows);
    term.dropTop(term.content.length);
    term.cursor = 0;
    term.print('56', '57', '58', '59', '60', 'root@netlab:~#');
    r.read();
    assert.deepEqual(calls, [
      [['root@netlab:~# seq 1 60', ''], '', false],
      [['56', '57', '58', '59', '60'], 'root@netlab:~#', true],
    ]);
  });

  test('returns the command line itself when the scroll takes the cursor’s row too', () => {
    const term = new FakeTerminal();
    term.print('root@netlab:~#');
    const { r, calls } = settled(term);
    term.content[0] = 'root@netlab:~# seq 1 1000'; // Enter echoed as "\r" only
    r.beforeScroll(term.rows);
    term.dropTop(term.content.length);
    term.cursor = 0;
    term.print('995', '996', 'root@netlab:~#');
    r.read();
    assert.deepEqual(calls, [
      [['root@netlab:~# seq 1 1000'], '', false],
      [['995', '996'], 'root@netlab:~#', true],
    ]);
  });

  test('returns the command typed while the screen was settling', () => {
    const term = new FakeTerminal();
    term.print('repainted', 'root@netlab:~#');
    const { r, timers, calls } = reader(term);
    r.resync();
    r.written();
    timers.tick(100);
    r.typed();
    term.content[1] = 'root@netlab:~# brctl show';
    term.print('docker0', 'root@netlab:~#');
    r.written();
    timers.tick(100);
    assert.deepEqual(calls, [[['root@netlab:~# brctl show', 'docker0'], 'root@netlab:~#', false]]);
  });

  test('returns nothing after a resync until the output has been quiet', () => {
    const term = new FakeTerminal();
    term.print('root@netlab:~#');
    const { r, timers, calls } = reader(term);
    r.resync();
    for (let i = 0; i < 5; i++) {
      term.print(`replayed ${i}`);
      r.written();
      timers.tick(200);
    }
    assert.deepEqual(calls, [], 'still settling while output flows');
    timers.tick(300);
    term.print('new');
    r.read();
    assert.deepEqual(calls.at(-1), [['replayed 4'], 'new', false]);
  });
});

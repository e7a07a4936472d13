import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, mock, test } from 'node:test';
import { OutputBatcher } from '../../../server/terminal/output-batcher.ts';

/** A batcher with a 4 ms window and a 10-byte cap on the test's clock; `frames` is what it sent. */
function batcher(windowMs = 4) {
  const clock = { ms: 1000 };
  const frames: string[] = [];
  const out = new OutputBatcher({
    windowMs,
    maxBytes: 10,
    send: (chunk) => frames.push(chunk.toString()),
    now: () => clock.ms,
  });
  /** Moves the test's clock and the timers together. */
  const advance = (ms: number): void => {
    clock.ms += ms;
    mock.timers.tick(ms);
  };
  return { out, frames, advance };
}

describe('OutputBatcher', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout'] }));
  afterEach(() => mock.timers.reset());

  test('sends a chunk at once when nothing was sent within the window', () => {
    const { out, frames, advance } = batcher();
    out.push(Buffer.from('a'));
    assert.deepEqual(frames, ['a']);
    advance(5);
    out.push(Buffer.from('b'));
    assert.deepEqual(frames, ['a', 'b']);
  });

  test('sends a second chunk at once too: an echo may come in two writes', () => {
    const { out, frames, advance } = batcher();
    out.push(Buffer.from('a'));
    advance(1);
    out.push(Buffer.from('b'));
    assert.deepEqual(frames, ['a', 'b']);
  });

  test('holds a stream after its first two frames, and sends each window as one frame', () => {
    const { out, frames, advance } = batcher();
    out.push(Buffer.from('a'));
    out.push(Buffer.from('b'));
    advance(1);
    out.push(Buffer.from('c'));
    out.push(Buffer.from('d'));
    assert.deepEqual(frames, ['a', 'b']);
    advance(2);
    assert.deepEqual(frames, ['a', 'b']);
    advance(1);
    assert.deepEqual(frames, ['a', 'b', 'cd']);
    // Still a stream: the next chunk waits for the window after 'cd'.
    advance(1);
    out.push(Buffer.from('e'));
    assert.deepEqual(frames, ['a', 'b', 'cd']);
    advance(3);
    assert.deepEqual(frames, ['a', 'b', 'cd', 'e']);
  });

  test('sends held output at once when it reaches the size cap', () => {
    const { out, frames, advance } = batcher();
    out.push(Buffer.from('a'));
    out.push(Buffer.from('b'));
    out.push(Buffer.from('12345'));
    out.push(Buffer.from('67890'));
    assert.deepEqual(frames, ['a', 'b', '1234567890']);
    advance(10);
    assert.deepEqual(frames, ['a', 'b', '1234567890']);
  });

  test('sends every chunk as it comes when the window is 0', () => {
    const { out, frames } = batcher(0);
    for (const c of ['a', 'b', 'c']) out.push(Buffer.from(c));
    assert.deepEqual(frames, ['a', 'b', 'c']);
  });

  test('flush sends what is held at once, and stop drops it', () => {
    const { out, frames, advance } = batcher();
    for (const c of ['a', 'b', 'c']) out.push(Buffer.from(c));
    out.flush();
    assert.deepEqual(frames, ['a', 'b', 'c']);
    advance(1);
    out.push(Buffer.from('d'));
    out.stop();
    advance(10);
    assert.deepEqual(frames, ['a', 'b', 'c']);
  });
});

/** InputGate: keystrokes wait for the shell's attach on the current socket. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { InputGate } from '../../../../src/client/terminal/input-gate.ts';
import { FakeTimers } from './fake-timers.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (chunks: Uint8Array[]) => chunks.map((c) => new TextDecoder().decode(c)).join('');

function gate() {
  const timers = new FakeTimers();
  const flushed: string[] = [];
  const input = new InputGate(timers, (held) => flushed.push(text(held)));
  return { timers, flushed, input };
}

describe('InputGate', () => {
  test('opens 50 ms after the attach sequence and flushes what was held, in order', () => {
    const { timers, flushed, input } = gate();
    input.live(1500);
    input.hold(bytes('l'));
    input.hold(bytes('s'));
    input.output(bytes('scrollback\r\n\x1b[?1h'));
    timers.tick(49);
    assert.equal(input.open, false);
    timers.tick(1);
    assert.deepEqual([input.open, flushed], [true, ['ls']]);
  });

  test('opens at the timeout when no attach sequence comes', () => {
    const { timers, flushed, input } = gate();
    input.live(1500);
    input.output(bytes('\x1b[31mred\x1b[0m'));
    timers.tick(1499);
    assert.equal(input.open, false);
    timers.tick(1);
    assert.deepEqual([input.open, flushed], [true, ['']]);
  });

  test('is shut again after a reset, dropping held terminal reports but not keys', () => {
    const { timers, flushed, input } = gate();
    input.live(10);
    timers.tick(10);
    input.reset();
    input.hold(bytes('\x1b[?1;2c'));
    input.hold(bytes('x'));
    input.reset();
    assert.equal(input.open, false);
    input.live(10);
    timers.tick(10);
    assert.deepEqual(flushed, ['', 'x']);
  });

  test('returns nothing and keeps shut when stopped before it opens', () => {
    const { timers, flushed, input } = gate();
    input.live(10);
    input.stop();
    timers.tick(100);
    assert.deepEqual([input.open, flushed, timers.count], [false, [], 0]);
  });
});

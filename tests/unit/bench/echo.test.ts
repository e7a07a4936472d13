import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { carriesEcho, EchoWatch } from '../../../bench/peers/echo.ts';

describe('carriesEcho', () => {
  for (const [frame, key, expected] of [
    ['q', 'q', true],
    ['\x1b[?25lq\x1b[?25h', 'q', true],
    ['\r\x1b[Kroot@netlab:~# ', 'q', false],
    ['\x07', 'q', false],
    ['\x1b[1;31m', 'm', false],
    ['\x1b]0;title\x07', 'e', false],
  ] as const) {
    test(`returns ${expected} for ${JSON.stringify(frame)} and key ${key}`, () => {
      assert.equal(carriesEcho(frame, key), expected);
    });
  }
});

describe('EchoWatch', () => {
  test('returns false for a frame without the typed key, and times the frame that carries it', () => {
    const watch = new EchoWatch('k', 100);
    assert.equal(watch.feed('\x1b[?25l\x1b[?25h', 101), false);
    assert.equal(watch.arrivedAfterMs, null);
    assert.equal(watch.feed('k', 103.5), true);
    assert.equal(watch.arrivedAfterMs, 3.5);
  });

  test('finds a key whose escape sequence was split across two frames', () => {
    const watch = new EchoWatch('x', 0);
    assert.equal(watch.feed('\x1b[3', 1), false);
    assert.equal(watch.feed('2mx', 2), true);
  });
});

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  BAR_KEYS,
  barKeyBytes,
  controlCode,
  withCtrl,
} from '../../../../src/client/terminal/key-bytes.ts';

const plain = { ctrl: false, applicationCursor: false };

describe('barKeyBytes', () => {
  test('returns ESC, HT and the printable characters for Esc, Tab, |, ~, / and -', () => {
    assert.equal(barKeyBytes('esc', plain), '\x1b');
    assert.equal(barKeyBytes('tab', plain), '\t');
    for (const key of ['|', '~', '/', '-'] as const) assert.equal(barKeyBytes(key, plain), key);
  });

  test('returns CSI arrows in normal cursor mode and SS3 arrows in application mode', () => {
    assert.deepEqual(
      (['up', 'down', 'right', 'left'] as const).map((key) => barKeyBytes(key, plain)),
      ['\x1b[A', '\x1b[B', '\x1b[C', '\x1b[D'],
    );
    const app = { ctrl: false, applicationCursor: true };
    assert.deepEqual(
      (['up', 'down', 'right', 'left'] as const).map((key) => barKeyBytes(key, app)),
      ['\x1bOA', '\x1bOB', '\x1bOC', '\x1bOD'],
    );
  });

  test('returns xterm’s Ctrl encodings when Ctrl is armed', () => {
    for (const applicationCursor of [false, true]) {
      const ctrl = { ctrl: true, applicationCursor };
      assert.equal(barKeyBytes('left', ctrl), '\x1b[1;5D');
      assert.equal(barKeyBytes('up', ctrl), '\x1b[1;5A');
    }
    const ctrl = { ctrl: true, applicationCursor: false };
    assert.equal(barKeyBytes('|', ctrl), '\x1c');
    assert.equal(barKeyBytes('~', ctrl), '\x1e');
    assert.equal(barKeyBytes('/', ctrl), '\x1f');
    assert.equal(barKeyBytes('-', ctrl), '\x1f');
    assert.equal(barKeyBytes('esc', ctrl), '\x1b', 'Ctrl does not change Esc');
    assert.equal(barKeyBytes('tab', ctrl), '\t', 'nor Tab');
  });

  test('returns one non-empty sequence for every key of the bar', () => {
    for (const key of BAR_KEYS) {
      for (const ctrl of [false, true]) {
        assert.ok(barKeyBytes(key, { ctrl, applicationCursor: false }).length > 0, key);
      }
    }
  });
});

describe('withCtrl', () => {
  test('returns ETX for c and C, so Ctrl then c interrupts the shell', () => {
    assert.equal(withCtrl('c'), '\x03');
    assert.equal(withCtrl('C'), '\x03');
    assert.equal(withCtrl('d'), '\x04');
    assert.equal(withCtrl('z'), '\x1a');
  });

  test('returns only the first key modified when the keyboard sends a word', () => {
    assert.equal(withCtrl('ls'), '\x0cs');
  });

  test('returns a Ctrl arrow for an arrow sequence in either cursor mode', () => {
    assert.equal(withCtrl('\x1b[A'), '\x1b[1;5A');
    assert.equal(withCtrl('\x1bOC'), '\x1b[1;5C');
  });

  test('returns the data unchanged when Ctrl has no meaning for its first key', () => {
    assert.equal(withCtrl('\r'), '\r');
    assert.equal(withCtrl('1'), '1');
    assert.equal(withCtrl('网'), '网');
    assert.equal(withCtrl(''), '');
  });
});

describe('controlCode', () => {
  test('returns the codes xterm sends for Ctrl with punctuation and digits', () => {
    const cases: [string, number][] = [
      ['@', 0x00],
      [' ', 0x00],
      ['2', 0x00],
      ['[', 0x1b],
      ['\\', 0x1c],
      [']', 0x1d],
      ['^', 0x1e],
      ['_', 0x1f],
      ['?', 0x7f],
      ['8', 0x7f],
    ];
    for (const [char, code] of cases) assert.equal(controlCode(char), code, char);
    assert.equal(controlCode('.'), null);
  });
});

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isTerminalReport } from '../../../../src/client/terminal/reports.ts';

describe('isTerminalReport', () => {
  const cases: [string, string, boolean][] = [
    ['primary device attributes', '\x1b[?1;2c', true],
    ['secondary device attributes', '\x1b[>0;276;0c', true],
    ['a cursor position report', '\x1b[12;1R', true],
    ['a status report', '\x1b[0n', true],
    ['an OSC colour reply', '\x1b]11;rgb:0d0d/1111/1717\x1b\\', true],
    ['a DCS version reply', '\x1bP>|xterm.js(6.0.0)\x1b\\', true],
    ['typed text', 'docker ps\r', false],
    ['an arrow key', '\x1b[A', false],
    ['Escape alone', '\x1b', false],
    ['Alt+c', '\x1bc', false],
    ['a pasted report inside text', 'echo \x1b[?1;2c', false],
  ];
  for (const [what, text, expected] of cases) {
    test(`returns ${String(expected)} for ${what}`, () => {
      assert.equal(isTerminalReport(new TextEncoder().encode(text)), expected);
    });
  }
});

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sizeChange, type SizeChange } from '../../../../src/client/terminal/screen-size.ts';

describe('sizeChange', () => {
  const drawn = { cols: 80, rows: 24 };
  const cases: [string, { cols: number; rows: number }, boolean, SizeChange][] = [
    ['the same size', { cols: 80, rows: 24 }, true, 'none'],
    ['the same size, before the screen', { cols: 80, rows: 24 }, false, 'none'],
    ['a shorter screen, shown', { cols: 80, rows: 20 }, true, 'resize'],
    ['a taller screen, shown', { cols: 80, rows: 30 }, true, 'resize'],
    ['a narrower screen', { cols: 64, rows: 24 }, true, 'redraw'],
    ['a wider screen', { cols: 100, rows: 24 }, true, 'redraw'],
    ['a shorter screen before the first one arrived', { cols: 80, rows: 20 }, false, 'redraw'],
  ];
  for (const [what, next, shown, expected] of cases) {
    test(`returns ${expected} for ${what}`, () => {
      assert.equal(sizeChange(drawn, next, shown), expected);
    });
  }
});

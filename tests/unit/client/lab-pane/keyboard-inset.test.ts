import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { keyboardInset } from '../../../../src/client/lab-pane/keyboard-inset.ts';

describe('keyboardInset', () => {
  test('returns the height the on-screen keyboard covers', () => {
    assert.equal(keyboardInset(844, { height: 500, offsetTop: 0, scale: 1 }), 344);
  });

  test('returns what is still covered when the page scrolled up under the keyboard (iOS)', () => {
    assert.equal(keyboardInset(844, { height: 500, offsetTop: 300, scale: 1 }), 44);
  });

  test('returns 0 without a keyboard, and while the reader has zoomed in', () => {
    assert.equal(keyboardInset(844, { height: 844, offsetTop: 0, scale: 1 }), 0);
    assert.equal(keyboardInset(844, { height: 422, offsetTop: 0, scale: 2 }), 0);
  });
});

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SAY_DELAY_MS, setNoticeText } from '../../../../src/client/lab-pane/notice-text.ts';
import { FakeTimers } from '../terminal/fake-timers.ts';

/** What the function touches of an element. */
const element = (textContent = ''): HTMLElement => ({ textContent }) as HTMLElement;

describe('setNoticeText', () => {
  test('shows the sentence at once, so the notice has its height before the terminal measures', () => {
    const parts = { shown: element(), said: element() };
    setNoticeText(parts, 'Replayed 3 of your commands.', new FakeTimers());
    assert.equal(parts.shown.textContent, 'Replayed 3 of your commands.');
  });

  test('gives the live region the sentence only after it was in the page, empty', () => {
    const timers = new FakeTimers();
    const parts = { shown: element(), said: element('the last warning') };
    setNoticeText(parts, 'Your lab machine ends in 4 minutes.', timers);
    assert.equal(parts.said.textContent, '', 'a change it was there to see');
    timers.tick(SAY_DELAY_MS - 1);
    assert.equal(parts.said.textContent, '');
    timers.tick(1);
    assert.equal(parts.said.textContent, 'Your lab machine ends in 4 minutes.');
  });

  test('does nothing to parts a page lacks', () => {
    const timers = new FakeTimers();
    assert.doesNotThrow(() => {
      setNoticeText({ shown: null, said: null }, 'text', timers);
      timers.tick(SAY_DELAY_MS);
    });
  });
});

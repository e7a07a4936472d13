import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { wireScrollBack } from '../../../../src/client/terminal/scroll-back.ts';

/** An event of `type` with the fields the listeners read. */
const event = (type: string, fields: Record<string, unknown> = {}): Event =>
  Object.assign(new Event(type), fields);
const touch = (type: string, clientY: number): Event => event(type, { touches: [{ clientY }] });

function wired(view = { viewportY: 40, baseY: 40 }) {
  const screen = new EventTarget();
  let refreshes = 0;
  const term = { buffer: { active: view } };
  const unwire = wireScrollBack(screen as unknown as HTMLElement, term, () => refreshes++);
  return { screen, unwire, refreshes: () => refreshes };
}

describe('wireScrollBack', () => {
  const cases: [string, Event[], number][] = [
    ['a wheel upwards', [event('wheel', { deltaY: -120 })], 1],
    ['a wheel downwards', [event('wheel', { deltaY: 120 })], 0],
    ['Shift+PageUp', [event('keydown', { key: 'PageUp', shiftKey: true })], 1],
    ['PageUp alone, which goes to the shell', [event('keydown', { key: 'PageUp' })], 0],
    ['a finger dragging the text down', [touch('touchstart', 100), touch('touchmove', 130)], 1],
    [
      'one drag, however far',
      [touch('touchstart', 100), touch('touchmove', 130), touch('touchmove', 180)],
      1,
    ],
    ['a finger dragging the text up', [touch('touchstart', 100), touch('touchmove', 60)], 0],
    ['a tap that wobbles', [touch('touchstart', 100), touch('touchmove', 105)], 0],
  ];
  for (const [what, events, refreshes] of cases) {
    test(`refreshes ${refreshes} time(s) for ${what}`, () => {
      const { screen, refreshes: count } = wired();
      for (const e of events) screen.dispatchEvent(e);
      assert.equal(count(), refreshes);
    });
  }

  test('leaves a reader already reading back where they are', () => {
    const { screen, refreshes } = wired({ viewportY: 12, baseY: 40 });
    screen.dispatchEvent(event('wheel', { deltaY: -120 }));
    assert.equal(refreshes(), 0);
  });

  test('listens no more once unwired', () => {
    const { screen, unwire, refreshes } = wired();
    unwire();
    screen.dispatchEvent(event('wheel', { deltaY: -120 }));
    screen.dispatchEvent(event('keydown', { key: 'PageUp', shiftKey: true }));
    assert.equal(refreshes(), 0);
  });
});

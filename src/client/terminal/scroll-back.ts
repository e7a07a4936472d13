/**
 * The reader starts scrolling back (wheel or touchpad upwards, Shift+PageUp, a
 * finger dragging the text down): the moment to bring back the lines tmux
 * never drew into the browser's scrollback (terminal/lost-lines.ts), before
 * there is anything to miss. Only from the bottom: a reader already reading
 * back is not moved to the end (during a flood, every attach soon misses lines
 * again). Listens in the capture phase: xterm.js stops the events it handles.
 */
import type { Terminal } from '@xterm/xterm';

/** How far a finger moves down before it counts as scrolling back, px. */
const TOUCH_SLOP_PX = 10;

/** What is read of the terminal: where its view and its last screen start. */
export type ScrollView = {
  buffer: { active: Pick<Terminal['buffer']['active'], 'viewportY' | 'baseY'> };
};

export function wireScrollBack(
  screen: HTMLElement,
  term: ScrollView,
  refreshScrollback: () => void,
): () => void {
  const refresh = (): void => {
    const { viewportY, baseY } = term.buffer.active;
    if (viewportY === baseY) refreshScrollback();
  };
  let touchY: number | null = null;
  const listeners: [string, (event: Event) => void][] = [
    ['wheel', (event) => (event as WheelEvent).deltaY < 0 && refresh()],
    [
      'keydown',
      (event) => {
        const key = event as KeyboardEvent;
        if (key.shiftKey && key.key === 'PageUp') refresh();
      },
    ],
    ['touchstart', (event) => (touchY = (event as TouchEvent).touches[0]?.clientY ?? null)],
    [
      'touchmove',
      (event) => {
        const y = (event as TouchEvent).touches[0]?.clientY;
        if (touchY === null || y === undefined || y - touchY < TOUCH_SLOP_PX) return;
        touchY = null;
        refresh();
      },
    ],
  ];
  for (const [type, listener] of listeners)
    screen.addEventListener(type, listener, { capture: true, passive: true });
  return () => {
    for (const [type, listener] of listeners)
      screen.removeEventListener(type, listener, { capture: true });
  };
}

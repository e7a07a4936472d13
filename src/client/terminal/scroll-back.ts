/**
 * The reader starts scrolling back (wheel or touchpad upwards, Shift+PageUp, a
 * finger dragging the text down): the moment to bring back the lines tmux
 * never drew into the browser's scrollback (terminal/lost-lines.ts), before
 * there is anything to miss. Listens in the capture phase: xterm.js stops the
 * events it handles.
 */
/** How far a finger moves down before it counts as scrolling back, px. */
const TOUCH_SLOP_PX = 10;

export function wireScrollBack(screen: HTMLElement, refresh: () => void): () => void {
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

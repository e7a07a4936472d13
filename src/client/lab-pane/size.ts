/**
 * The pane's width and collapsed state: a share (percent) of the space right
 * of the site's sidebar, set with the drag handle or its keys (arrows, Home,
 * End; Enter collapses), and remembered across pages.
 */
import { read, store } from './storage.ts';

const WIDTH_KEY = 'netlab:pane-width';
const COLLAPSED_KEY = 'netlab:pane-collapsed';
const MIN_WIDTH = 20;
const MAX_WIDTH = 80;
const DEFAULT_WIDTH = 50;
/** Below this the pane is a full-width drawer over the article (lab-pane.css agrees). */
const NARROW = '(max-width: 63.99rem)';

export interface PaneSizeParts {
  pane: HTMLElement;
  showButton: HTMLButtonElement;
  collapseButton: HTMLButtonElement | null;
  handle: HTMLElement | null;
  /** What gets the focus when the pane opens. */
  focusTarget: { focus(): void };
  listen: (target: EventTarget, type: string, handler: (event: Event) => void) => void;
}

/** Wires the handle and the collapse buttons; returns the collapse switch. */
export function wirePaneSize(parts: PaneSizeParts): (collapsed: boolean, focus?: boolean) => void {
  const { pane, showButton, collapseButton, handle, listen } = parts;
  const root = document.documentElement;

  const setWidth = (percent: number, persist = true): void => {
    const value = Math.round(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, percent)));
    root.style.setProperty('--netlab-pane-share', String(value / 100));
    handle?.setAttribute('aria-valuenow', String(value));
    handle?.setAttribute('aria-valuetext', `${value}%`);
    if (persist) store(WIDTH_KEY, String(value));
  };
  setWidth(Number(read(WIDTH_KEY)) || DEFAULT_WIDTH, false);

  const setCollapsed = (collapsed: boolean, focus = false): void => {
    pane.hidden = collapsed;
    showButton.hidden = !collapsed;
    root.classList.toggle('netlab-lab-collapsed', collapsed);
    collapseButton?.setAttribute('aria-expanded', String(!collapsed));
    store(COLLAPSED_KEY, collapsed ? '1' : '0');
    if (focus) (collapsed ? showButton : parts.focusTarget).focus();
  };
  setCollapsed(read(COLLAPSED_KEY) === '1' && !matchMedia(NARROW).matches);

  if (collapseButton) listen(collapseButton, 'click', () => setCollapsed(true, true));
  listen(showButton, 'click', () => setCollapsed(false, true));
  if (handle) wireHandle(handle, pane, setWidth, setCollapsed, listen);
  return setCollapsed;
}

function wireHandle(
  handle: HTMLElement,
  pane: HTMLElement,
  setWidth: (percent: number) => void,
  setCollapsed: (collapsed: boolean, focus?: boolean) => void,
  listen: PaneSizeParts['listen'],
): void {
  const root = document.documentElement;
  let dragging = false;
  /** Width of the space the pane shares with the article, measured when a drag starts. */
  let area = 0;
  listen(handle, 'pointerdown', (e) => {
    const event = e as PointerEvent;
    if (event.button !== 0) return;
    dragging = true;
    const share = (Number(handle.getAttribute('aria-valuenow')) || DEFAULT_WIDTH) / 100;
    area = pane.getBoundingClientRect().width / share;
    handle.setPointerCapture(event.pointerId);
    handle.dataset.dragging = '';
    root.classList.add('netlab-pane-dragging');
    event.preventDefault();
  });
  listen(handle, 'pointermove', (e) => {
    const event = e as PointerEvent;
    if (dragging && area > 0) setWidth(((window.innerWidth - event.clientX) / area) * 100);
  });
  const stop = (e: Event): void => {
    const event = e as PointerEvent;
    if (!dragging) return;
    dragging = false;
    if (handle.hasPointerCapture(event.pointerId)) handle.releasePointerCapture(event.pointerId);
    delete handle.dataset.dragging;
    root.classList.remove('netlab-pane-dragging');
  };
  listen(handle, 'pointerup', stop);
  listen(handle, 'pointercancel', stop);
  listen(handle, 'keydown', (e) => {
    const event = e as KeyboardEvent;
    const now = Number(handle.getAttribute('aria-valuenow')) || DEFAULT_WIDTH;
    const step = event.shiftKey ? 10 : 2;
    const next =
      event.key === 'ArrowLeft' || event.key === 'ArrowUp'
        ? now + step
        : event.key === 'ArrowRight' || event.key === 'ArrowDown'
          ? now - step
          : event.key === 'Home'
            ? MIN_WIDTH
            : event.key === 'End'
              ? MAX_WIDTH
              : null;
    if (event.key === 'Enter') {
      event.preventDefault();
      setCollapsed(true, true);
    } else if (next !== null) {
      event.preventDefault();
      setWidth(next);
    }
  });
}

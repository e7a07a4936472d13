/**
 * The terminal's keyboard rules on top of xterm.js, as a custom key handler
 * (return false = xterm ignores the key and the browser gets it):
 * - Esc then Tab (or Shift+Tab) within 2 s leaves the terminal; Tab alone goes
 *   to the shell (completion).
 * - Ctrl+Shift+C copies the selection; Ctrl+Shift+V is left to the browser,
 *   which pastes (xterm takes the paste event). Cmd+V works natively.
 */

/** Esc then Tab within this long leaves the terminal. */
export const ESCAPE_WINDOW_MS = 2000;

export interface KeyLike {
  type: string;
  key: string;
  code: string;
  ctrlKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  preventDefault(): void;
}

export function createKeyHandler(options: {
  onCopy: () => void;
  now?: () => number;
}): (event: KeyLike) => boolean {
  const now = options.now ?? (() => performance.now());
  let escapeAt: number | null = null;
  return (event) => {
    if (event.type !== 'keydown') return true;
    if (event.key === 'Escape') {
      escapeAt = now();
      return true;
    }
    if (event.key === 'Tab' && escapeAt !== null && now() - escapeAt < ESCAPE_WINDOW_MS) {
      escapeAt = null;
      return false; // the browser moves focus
    }
    if (event.key !== 'Shift') escapeAt = null;
    const ctrlShift = event.ctrlKey && event.shiftKey && !event.altKey && !event.metaKey;
    if (ctrlShift && event.code === 'KeyC') {
      event.preventDefault();
      options.onCopy();
      return false;
    }
    return !(ctrlShift && event.code === 'KeyV');
  };
}

/**
 * The terminal's clipboard: a selection is copied as it is made (and on
 * Ctrl+Shift+C, with a word in the bar), and a right-click copies a selection
 * or else pastes. Without clipboard access (plain http on another host) the
 * browser's own menu shows.
 */
import type { Terminal } from '@xterm/xterm';

/** Copies the selection, if any; `onCopied` runs once it is on the clipboard. */
export function copySelection(term: Terminal | null, onCopied?: () => void): void {
  const selection = term?.getSelection();
  // No clipboard API outside secure contexts (plain http on another host).
  const clipboard = navigator.clipboard as Clipboard | undefined;
  if (!selection || !clipboard) return;
  clipboard.writeText(selection).then(
    () => onCopied?.(),
    () => undefined,
  );
}

/** Right-click: copies a selection, or else pastes; `onNoPaste` when reading the clipboard is refused. */
export function contextMenu(
  event: MouseEvent,
  term: Terminal | null,
  callbacks: { onCopied: () => void; onNoPaste: () => void },
): void {
  const clipboard = navigator.clipboard as Clipboard | undefined;
  if (!term || typeof clipboard?.readText !== 'function') return;
  event.preventDefault();
  if (term.hasSelection()) {
    copySelection(term, callbacks.onCopied);
    term.clearSelection();
    return;
  }
  clipboard.readText().then(
    (text) => {
      if (text) term.paste(text);
      term.focus();
    },
    () => callbacks.onNoPaste(),
  );
}

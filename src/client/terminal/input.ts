/**
 * What the reader's input does to a terminal: keys (keys.ts rules), typed and
 * pasted text, the phone key bar (whose one-shot Ctrl also applies to the next
 * key typed on the phone's own keyboard), and the clipboard (clipboard.ts).
 */
import type { Terminal } from '@xterm/xterm';
import type { KeyBarEventDetail } from '../netlab-key-bar.ts';
import { contextMenu, copySelection } from './clipboard.ts';
import { barKeyBytes, withCtrl } from './key-bytes.ts';
import { createKeyHandler } from './keys.ts';
import type { TerminalParts } from './markup.ts';

export interface InputOptions {
  term: Terminal;
  parts: TerminalParts;
  /** Sends bytes to the shell (nothing when not connected). */
  send: (data: string | Uint8Array) => void;
  /** Shows a short note in the terminal's bar. */
  note: (key: 'term.copied' | 'term.pasteHint') => void;
}

/** Wires the input; returns what undoes it. */
export function wireInput({ term, parts, send, note }: InputOptions): () => void {
  const copied = (): void => note('term.copied');
  term.attachCustomKeyEventHandler(createKeyHandler({ onCopy: () => copySelection(term, copied) }));
  const disposables = [
    term.onData((data) => send(parts.keys?.takeCtrl() ? withCtrl(data) : data)),
    term.onBinary((data) => send(Uint8Array.from(data, (c) => c.charCodeAt(0)))),
    term.onSelectionChange(() => copySelection(term)),
  ];
  const onContextMenu = (event: MouseEvent): void =>
    contextMenu(event, term, { onCopied: copied, onNoPaste: () => note('term.pasteHint') });
  const onBarKey = (event: Event): void => {
    const { key, ctrl } = (event as CustomEvent<KeyBarEventDetail>).detail;
    // Arrows follow the mode tmux set, as xterm.js's own arrow keys do.
    const applicationCursor = term.modes.applicationCursorKeysMode;
    send(barKeyBytes(key, { ctrl, applicationCursor }));
    term.scrollToBottom();
  };
  parts.screen.addEventListener('contextmenu', onContextMenu);
  parts.keys?.addEventListener('netlab-key-bar:key', onBarKey);
  return () => {
    for (const disposable of disposables) disposable.dispose();
    parts.screen.removeEventListener('contextmenu', onContextMenu);
    parts.keys?.removeEventListener('netlab-key-bar:key', onBarKey);
  };
}

/**
 * The phone key bar's keys as shown: what each button reads and its spoken
 * name. Terminal.astro renders them on the server and terminal/markup.ts when
 * a terminal is built from script, so both come from this one list.
 */
import type { UiKey } from '../i18n.ts';
import type { BarKey } from './key-bytes.ts';

export interface KeyFace {
  key: BarKey | 'ctrl';
  face: string;
  /** Spoken name; for the keys with a word on them it contains that word (WCAG 2.5.3). */
  label: UiKey;
}

export const KEY_BAR: readonly KeyFace[] = [
  { key: 'ctrl', face: 'Ctrl', label: 'keys.ctrl' },
  { key: 'esc', face: 'Esc', label: 'keys.esc' },
  { key: 'tab', face: 'Tab', label: 'keys.tab' },
  { key: 'up', face: '↑', label: 'keys.up' },
  { key: 'down', face: '↓', label: 'keys.down' },
  { key: 'left', face: '←', label: 'keys.left' },
  { key: 'right', face: '→', label: 'keys.right' },
  { key: '|', face: '|', label: 'keys.pipe' },
  { key: '~', face: '~', label: 'keys.tilde' },
  { key: '/', face: '/', label: 'keys.slash' },
  { key: '-', face: '-', label: 'keys.dash' },
];

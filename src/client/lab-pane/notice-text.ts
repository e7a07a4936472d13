/**
 * A pane notice's sentence, shown and said. Shown at once: the notice's height
 * is then final before the terminal below it measures its rows and attaches
 * (a notice that grew a moment later made the first attach draw a screen taller
 * than the terminal). Said a moment later through the notice's own live
 * region: a live region only speaks of changes it was there to see, and it was
 * hidden with the notice until now.
 */
import type { TimerApi } from '../terminal/timers.ts';

/** How long the live region is in the page, empty, before it is given the sentence. */
export const SAY_DELAY_MS = 100;

export interface NoticeText {
  /** The sentence the reader sees (hidden from screen readers: `said` holds the same). */
  shown: HTMLElement | null;
  /** A visually hidden live region inside the notice. */
  said: HTMLElement | null;
}

export function setNoticeText(parts: NoticeText, text: string, timers: TimerApi): void {
  if (parts.shown) parts.shown.textContent = text;
  const { said } = parts;
  if (!said) return;
  said.textContent = '';
  timers.setTimeout(() => (said.textContent = text), SAY_DELAY_MS);
}

/**
 * The pane's "Screen reader mode" switch: remembered for every lab (one
 * setting per browser), it turns on the terminal's screen-reader mode and shows
 * the lab log, whose live region then announces commands with their output
 * (netlab-terminal:transcript events) and check results.
 */
import { t, type UiLocale } from '../i18n.ts';
import type { NetlabLabLogElement } from '../netlab-lab-log.ts';
import type { NetlabTerminalElement } from '../netlab-terminal.ts';
import type { TranscriptChunk } from '../terminal/transcript.ts';
import { TRANSCRIPT_MAX_LINES } from '../terminal/screen-reader.ts';
import { read, store } from './storage.ts';

const SETTING_KEY = 'netlab:screen-reader';

export interface ScreenReaderParts {
  pane: HTMLElement;
  terminal: NetlabTerminalElement;
  log: NetlabLabLogElement | null;
  toggle: HTMLButtonElement | null;
  locale: UiLocale;
  listen: (target: EventTarget, type: string, handler: (event: Event) => void) => void;
}

/** Wires the switch; returns how to add a sentence to the log (said only while the mode is on). */
export function wireScreenReader(parts: ScreenReaderParts): (text: string) => void {
  const { pane, terminal, log, toggle, locale, listen } = parts;
  let on = false;
  const apply = (value: boolean): void => {
    on = value;
    terminal.screenReader = value;
    pane.dataset.screenReader = value ? 'on' : 'off';
    toggle?.setAttribute('aria-pressed', String(value));
    if (log) log.hidden = !value;
  };
  if (log) log.maxLines = TRANSCRIPT_MAX_LINES;
  apply(read(SETTING_KEY) === '1');
  if (toggle) {
    listen(toggle, 'click', () => {
      apply(!on);
      store(SETTING_KEY, on ? '1' : '0');
      if (on) log?.say(t(locale, 'sr.on'));
    });
  }
  listen(pane, 'netlab-terminal:transcript', (event) => {
    if (on) log?.addChunk((event as CustomEvent<TranscriptChunk>).detail);
  });
  return (text) => {
    if (on) log?.say(text, 'check');
  };
}

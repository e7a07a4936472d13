/**
 * The pane's notice of what a rebuild did (`[data-rebuild-notice]` in
 * LabPane.astro): shown once when the rebuilt machine opens, said in the lab
 * log too, dismissed with its button. The terminal itself already shows the
 * replayed commands: the server typed them into the reader's window.
 */
import type { RebuildReport } from '../../../server/protocol.ts';
import type { UiLocale } from '../i18n.ts';
import { rebuildNotice } from '../rebuild-text.ts';
import { realTimers } from '../terminal/timers.ts';
import { setNoticeText } from './notice-text.ts';

export interface NoticeParts {
  pane: HTMLElement;
  report: RebuildReport;
  locale: UiLocale;
  listen: (target: EventTarget, type: string, handler: (event: Event) => void) => void;
  say: (text: string) => void;
  /** Where the keyboard goes once the notice is dismissed. */
  focusAfter: () => void;
}

export function showRebuildNotice(parts: NoticeParts): void {
  const { pane, report, locale, listen } = parts;
  pane.dataset.rebuild = report.state;
  pane.dataset.rebuildMode = report.mode;
  pane.toggleAttribute('data-rebuild-failed', report.failed !== null);
  const notice = pane.querySelector<HTMLElement>('[data-rebuild-notice]');
  const text = rebuildNotice(report, locale);
  parts.say(text);
  if (!notice) return;
  notice.hidden = false;
  setNoticeText(
    {
      shown: notice.querySelector<HTMLElement>('[data-rebuild-notice-text]'),
      said: notice.querySelector<HTMLElement>('[data-rebuild-notice-said]'),
    },
    text,
    realTimers,
  );
  const dismiss = notice.querySelector<HTMLButtonElement>('[data-action="dismiss-rebuild-notice"]');
  if (dismiss) {
    listen(dismiss, 'click', () => {
      notice.hidden = true;
      parts.focusAfter();
    });
  }
}

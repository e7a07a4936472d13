/**
 * The pane's warning that the lab machine is about to end (`[data-expiry-warning]`
 * in LabPane.astro): why, a countdown, and "Extend" while the server allows one.
 * When it shows is expiry.ts's; keeping it current is ExpiryWatch's; this file
 * draws it and extends the session.
 */
import type { SessionView } from '../../../server/protocol.ts';
import { t, type UiLocale } from '../i18n.ts';
import { describeLabError, LabApiError, type LabClient, type StoredSession } from '../lab-api.ts';
import { realTimers, type TimerApi } from '../terminal/timers.ts';
import {
  expiryCountdown,
  expiryMessage,
  extendedMessage,
  limitsOf,
  type ExpiryWarning,
} from './expiry.ts';
import { ExpiryWatch } from './expiry-watch.ts';
import { setNoticeText } from './notice-text.ts';

export interface ExpiryParts {
  pane: HTMLElement;
  client: LabClient;
  session: StoredSession;
  view: SessionView;
  locale: UiLocale;
  listen: (target: EventTarget, type: string, handler: (event: Event) => void) => void;
  /** Adds a sentence to the lab log. */
  say: (text: string) => void;
  /** Shows a sentence in the pane's message line. */
  tell: (text: string, kind?: 'info' | 'error') => void;
  /** Where the keyboard goes when the warning, and its focused button, go away. */
  focusAfter: () => void;
  timers?: TimerApi;
}

/** Starts the warning; returns how to stop it (the pane closes). */
export function wireExpiryWarning(parts: ExpiryParts): () => void {
  const { pane, client, session, listen } = parts;
  const box = pane.querySelector<HTMLElement>('[data-expiry-warning]');
  const button = box?.querySelector<HTMLButtonElement>('[data-action="extend"]');
  if (!box || !button) return () => undefined;
  const timers = parts.timers ?? realTimers;
  const watch = new ExpiryWatch({
    timers,
    now: Date.now,
    initial: limitsOf(parts.view),
    poll: async () => {
      const view = await client.status(session);
      return view.status === 'ready' || view.status === 'starting' ? limitsOf(view) : null;
    },
    visible: () => document.visibilityState === 'visible',
    render: renderer(box, parts, timers),
  });
  listen(document, 'visibilitychange', () => {
    if (document.visibilityState === 'visible') watch.wake();
  });
  listen(button, 'click', () => void extend(watch, button, parts));
  watch.start();
  return () => watch.stop();
}

function renderer(
  box: HTMLElement,
  parts: ExpiryParts,
  timers: TimerApi,
): (warning: ExpiryWarning | null) => void {
  const { locale } = parts;
  const message = {
    shown: box.querySelector<HTMLElement>('[data-expiry-message]'),
    said: box.querySelector<HTMLElement>('[data-expiry-said]'),
  };
  const countdown = box.querySelector<HTMLElement>('[data-expiry-countdown]');
  const button = box.querySelector<HTMLButtonElement>('[data-action="extend"]');
  let said = '';
  return (warning) => {
    if (!warning) {
      if (!box.hidden && box.contains(document.activeElement)) parts.focusAfter();
      box.hidden = true;
      said = '';
      return;
    }
    box.hidden = false;
    box.dataset.cause = warning.cause;
    box.dataset.canExtend = String(warning.canExtend);
    if (button) button.hidden = !warning.canExtend;
    if (countdown) countdown.textContent = expiryCountdown(warning, locale);
    const text = expiryMessage(warning, locale);
    if (text === said) return;
    said = text;
    setNoticeText(message, text, timers);
    parts.say(text);
  };
}

async function extend(watch: ExpiryWatch, button: HTMLButtonElement, parts: ExpiryParts) {
  const { client, session, locale } = parts;
  button.disabled = true;
  button.textContent = t(locale, 'expiry.extending');
  try {
    const answer = await client.extend(session);
    const expiresAt = Date.parse(answer.expiresAt);
    // The idle clock started again too; its new end comes with the next poll, at once.
    watch.update({
      expiresAt,
      extendableUntil: Date.parse(answer.extendableUntil),
      idleEndsAt: null,
    });
    watch.wake();
    const text = extendedMessage(expiresAt, locale);
    parts.tell(text);
    parts.say(text);
  } catch (error) {
    if (error instanceof LabApiError && error.kind === 'extend-limit') {
      watch.update({ ...watch.limits, extendableUntil: watch.limits.expiresAt });
    }
    parts.tell(describeLabError(error, locale), 'error');
  } finally {
    button.disabled = false;
    button.textContent = t(locale, 'expiry.extend');
  }
}

/**
 * What the terminal's bar says for a connection state: the badge, the line
 * beside it (the keyboard hint, the retry countdown or why it ended) and whether
 * the Reconnect button shows. Pure, in both languages.
 */
import { t, type UiKey, type UiLocale } from '../i18n.ts';
import type { ConnectionState, StateChange } from './types.ts';

export type TerminalElementState = 'idle' | ConnectionState;

export type ElementStateChange = Omit<StateChange, 'state'> & { state: TerminalElementState };

export interface StatusView {
  badge: string;
  hint: string;
  showReconnect: boolean;
  /** Why the terminal ended or is retrying, when there is something to say. */
  message?: string;
}

/** The reader-facing sentence for why a terminal closed, from its close code. */
export function describeEnd(
  change: Pick<StateChange, 'closeCode' | 'code' | 'reason'>,
  locale: UiLocale,
): string | undefined {
  switch (change.closeCode) {
    case 1000:
      return t(locale, 'term.shellExited');
    case 4410:
      return t(locale, 'error.ended');
    case 4404:
      return t(locale, 'error.notFound');
    case 4401:
    case 4403:
      return t(locale, 'error.forbidden');
    case 4429:
      return t(locale, 'error.tooManyTerminals');
    case 4503:
      return change.code === 'NETLAB_ERR_DOCKER_UNREACHABLE'
        ? t(locale, 'error.docker')
        : t(locale, 'error.capacity');
    case 1012:
      return t(locale, 'error.restarting');
    case undefined:
      return undefined;
    default:
      return change.reason;
  }
}

export function statusView(change: ElementStateChange, locale: UiLocale): StatusView {
  const { state } = change;
  const message = describeEnd(change, locale);
  const key: UiKey = `term.state.${state}`;
  const badge =
    t(locale, key) +
    (state === 'live' && change.readOnly ? ` (${t(locale, 'term.readonly')})` : '');
  let hint = t(locale, 'term.escapeHint');
  if (state === 'ended' && message) hint = message;
  else if (state === 'reconnecting' && change.retryInMs !== undefined) {
    hint = t(locale, 'term.reconnectIn', {
      seconds: Math.max(1, Math.round(change.retryInMs / 1000)),
    });
  }
  // Reconnecting helps while retrying, after `exit`, and once another tab frees a terminal.
  const showReconnect =
    state === 'reconnecting' ||
    (state === 'ended' && (change.closeCode === 1000 || change.closeCode === 4429));
  return { badge, hint, showReconnect, ...(message !== undefined && { message }) };
}

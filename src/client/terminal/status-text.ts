/**
 * What the terminal's bar says for a connection state: the badge, the line
 * beside it (the keyboard hint, the retry countdown or why it ended) and whether
 * the Reconnect button shows. Pure, in both languages.
 */
import { t, type UiKey, type UiLocale } from '../i18n.ts';
import type { ErrorCode } from '../../../server/protocol.ts';
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

/**
 * The sentence for each error a terminal can end with; null shows the server's
 * own message. Typed over the whole catalogue: a new code must be placed here.
 */
const END_TEXT: Record<ErrorCode, UiKey | null> = {
  NETLAB_ERR_BAD_REQUEST: null,
  NETLAB_ERR_UNKNOWN_LAB: 'error.unknownLab',
  NETLAB_ERR_SECRET_IN_URL: null,
  NETLAB_ERR_UNAUTHORIZED: 'error.forbidden',
  NETLAB_ERR_BAD_TICKET: 'error.forbidden',
  NETLAB_ERR_FORBIDDEN: 'error.forbidden',
  NETLAB_ERR_BAD_ORIGIN: 'error.forbidden',
  NETLAB_ERR_BAD_HOST: 'error.forbidden',
  NETLAB_ERR_NOT_FOUND: 'error.notFound',
  NETLAB_ERR_UNKNOWN_TASK: null,
  NETLAB_ERR_UNKNOWN_WORKSHOP: null,
  NETLAB_ERR_WORKSHOP_FULL: null,
  NETLAB_ERR_WORKSHOP_NOT_STARTED: null,
  NETLAB_ERR_WORKSHOP_ENDED: 'error.ended',
  NETLAB_ERR_WORKSHOPS_DISABLED: null,
  NETLAB_ERR_SESSION_NOT_READY: null,
  NETLAB_ERR_SESSION_ENDED: 'error.ended',
  NETLAB_ERR_SESSION_LIVE: null,
  NETLAB_ERR_EXTEND_LIMIT: null,
  NETLAB_ERR_BODY_TOO_LARGE: null,
  NETLAB_ERR_UNSUPPORTED_MEDIA_TYPE: null,
  NETLAB_ERR_OTHER_SERVER: null,
  NETLAB_ERR_CLIENT_LIMIT: 'error.clientLimit',
  NETLAB_ERR_TOO_MANY_ATTEMPTS: null,
  NETLAB_ERR_TOO_MANY_TERMINALS: 'error.tooManyTerminals',
  NETLAB_ERR_TOO_MANY_PENDING: null,
  NETLAB_ERR_INTERNAL: null,
  NETLAB_ERR_SANDBOX_FAILED: null,
  NETLAB_ERR_CAPACITY: 'error.capacity',
  NETLAB_ERR_DOCKER_UNREACHABLE: 'error.docker',
  NETLAB_ERR_ENGINE_NOT_ISOLATED: 'error.docker',
  NETLAB_ERR_SHUTTING_DOWN: 'error.restarting',
};

/** The reader-facing sentence for why a terminal closed: from the server's code, else the close code. */
export function describeEnd(
  change: Pick<StateChange, 'closeCode' | 'code' | 'reason'>,
  locale: UiLocale,
): string | undefined {
  if (change.code !== undefined) {
    const key = END_TEXT[change.code];
    return key ? t(locale, key) : change.reason;
  }
  switch (change.closeCode) {
    case 1000:
      return t(locale, 'term.shellExited');
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
    (state === 'ended' &&
      ((change.closeCode === 1000 && change.code === undefined) ||
        change.code === 'NETLAB_ERR_TOO_MANY_TERMINALS'));
  return { badge, hint, showReconnect, ...(message !== undefined && { message }) };
}

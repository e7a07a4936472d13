/**
 * Every failure of the session API as a LabApiError whose `kind` maps to one
 * translated sentence (`describeLabError`), and the two errors that carry more
 * than a sentence: the view of a session that is over, and an ended session the
 * server can rebuild.
 */
import type { ErrorBody, ErrorCode, SessionView } from '../../../server/protocol.ts';
import { t, type UiKey, type UiLocale } from '../i18n.ts';
import { READER_ENDED_REASON, type EndedSession } from './records.ts';

export type LabErrorKind =
  | 'offline'
  | 'capacity'
  | 'docker'
  | 'client-limit'
  | 'ended'
  | 'not-found'
  | 'forbidden'
  | 'failed'
  | 'timeout'
  | 'unknown-lab'
  | 'restarting'
  | 'aborted'
  | 'rebuildable'
  | 'extend-limit'
  | 'live'
  | 'other';

export class LabApiError extends Error {
  readonly kind: LabErrorKind;
  /** HTTP status, 0 when there was no response. */
  readonly status: number;
  /** The server's error code, when it sent one. */
  readonly code: string | undefined;

  constructor(kind: LabErrorKind, message: string, status = 0, code?: string) {
    super(message);
    this.name = 'LabApiError';
    this.kind = kind;
    this.status = status;
    this.code = code;
  }
}

/** The session's status says it is over (`failed` or `ended`); the view says why. */
export class SessionOverError extends LabApiError {
  readonly view: SessionView;

  constructor(view: SessionView) {
    const failed = view.status === 'failed';
    const fallback = failed ? 'the lab machine failed to start' : 'the session ended';
    super(failed ? 'failed' : 'ended', view.reason ?? fallback, 200);
    this.name = 'SessionOverError';
    this.view = view;
  }
}

/** This browser's session of the lab is over, and the server can rebuild it: the reader chooses. */
export class RebuildableError extends LabApiError {
  readonly ended: EndedSession;

  constructor(ended: EndedSession) {
    super('rebuildable', ended.reason ?? 'the session ended');
    this.name = 'RebuildableError';
    this.ended = ended;
  }
}

/**
 * What the lab pane makes of each error code. Typed over the server's whole
 * catalogue, so that a code added there and missed here does not compile.
 */
const CODE_KINDS: Record<ErrorCode, LabErrorKind> = {
  NETLAB_ERR_BAD_REQUEST: 'other',
  NETLAB_ERR_UNKNOWN_LAB: 'unknown-lab',
  NETLAB_ERR_SECRET_IN_URL: 'other',
  NETLAB_ERR_UNAUTHORIZED: 'forbidden',
  NETLAB_ERR_BAD_TICKET: 'forbidden',
  NETLAB_ERR_FORBIDDEN: 'forbidden',
  NETLAB_ERR_BAD_ORIGIN: 'forbidden',
  NETLAB_ERR_BAD_HOST: 'forbidden',
  NETLAB_ERR_NOT_FOUND: 'not-found',
  NETLAB_ERR_UNKNOWN_TASK: 'other',
  NETLAB_ERR_UNKNOWN_WORKSHOP: 'other',
  NETLAB_ERR_WORKSHOP_FULL: 'other',
  NETLAB_ERR_WORKSHOP_NOT_STARTED: 'other',
  NETLAB_ERR_WORKSHOP_ENDED: 'ended',
  NETLAB_ERR_WORKSHOPS_DISABLED: 'other',
  NETLAB_ERR_SESSION_NOT_READY: 'other',
  NETLAB_ERR_SESSION_ENDED: 'ended',
  NETLAB_ERR_SESSION_LIVE: 'live',
  NETLAB_ERR_EXTEND_LIMIT: 'extend-limit',
  NETLAB_ERR_BODY_TOO_LARGE: 'other',
  NETLAB_ERR_UNSUPPORTED_MEDIA_TYPE: 'other',
  NETLAB_ERR_OTHER_SERVER: 'other',
  NETLAB_ERR_CLIENT_LIMIT: 'client-limit',
  NETLAB_ERR_TOO_MANY_ATTEMPTS: 'other',
  NETLAB_ERR_TOO_MANY_TERMINALS: 'other',
  NETLAB_ERR_TOO_MANY_PENDING: 'other',
  NETLAB_ERR_INTERNAL: 'other',
  NETLAB_ERR_SANDBOX_FAILED: 'failed',
  NETLAB_ERR_CAPACITY: 'capacity',
  NETLAB_ERR_DOCKER_UNREACHABLE: 'docker',
  NETLAB_ERR_ENGINE_NOT_ISOLATED: 'docker',
  NETLAB_ERR_SHUTTING_DOWN: 'restarting',
};

/** Maps an HTTP error (or a non-API answer, as from static hosting) to a LabApiError. */
export function errorFrom(status: number, body: unknown): LabApiError {
  const error = (body as Partial<ErrorBody> | null)?.error;
  if (!error || typeof error.code !== 'string') {
    // Not the lab server talking: a static host's 404/405 page, a proxy's 502, or no JSON at all.
    return new LabApiError('offline', `HTTP ${status} without an API error body`, status);
  }
  const kind: LabErrorKind = error.code in CODE_KINDS ? CODE_KINDS[error.code] : 'other';
  return new LabApiError(kind, error.message, status, error.code);
}

/** Whether the error means the stored session is gone for good (it cannot be resumed). */
export function isGone(error: LabApiError): boolean {
  return ['ended', 'not-found', 'forbidden', 'failed'].includes(error.kind);
}

/**
 * Whether a session gone with this error may be rebuilt: it ended or failed
 * (not unknown to the server, nor closed to this browser), and not because
 * the reader ended it.
 */
export function isRebuildable(error: LabApiError): boolean {
  if (error.kind !== 'ended' && error.kind !== 'failed') return false;
  return !(error instanceof SessionOverError && error.view.reason === READER_ENDED_REASON);
}

const KIND_KEYS: Partial<Record<LabErrorKind, UiKey>> = {
  offline: 'error.offline',
  capacity: 'error.capacity',
  docker: 'error.docker',
  'client-limit': 'error.clientLimit',
  ended: 'error.ended',
  'not-found': 'error.notFound',
  forbidden: 'error.forbidden',
  timeout: 'error.timeout',
  'unknown-lab': 'error.unknownLab',
  restarting: 'error.restarting',
  rebuildable: 'error.rebuildable',
  'extend-limit': 'error.extendLimit',
};

/** One sentence a reader can act on, in their language. */
export function describeLabError(error: unknown, locale: UiLocale): string {
  if (!(error instanceof LabApiError)) {
    return t(locale, 'error.other', {
      message: error instanceof Error ? error.message : String(error),
    });
  }
  if (error.kind === 'failed') return t(locale, 'error.failed', { reason: error.message });
  const key = KIND_KEYS[error.kind];
  return key ? t(locale, key) : t(locale, 'error.other', { message: error.message });
}

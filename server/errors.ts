/**
 * The one catalogue of errors the lab server reports. Every failure a client can
 * see has a code here with its HTTP status and websocket close code; routes throw
 * `NetlabError`s and `http/error-handler.ts` turns them into responses, so the
 * mapping lives in one place. The self-hosting guide lists the same codes (a test
 * checks both ways).
 */

/**
 * What a client does after this error, so that no client keeps its own copy of
 * the catalogue: `retry` soon, with backoff (a restart, a machine still
 * starting, a spent ticket); `later` — after Retry-After or a while, because
 * the cause is outside the reader (capacity, the engine, a workshop's start);
 * `final` — stop and show the message (a wrong token, an ended session, a full
 * workshop), until the reader acts.
 */
export type RetryClass = 'retry' | 'later' | 'final';

export interface ErrorSpec {
  /** HTTP status of a REST response carrying this error. */
  readonly status: number;
  /** Close code of a terminal websocket ended by this error (4000 + status, by convention). */
  readonly closeCode: number;
  readonly retry: RetryClass;
  /** Default message; callers may give a more specific one. */
  readonly message: string;
}

export const ERRORS = {
  NETLAB_ERR_BAD_REQUEST: {
    status: 400,
    closeCode: 4400,
    retry: 'final',
    message: 'The request is malformed.',
  },
  NETLAB_ERR_UNKNOWN_LAB: {
    status: 400,
    closeCode: 4400,
    retry: 'final',
    message: 'There is no lab with that id; GET /api/labs lists them.',
  },
  NETLAB_ERR_SECRET_IN_URL: {
    status: 400,
    closeCode: 4400,
    retry: 'final',
    message:
      'Tokens are not accepted in URLs, where logs and proxies keep them: send "Authorization: Bearer <token>", or get a one-time ticket and pass ?ticket=<ticket>.',
  },
  NETLAB_ERR_UNAUTHORIZED: {
    status: 401,
    closeCode: 4401,
    retry: 'final',
    message: 'A session token is required: send "Authorization: Bearer <token>".',
  },
  NETLAB_ERR_BAD_TICKET: {
    status: 401,
    closeCode: 4401,
    retry: 'retry',
    message:
      'This ticket is unknown, expired or already used: a ticket opens one stream, once, within 30 seconds. Ask for a new one.',
  },
  NETLAB_ERR_FORBIDDEN: {
    status: 403,
    closeCode: 4403,
    retry: 'final',
    message: 'This token does not open that session.',
  },
  NETLAB_ERR_BAD_ORIGIN: {
    status: 403,
    closeCode: 4403,
    retry: 'final',
    message: 'Terminals may only be opened from the site itself (Origin not allowed).',
  },
  NETLAB_ERR_BAD_HOST: {
    status: 403,
    closeCode: 4403,
    retry: 'final',
    message:
      'This lab server does not answer to that host name; its operator lists the names it serves in ALLOWED_HOSTS.',
  },
  NETLAB_ERR_NOT_FOUND: {
    status: 404,
    closeCode: 4404,
    retry: 'final',
    message: 'No such resource.',
  },
  NETLAB_ERR_UNKNOWN_TASK: {
    status: 404,
    closeCode: 4404,
    retry: 'final',
    message: 'This lab has no task with that id.',
  },
  NETLAB_ERR_UNKNOWN_WORKSHOP: {
    status: 404,
    closeCode: 4404,
    retry: 'final',
    message: 'No workshop has that code; check it with your instructor.',
  },
  NETLAB_ERR_WORKSHOP_FULL: {
    status: 409,
    closeCode: 4409,
    retry: 'final',
    message: 'This workshop is full.',
  },
  NETLAB_ERR_WORKSHOP_NOT_STARTED: {
    status: 409,
    closeCode: 4409,
    retry: 'later',
    message: 'This workshop has not started yet.',
  },
  NETLAB_ERR_WORKSHOP_ENDED: {
    status: 410,
    closeCode: 4410,
    retry: 'final',
    message: 'This workshop has ended; its results are kept.',
  },
  NETLAB_ERR_WORKSHOPS_DISABLED: {
    status: 503,
    closeCode: 4503,
    retry: 'final',
    message: 'Workshops are disabled on this server: set ADMIN_TOKEN to enable them.',
  },
  NETLAB_ERR_SESSION_NOT_READY: {
    status: 409,
    closeCode: 4409,
    retry: 'retry',
    message: 'The lab machine is still starting; try again in a moment.',
  },
  NETLAB_ERR_SESSION_ENDED: {
    status: 410,
    closeCode: 4410,
    retry: 'final',
    message: 'This lab session has ended. Start the lab again for a fresh machine.',
  },
  NETLAB_ERR_SESSION_LIVE: {
    status: 409,
    closeCode: 4409,
    retry: 'final',
    message: 'This lab session is still running; only an ended session can be rebuilt.',
  },
  NETLAB_ERR_EXTEND_LIMIT: {
    status: 409,
    closeCode: 4409,
    retry: 'final',
    message:
      'This lab session cannot be extended any further: it has reached the longest session this server allows.',
  },
  NETLAB_ERR_BODY_TOO_LARGE: {
    status: 413,
    closeCode: 1009,
    retry: 'final',
    message: 'The request body is too large.',
  },
  NETLAB_ERR_UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    closeCode: 4415,
    retry: 'final',
    message: 'Send JSON with "Content-Type: application/json".',
  },
  NETLAB_ERR_OTHER_SERVER: {
    status: 421,
    closeCode: 4421,
    retry: 'later',
    message:
      "This session's lab machine runs on another lab server; the proxy must send a session to the server that started it.",
  },
  NETLAB_ERR_CLIENT_LIMIT: {
    status: 429,
    closeCode: 4429,
    retry: 'final',
    message: 'You already have the most lab sessions one client may run at once; end one first.',
  },
  NETLAB_ERR_TOO_MANY_ATTEMPTS: {
    status: 429,
    closeCode: 4429,
    retry: 'later',
    message: 'Too many wrong join codes from your network; wait a minute, then check the code.',
  },
  NETLAB_ERR_TOO_MANY_TERMINALS: {
    status: 429,
    closeCode: 4429,
    retry: 'final',
    message: 'This session already has the most terminals it may open at once.',
  },
  NETLAB_ERR_TOO_MANY_PENDING: {
    status: 429,
    closeCode: 4429,
    retry: 'retry',
    message:
      'Too many terminals from your address are still waiting to authenticate; close some, or send their auth message, and try again.',
  },
  NETLAB_ERR_INTERNAL: {
    status: 500,
    closeCode: 1011,
    retry: 'retry',
    message: 'The lab server hit an unexpected error; it has been logged.',
  },
  NETLAB_ERR_SANDBOX_FAILED: {
    status: 502,
    closeCode: 4502,
    retry: 'final',
    message: 'The lab machine failed to start.',
  },
  NETLAB_ERR_CAPACITY: {
    status: 503,
    closeCode: 4503,
    retry: 'later',
    message: 'All lab machines are in use; try again in a minute.',
  },
  NETLAB_ERR_DOCKER_UNREACHABLE: {
    status: 503,
    closeCode: 4503,
    retry: 'later',
    message: 'The lab server cannot reach a Docker engine.',
  },
  NETLAB_ERR_ENGINE_NOT_ISOLATED: {
    status: 503,
    closeCode: 4503,
    retry: 'final',
    message:
      'The Docker engine does not isolate sandboxes (user namespaces, disk quotas), so the lab server will not start one there.',
  },
  NETLAB_ERR_SHUTTING_DOWN: {
    status: 503,
    closeCode: 1012,
    retry: 'retry',
    message: 'The lab server is restarting; reconnect in a few seconds.',
  },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERRORS;

export interface NetlabErrorOptions {
  /** Seconds after which a retry may succeed (sent as Retry-After). */
  retryAfter?: number;
  cause?: unknown;
}

/** An error a client may see: a catalogue code plus a message a reader can act on. */
export class NetlabError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly closeCode: number;
  readonly retry: RetryClass;
  readonly retryAfter: number | undefined;

  constructor(code: ErrorCode, message?: string, options: NetlabErrorOptions = {}) {
    const spec: ErrorSpec = ERRORS[code];
    super(message ?? spec.message, { cause: options.cause });
    this.name = 'NetlabError';
    this.code = code;
    this.status = spec.status;
    this.closeCode = spec.closeCode;
    this.retry = spec.retry;
    this.retryAfter = options.retryAfter;
  }
}

export function isNetlabError(value: unknown): value is NetlabError {
  return value instanceof NetlabError;
}

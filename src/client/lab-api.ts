/**
 * The browser's client of the lab server's session API: starts a session for a
 * lab or resumes the one this browser already has (kept in localStorage per lab,
 * so a reload finds the same machine while it lives), waits until it is ready,
 * and ends it. Every failure becomes a LabApiError whose `kind` maps to one
 * translated sentence (`describeLabError`).
 */
import type { Generation } from '../../server/generations.ts';
import type {
  ErrorBody,
  ErrorCode,
  CreateSessionResponse,
  SessionView,
  TaskResult,
} from '../../server/protocol.ts';
import { t, type UiKey, type UiLocale } from './i18n.ts';

export interface StoredSession {
  id: string;
  token: string;
  lab: string;
  /** The Docker generation of its machine. */
  generation: Generation;
  expiresAt: string;
}

/** Generations this client knows how to ask for (the server's, server/generations.ts). */
const KNOWN_GENERATIONS: readonly string[] = ['docker-26', 'docker-28'] satisfies Generation[];

export function asGeneration(value: unknown): Generation | null {
  return typeof value === 'string' && KNOWN_GENERATIONS.includes(value)
    ? (value as Generation)
    : null;
}

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

/** What a session API call may need from its surroundings (all injectable for tests). */
export interface LabClientOptions {
  /** Origin of the lab server; default the page's. */
  baseUrl?: string;
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
  fetch?: typeof fetch;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface StartOptions {
  signal?: AbortSignal;
  /** Called with each status while the machine starts. */
  onStatus?: (view: SessionView) => void;
  /** Give up after this long, ms. Default 90 000. */
  timeoutMs?: number;
  /** Only resume this browser's live session; never create one (kind `ended` when there is none). */
  resumeOnly?: boolean;
  /** The Docker generation of a new session's machine; default: the server's. */
  generation?: Generation | undefined;
}

export interface StartedLab {
  session: StoredSession;
  view: SessionView;
  /** True when an existing session was resumed rather than a new one created. */
  resumed: boolean;
}

const STORAGE_PREFIX = 'netlab:session:';

export class LabClient {
  private readonly baseUrl: string;
  private readonly storage: LabClientOptions['storage'];
  private readonly fetchImpl: typeof fetch;
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;

  constructor(options: LabClientOptions = {}) {
    this.baseUrl = options.baseUrl ?? globalThis.location.origin;
    this.storage = options.storage === undefined ? safeLocalStorage() : options.storage;
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? sleep;
  }

  /** The session this browser keeps for `lab`, if any and not past its expiry. */
  stored(lab: string): StoredSession | null {
    const raw = this.storage?.getItem(STORAGE_PREFIX + lab);
    if (!raw) return null;
    try {
      const value = JSON.parse(raw) as Partial<StoredSession>;
      if (
        typeof value.id !== 'string' ||
        typeof value.token !== 'string' ||
        typeof value.expiresAt !== 'string'
      ) {
        throw new Error('malformed');
      }
      if (Date.parse(value.expiresAt) <= this.now()) throw new Error('expired');
      return {
        id: value.id,
        token: value.token,
        lab,
        // Sessions stored before there was a choice ran the only generation there was.
        generation: asGeneration(value.generation) ?? 'docker-26',
        expiresAt: value.expiresAt,
      };
    } catch {
      this.forget(lab);
      return null;
    }
  }

  forget(lab: string): void {
    this.storage?.removeItem(STORAGE_PREFIX + lab);
  }

  /** Resumes this browser's live session of `lab`, or creates one; resolves once it is ready. */
  async start(lab: string, options: StartOptions = {}): Promise<StartedLab> {
    const previous = this.stored(lab);
    if (previous) {
      try {
        const view = await this.waitReady(previous, options);
        return { session: previous, view, resumed: true };
      } catch (error) {
        if (!(error instanceof LabApiError) || !isGone(error)) throw error;
        this.forget(lab);
      }
    }
    if (options.resumeOnly) throw new LabApiError('ended', 'no live session of this lab to resume');
    const session = await this.create(lab, options.signal, options.generation);
    const view = await this.waitReady(session, options);
    return { session, view, resumed: false };
  }

  /** POST /api/sessions; the new session is remembered for `lab`. */
  async create(lab: string, signal?: AbortSignal, generation?: Generation): Promise<StoredSession> {
    const body = await this.request<CreateSessionResponse>('POST', '/api/sessions', {
      body: generation === undefined ? { lab } : { lab, generation },
      signal,
    });
    const session: StoredSession = {
      id: body.id,
      token: body.token,
      lab: body.lab,
      generation: body.generation,
      expiresAt: body.expiresAt,
    };
    this.storage?.setItem(STORAGE_PREFIX + lab, JSON.stringify(session));
    return session;
  }

  /** GET /api/sessions/:id. */
  status(session: StoredSession, signal?: AbortSignal): Promise<SessionView> {
    return this.request<SessionView>('GET', `/api/sessions/${encodeURIComponent(session.id)}`, {
      token: session.token,
      signal,
    });
  }

  /** Polls the status until `ready`; rejects with kind `failed`/`ended`/`timeout` otherwise. */
  async waitReady(session: StoredSession, options: StartOptions = {}): Promise<SessionView> {
    const deadline = this.now() + (options.timeoutMs ?? 90_000);
    let delay = 250;
    for (;;) {
      const view = await this.status(session, options.signal);
      options.onStatus?.(view);
      if (view.status === 'ready') return view;
      if (view.status === 'failed') {
        throw new LabApiError('failed', view.reason ?? 'the lab machine failed to start', 200);
      }
      if (view.status === 'ended')
        throw new LabApiError('ended', view.reason ?? 'the session ended', 200);
      if (this.now() + delay > deadline)
        throw new LabApiError('timeout', 'the lab machine took too long to start');
      await this.sleep(delay, options.signal);
      delay = Math.min(delay * 1.5, 2000);
    }
  }

  /** DELETE /api/sessions/:id and forget it; a session already gone counts as ended. */
  async end(session: StoredSession): Promise<void> {
    this.forget(session.lab);
    try {
      await this.request<null>('DELETE', `/api/sessions/${encodeURIComponent(session.id)}`, {
        token: session.token,
      });
    } catch (error) {
      if (!(error instanceof LabApiError) || !isGone(error)) throw error;
    }
  }

  /** Runs the lab's checks (one task, or all) and answers with the task list. */
  async check(session: StoredSession, locale: string, task?: string): Promise<TaskResult[]> {
    const r = await this.request<{ tasks: TaskResult[] }>(
      'POST',
      `/api/sessions/${encodeURIComponent(session.id)}/check?lang=${locale}`,
      { token: session.token, body: task === undefined ? {} : { task } },
    );
    return r.tasks;
  }

  async answer(
    session: StoredSession,
    locale: string,
    task: string,
    answer: string,
  ): Promise<TaskResult> {
    const r = await this.request<{ passed: boolean; detail: TaskResult['detail'] }>(
      'POST',
      `/api/sessions/${encodeURIComponent(session.id)}/answers/${encodeURIComponent(task)}?lang=${locale}`,
      { token: session.token, body: { answer } },
    );
    return { id: task, passed: r.passed, detail: r.detail };
  }

  private async request<T>(
    method: string,
    path: string,
    init: { body?: unknown; token?: string; signal?: AbortSignal | undefined },
  ): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    if (init.token !== undefined) headers.authorization = `Bearer ${init.token}`;
    let response: Response;
    try {
      response = await this.fetchImpl(new URL(path, this.baseUrl).toString(), {
        method,
        headers,
        ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
        ...(init.signal && { signal: init.signal }),
        cache: 'no-store',
      });
    } catch (error) {
      if (init.signal?.aborted) throw new LabApiError('aborted', 'aborted');
      throw new LabApiError('offline', error instanceof Error ? error.message : 'network error');
    }
    if (response.status === 204) return null as T;
    const isJson = (response.headers.get('content-type') ?? '').includes('application/json');
    const body: unknown = isJson ? await response.json().catch(() => null) : null;
    if (response.ok && body !== null) return body as T;
    throw errorFrom(response.status, body);
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
  NETLAB_ERR_SESSION_LIVE: 'other',
  NETLAB_ERR_EXTEND_LIMIT: 'other',
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

/** Whether the error means the stored session is gone for good (start a fresh one). */
export function isGone(error: LabApiError): boolean {
  return ['ended', 'not-found', 'forbidden', 'failed'].includes(error.kind);
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

/** localStorage, or null where the browser disables it (then nothing is resumed across reloads). */
export function safeLocalStorage(): Storage | null {
  try {
    return globalThis.localStorage;
  } catch {
    return null;
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new LabApiError('aborted', 'aborted'));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new LabApiError('aborted', 'aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

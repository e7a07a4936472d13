/**
 * The browser's client of the lab server's session API: starts a session for a
 * lab or resumes the one this browser already has (kept in localStorage per lab,
 * so a reload finds the same machine while it lives), waits until it is ready,
 * extends and ends it. A session that ended by its time limit, idling or a
 * failure is kept as the lab's rebuildable one (lab-api/records.ts): starting
 * the lab then rejects with a RebuildableError, and the reader chooses between
 * `rebuild()` (their work replayed on a new machine) and a fresh start. Every
 * failure is a LabApiError whose `kind` maps to one translated sentence
 * (lab-api/errors.ts).
 */
import type { Generation } from '../../server/generations.ts';
import type {
  CreateSessionResponse,
  ExtendResponse,
  RebuildResponse,
  SessionView,
  TaskResult,
} from '../../server/protocol.ts';
import {
  isGone,
  isRebuildable,
  LabApiError,
  RebuildableError,
  SessionOverError,
} from './lab-api/errors.ts';
import {
  ENDED_PREFIX,
  parseEnded,
  parseSession,
  SESSION_PREFIX,
  type EndedSession,
  type StoredSession,
} from './lab-api/records.ts';
import { requestJson, safeLocalStorage, sleep, type ApiRequest } from './lab-api/http.ts';

export {
  describeLabError,
  errorFrom,
  isGone,
  LabApiError,
  RebuildableError,
  SessionOverError,
  type LabErrorKind,
} from './lab-api/errors.ts';
export { asGeneration, type EndedSession, type StoredSession } from './lab-api/records.ts';
export { safeLocalStorage } from './lab-api/http.ts';

/** What a session API call may need from its surroundings (all injectable for tests). */
export interface LabClientOptions {
  /** Origin of the lab server; default the page's. */
  baseUrl?: string;
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
  fetch?: typeof fetch;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface WaitOptions {
  signal?: AbortSignal;
  /** Called with each status while the machine starts (a rebuild's carries its progress). */
  onStatus?: (view: SessionView) => void;
  /** Give up after this long, ms. Default 90 000. */
  timeoutMs?: number;
}

export interface StartOptions extends WaitOptions {
  /** Only resume this browser's live session; never create one (kind `ended` when there is none). */
  resumeOnly?: boolean;
  /** Start a new machine even when an ended one could be rebuilt (which is then forgotten). */
  fresh?: boolean;
  /** The Docker generation of a new session's machine; default: the server's. */
  generation?: Generation | undefined;
}

export interface StartedLab {
  session: StoredSession;
  view: SessionView;
  /** True when an existing session was resumed rather than a new one created. */
  resumed: boolean;
}

/** Whether the session is still there, after asking the server. */
export type Settled = { live: true } | { live: false; ended: EndedSession | null };

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

  /**
   * The session this browser keeps for `lab`, if any. Kept past its `expiresAt`
   * too: only the server knows whether it ended, and why (the reader's clock may be wrong).
   */
  stored(lab: string): StoredSession | null {
    return this.read(SESSION_PREFIX, lab, parseSession);
  }

  /** This lab's last session that ended without the reader ending it: the one to rebuild. */
  ended(lab: string): EndedSession | null {
    return this.read(ENDED_PREFIX, lab, parseEnded);
  }

  /** Whether the session is past its end by this browser's clock (ask the server: `settle`). */
  expired(session: StoredSession): boolean {
    return Date.parse(session.expiresAt) <= this.now();
  }

  forget(lab: string): void {
    this.storage?.removeItem(SESSION_PREFIX + lab);
  }

  forgetEnded(lab: string): void {
    this.storage?.removeItem(ENDED_PREFIX + lab);
  }

  /**
   * Resumes this browser's live session of `lab`, or creates one; resolves once
   * it is ready. Rejects with a RebuildableError instead of starting afresh when
   * the lab's last session ended and can be rebuilt (unless `fresh`).
   */
  async start(lab: string, options: StartOptions = {}): Promise<StartedLab> {
    if (options.fresh) this.forgetEnded(lab);
    const previous = this.stored(lab);
    const resumed = previous ? await this.resume(previous, options) : null;
    if (resumed) return resumed;
    const ended = options.fresh ? null : this.ended(lab);
    if (ended) throw new RebuildableError(ended);
    if (options.resumeOnly) throw new LabApiError('ended', 'no live session of this lab to resume');
    const session = await this.create(lab, options.signal, options.generation);
    const view = await this.waitReady(session, options);
    return { session, view, resumed: false };
  }

  /** Waits for the stored session; null when it is gone and nothing of it is offered back. */
  private async resume(previous: StoredSession, options: StartOptions): Promise<StartedLab | null> {
    try {
      const view = await this.waitReady(previous, options);
      return { session: previous, view, resumed: true };
    } catch (error) {
      if (!(error instanceof LabApiError) || !isGone(error)) throw error;
      const ended = this.retire(previous, error);
      if (ended && !options.fresh) throw new RebuildableError(ended);
      this.forgetEnded(previous.lab);
      return null;
    }
  }

  /** Asks the server whether the session lives; one that is over is forgotten or kept to rebuild. */
  async settle(session: StoredSession, signal?: AbortSignal): Promise<Settled> {
    try {
      const view = await this.status(session, signal);
      if (view.status !== 'ended' && view.status !== 'failed') return { live: true };
      return { live: false, ended: this.retire(session, new SessionOverError(view)) };
    } catch (error) {
      if (!(error instanceof LabApiError) || !isGone(error)) throw error;
      return { live: false, ended: this.retire(session, error) };
    }
  }

  /** Forgets a session that is over; keeps it as the lab's rebuildable one when it may be rebuilt. */
  private retire(session: StoredSession, error: LabApiError): EndedSession | null {
    if (this.stored(session.lab)?.id === session.id) this.forget(session.lab);
    if (!isRebuildable(error)) return null;
    const reason = error instanceof SessionOverError ? (error.view.reason ?? null) : null;
    const ended: EndedSession = { ...session, reason };
    this.storage?.setItem(ENDED_PREFIX + session.lab, JSON.stringify(ended));
    return ended;
  }

  /**
   * POST /api/sessions/:id/rebuild with the ended session's token: a new session
   * of the same lab replays the old one's work; it becomes the lab's session and
   * is waited for (each view, with the rebuild's progress, goes to `onStatus`).
   * If the old one is live after all, it is resumed; if the server cannot
   * rebuild it, it is forgotten (the reader can only start afresh).
   */
  async rebuild(ended: EndedSession, options: WaitOptions = {}): Promise<StartedLab> {
    let body: RebuildResponse;
    try {
      body = await this.request<RebuildResponse>('POST', `${sessionPath(ended.id)}/rebuild`, {
        token: ended.token,
        body: {},
        signal: options.signal,
      });
    } catch (error) {
      if (!(error instanceof LabApiError)) throw error;
      if (error.kind === 'live') return this.revive(ended, options);
      if (['ended', 'not-found', 'forbidden'].includes(error.kind)) this.forgetEnded(ended.lab);
      throw error;
    }
    const session = this.remember(body);
    const view = await this.waitReady(session, options);
    return { session, view, resumed: false };
  }

  /** The "ended" session is still live (this browser's clock ran ahead): it is the lab's again. */
  private async revive(ended: EndedSession, options: WaitOptions): Promise<StartedLab> {
    const session = this.remember(ended);
    const view = await this.waitReady(session, options);
    return { session, view, resumed: true };
  }

  /** POST /api/sessions/:id/extend; the stored session gets the new end. Kind `extend-limit` at the limit. */
  async extend(session: StoredSession): Promise<ExtendResponse> {
    const body = await this.request<ExtendResponse>('POST', `${sessionPath(session.id)}/extend`, {
      token: session.token,
      body: {},
    });
    if (this.stored(session.lab)?.id === session.id)
      this.save({ ...session, expiresAt: body.expiresAt });
    return body;
  }

  /** POST /api/sessions; the new session is remembered for `lab`. */
  async create(lab: string, signal?: AbortSignal, generation?: Generation): Promise<StoredSession> {
    const body = await this.request<CreateSessionResponse>('POST', '/api/sessions', {
      body: generation === undefined ? { lab } : { lab, generation },
      signal,
    });
    return this.remember(body);
  }

  /** Makes a new session the lab's own; an ended one is no longer offered back. */
  private remember(body: CreateSessionResponse): StoredSession {
    const session: StoredSession = {
      id: body.id,
      token: body.token,
      lab: body.lab,
      generation: body.generation,
      expiresAt: body.expiresAt,
    };
    this.save(session);
    this.forgetEnded(session.lab);
    return session;
  }

  private save(session: StoredSession): void {
    this.storage?.setItem(SESSION_PREFIX + session.lab, JSON.stringify(session));
  }

  private read<T>(prefix: string, lab: string, parse: (raw: string, lab: string) => T | null) {
    const raw = this.storage?.getItem(prefix + lab);
    if (!raw) return null;
    const value = parse(raw, lab);
    if (!value) this.storage?.removeItem(prefix + lab);
    return value;
  }

  /** GET /api/sessions/:id. */
  status(session: StoredSession, signal?: AbortSignal): Promise<SessionView> {
    return this.request<SessionView>('GET', sessionPath(session.id), {
      token: session.token,
      signal,
    });
  }

  /** Polls the status until `ready`; rejects with kind `failed`/`ended`/`timeout` otherwise. */
  async waitReady(session: StoredSession, options: WaitOptions = {}): Promise<SessionView> {
    const deadline = this.now() + (options.timeoutMs ?? 90_000);
    let delay = 250;
    for (;;) {
      const view = await this.status(session, options.signal);
      options.onStatus?.(view);
      if (view.status === 'ready') return view;
      if (view.status === 'failed' || view.status === 'ended') throw new SessionOverError(view);
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
      await this.request<null>('DELETE', sessionPath(session.id), { token: session.token });
    } catch (error) {
      if (!(error instanceof LabApiError) || !isGone(error)) throw error;
    }
  }

  /** Runs the lab's checks (one task, or all) and answers with the task list. */
  async check(session: StoredSession, locale: string, task?: string): Promise<TaskResult[]> {
    const r = await this.request<{ tasks: TaskResult[] }>(
      'POST',
      `${sessionPath(session.id)}/check?lang=${locale}`,
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
      `${sessionPath(session.id)}/answers/${encodeURIComponent(task)}?lang=${locale}`,
      { token: session.token, body: { answer } },
    );
    return { id: task, passed: r.passed, detail: r.detail };
  }

  private request<T>(method: string, path: string, init: ApiRequest): Promise<T> {
    return requestJson<T>(this.fetchImpl, new URL(path, this.baseUrl).toString(), method, init);
  }
}

function sessionPath(id: string): string {
  return `/api/sessions/${encodeURIComponent(id)}`;
}

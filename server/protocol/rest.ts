/**
 * REST bodies: errors, health, labs, sessions, tickets and task results. Bodies
 * the server reads are zod schemas (types inferred from them; the routes'
 * JSON Schemas are generated from them); bodies it only writes are interfaces.
 */
import { z } from 'zod';
import type { ErrorCode, RetryClass } from '../errors.ts';
import { GENERATION_IDS, type Generation } from '../generations.ts';

export type Locale = 'en' | 'zh-cn';
export type Localized = Record<Locale, string>;

export interface ErrorBody {
  /** `retry`: what the client should do next (errors.ts); clients decide from it, not from a copy of the catalogue. */
  error: { code: ErrorCode; message: string; retry: RetryClass };
}

/**
 * GET /api/health. Anonymous callers get `ok`, `docker.reachable` and `sandboxes`;
 * the fields that name software or paths come only with the admin token
 * (`Authorization: Bearer <ADMIN_TOKEN>`; any other token → 403).
 */
export interface HealthResponse {
  ok: boolean;
  docker: {
    reachable: boolean;
    /** Admin only: the engine's version when reachable, else null. */
    version?: string | null;
    /** Admin only: why the engine is unreachable, with the socket tried and how to fix it. */
    reason?: string;
  };
  sandboxes: { running: number; max: number; warm: number };
  /** Admin only: the lab server's own versions. */
  server?: { netlab: string; node: string };
}

export type TaskKind = 'state' | 'answer' | 'action';

export interface TaskSummary {
  id: string;
  title: Localized;
  kind: TaskKind;
}

export interface LabSummary {
  id: string;
  title: Localized;
  chapter: number;
  tasks: TaskSummary[];
}

const labId = z.string().min(1).max(64);

/** POST /api/sessions. */
export const createSessionRequest = z.strictObject({
  lab: labId,
  /** The Docker generation of the lab machine (server/generations.ts); default: docker-28. */
  generation: z.enum(GENERATION_IDS).optional(),
});
export type CreateSessionRequest = z.infer<typeof createSessionRequest>;

export interface CreateSessionResponse {
  id: string;
  /** Bearer token that opens this session (and only this one). */
  token: string;
  lab: string;
  /** The Docker generation the lab machine runs. */
  generation: Generation;
  /** ISO time at which the sandbox is removed whatever happens (hard TTL). */
  expiresAt: string;
}

export type SessionStatus = 'starting' | 'ready' | 'failed' | 'ended';

// ---- Tickets -------------------------------------------------------------------
// Bearer secrets never go in URLs. A stream whose client cannot send headers (a
// browser's EventSource; a websocket client) takes `?ticket=<ticket>` instead, got
// with the token in the Authorization header from:
//   POST /api/sessions/:id/terminal/tickets      session, learner or instructor token
//   POST /api/workshops/:id/events/tickets       instructor secret or admin token
//   POST /api/workshops/:id/me/events/tickets    learner's participant token
// A ticket opens that one stream once, in the role its token had, within
// TICKET_TTL_MS; unknown, spent or expired → 401 NETLAB_ERR_BAD_TICKET. A token in a
// stream URL (`?token=`, `?secret=`) → 400 NETLAB_ERR_SECRET_IN_URL.

/** How long a ticket is valid: enough for one round trip on a slow network, no more. */
export const TICKET_TTL_MS = 30_000;

/** 201 answer of the ticket endpoints. */
export interface TicketResponse {
  ticket: string;
  /** ISO time after which the ticket opens nothing. */
  expiresAt: string;
}

export interface TaskDetail {
  expected: string;
  actual: string;
  hint: string;
}

/** POST /api/sessions/:id/check: one task, or (no `task`) all of them. */
export const checkRequest = z.strictObject({ task: z.string().min(1).max(64).optional() });
export type CheckRequest = z.infer<typeof checkRequest>;

/** POST /api/sessions/:id/answers/:task. */
export const answerRequest = z.strictObject({ answer: z.string().max(512) });
export type AnswerRequest = z.infer<typeof answerRequest>;

/** POST /api/sessions/:id/answers/:task → 200. */
export interface AnswerResponse {
  passed: boolean;
  detail: TaskDetail | null;
}

export interface TaskResult {
  id: string;
  passed: boolean;
  detail: TaskDetail | null;
}

export interface SessionView {
  id: string;
  lab: string;
  status: SessionStatus;
  /** Why the session failed or ended, in words a reader can act on. */
  reason?: string;
  expiresAt: string;
  tasks: TaskResult[];
  /** Values chosen for this session's lab parameters, filled into `{{name}}` in task texts. */
  params: Record<string, string>;
  /** The Docker generation the lab machine runs. */
  generation: Generation;
}

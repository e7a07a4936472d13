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
  /**
   * ISO time the server ends the session for want of a terminal (IDLE_TTL_S after
   * the last one closed), or null while one is attached.
   */
  idleEndsAt: string | null;
  /** ISO time up to which POST /api/sessions/:id/extend can push `expiresAt` (MAX_SESSION_S). */
  extendableUntil: string;
  /** Present when this session rebuilds an ended one: how its machine was brought back. */
  rebuild?: RebuildReport;
}

/**
 * POST /api/sessions/:id/extend (the session's token) → 200: the session's new
 * hard end, EXTEND_S later (never past `extendableUntil`); its idle clock starts
 * again too. At the limit → 409 NETLAB_ERR_EXTEND_LIMIT.
 */
export interface ExtendResponse {
  expiresAt: string;
  extendableUntil: string;
}

/**
 * POST /api/sessions/:id/rebuild (the ended session's token) → 201 with a
 * CreateSessionResponse of a new session of the same lab, generation and
 * parameters (a workshop learner's is opened by their own token, as before).
 * Its machine is `ready` once the old one's work is replayed on it; the tasks
 * the old one passed are carried over. A session still live → 409
 * NETLAB_ERR_SESSION_LIVE.
 */
export interface RebuildResponse extends CreateSessionResponse {
  rebuiltFrom: string;
}

/** Why the lab's solution stood in for the reader's own commands. */
export type RebuildFallback =
  /** A program that reads the terminal (`docker run -it`, `vi`, `docker exec -it`): a replay cannot type into it. */
  | 'interactive'
  /** A command line that ran longer than a replay may wait for one. */
  | 'long-running'
  /** A line that used a variable the replayed lines never set (a loop's `$i`). */
  | 'unset-variable'
  /** The machine ended before its record of commands could be read. */
  | 'no-record';

export interface RebuildReport {
  /** The ended session this one rebuilds. */
  from: string;
  /** `running` while the work is being replayed (the session is still `starting`). */
  state: 'running' | 'done';
  /**
   * `journal`: the reader's own successful command lines, typed again in order
   * into the terminal's first window; `solution`: the lab's solution.sh, stage
   * by stage, until every task the reader had passed passes again.
   */
  mode: 'journal' | 'solution';
  /** Mode `solution`: why, and the reader's line that made it so (null for `no-record`). */
  fallback: { why: RebuildFallback; line: string | null } | null;
  /** The command lines that were (or are being) run, in order. */
  lines: string[];
  /** How many of `lines` ran and succeeded. */
  replayed: number;
  /** A line that failed on the new machine, and its exit status; the lines after it were not run. */
  failed: { line: string; status: number } | null;
  /** Tasks that had passed and are carried over as passed. */
  carried: string[];
  /** How long the rebuild took, machine start included, ms (once done). */
  ms: number | null;
}

/**
 * Workshops on the wire: requests (zod schemas; types inferred, route schemas
 * generated), answers, the instructor's and the learner's event streams, and
 * the webhook call.
 */
import { z } from 'zod';
import type { CreateSessionResponse, Localized } from './rest.ts';

// Four kinds of caller, each with its own bearer token:
//   admin       ADMIN_TOKEN from the configuration: creates workshops and grader tokens.
//   instructor  the workshop's instructor secret (in the instructor link): dashboard, peek,
//               broadcast, end, results.
//   learner     the participant token returned by join (in the reopenable join link).
//   grader      a grader token created by the admin: reads results of its workshops.

const labId = z.string().min(1).max(64);
const workshopId = z.string().min(1).max(64);

/** POST /api/workshops (admin). Times, labs and the URL are checked further by the service. */
export const createWorkshopRequest = z.strictObject({
  title: z.string().min(1).max(120),
  /** Lab ids, in the order learners see them. */
  labs: z.array(labId).min(1).max(20),
  /** ISO times; joining is refused before startsAt and after endsAt. */
  startsAt: z.string().max(64).optional(),
  endsAt: z.string().max(64).optional(),
  /** Most learners who may join. */
  capacity: z.number().int().min(1).max(1000),
  /** Each learner gets their own lab parameters (e.g. subnet) instead of the lab defaults. */
  randomParams: z.boolean(),
  /** Called (POST, HMAC-signed) on each task a learner passes. */
  webhookUrl: z.string().min(1).max(2048).optional(),
});
export type CreateWorkshopRequest = z.infer<typeof createWorkshopRequest>;

export interface CreateWorkshopResponse {
  id: string;
  /** Short code learners type to join, e.g. "K7Q-2MX". */
  code: string;
  /** Site path learners open to join: /workshop/join/?code=<code>. */
  joinUrl: string;
  /** Secret of the instructor; the instructor link carries it. */
  instructorSecret: string;
  /** Site path of the dashboard: /workshop/dashboard/?id=<id>#secret=<secret>. */
  instructorUrl: string;
  /** Secret that signs webhook calls (X-Netlab-Signature: sha256=<hex HMAC of the body>). */
  webhookSecret: string | null;
}

export type WorkshopStatus = 'scheduled' | 'open' | 'ended';

export interface WorkshopSummary {
  id: string;
  title: string;
  labs: string[];
  status: WorkshopStatus;
  startsAt: string | null;
  endsAt: string | null;
  capacity: number;
  randomParams: boolean;
  /** The latest broadcast, if any. */
  message: WorkshopMessage | null;
}

export interface WorkshopMessage {
  text: string;
  at: string;
}

/** POST /api/workshops/join (anyone with the code). Name rules (1–40 characters, no control characters) are the service's. */
export const joinWorkshopRequest = z.strictObject({
  code: z.string().max(32),
  /** 1–40 characters after trimming; shown as text everywhere. */
  name: z.string().max(400),
});
export type JoinWorkshopRequest = z.infer<typeof joinWorkshopRequest>;

export interface JoinWorkshopResponse {
  workshopId: string;
  participantId: string;
  /** Bearer token of this learner. */
  participantToken: string;
  /** Site path that reopens this learner's place on any device: /workshop/learn/?id=<workshop>#p=<id>.<token>. */
  learnUrl: string;
}

/** GET /api/workshops/:id/me (learner). */
export interface ParticipantView {
  workshop: WorkshopSummary;
  participant: { id: string; name: string };
  /** The learner's live session per lab id, if any; `token` is the participant token. */
  sessions: Record<string, CreateSessionResponse>;
  /**
   * Per lab without a live session: the id of the learner's latest ended session
   * of it, which `{ lab, rebuild: true }` brings back (a rebuild, not a fresh start).
   */
  rebuildable: Record<string, string>;
}

/**
 * POST /api/workshops/:id/me/sessions (learner) → 200 CreateSessionResponse: the learner's
 * session of a lab, reused while live. Its `token` is the participant token, which opens
 * all of the learner's sessions (REST and terminal) like a session token.
 */
export const workshopSessionRequest = z.strictObject({
  lab: labId,
  /**
   * With no live session of the lab: rebuild the learner's latest ended one
   * (POST /api/sessions/:id/rebuild) instead of starting afresh.
   */
  rebuild: z.boolean().optional(),
});
export type WorkshopSessionRequest = z.infer<typeof workshopSessionRequest>;

/** One learner's standing on one task. */
export interface TaskStanding {
  passed: boolean;
  /** ISO time the task first passed. */
  passedAt: string | null;
  /** The learner's checks and answers of this task, plus live re-checks that changed its result. */
  attempts: number;
  /** ISO time of the latest check or answer. */
  lastAt: string | null;
}

export interface LearnerRow {
  id: string;
  name: string;
  joinedAt: string;
  /** ISO time of the learner's latest passed task, or joinedAt. */
  lastProgressAt: string;
  /** Keyed "<lab>/<task>". */
  tasks: Record<string, TaskStanding>;
  /**
   * Live session per lab id. Peek: the instructor secret opens
   * `WS /api/sessions/<id>/terminal` (first message `auth`, or a ticket), always read-only.
   */
  sessions: Record<string, string>;
}

/** GET /api/workshops/:id (instructor). */
export interface WorkshopDashboard {
  workshop: WorkshopSummary;
  /** Columns of the grid, in order. */
  tasks: { key: string; lab: string; task: string; title: Localized }[];
  learners: LearnerRow[];
  /** Share of learners who passed each task, 0–1, keyed like LearnerRow.tasks. */
  passRates: Record<string, number>;
  /** Webhook calls that failed after their retries, newest first. */
  webhookFailures: { at: string; task: string; learner: string; error: string }[];
}

/** GET /api/workshops/:id/events?ticket= (instructor, server-sent events; `data:` is JSON). */
export type WorkshopEvent =
  /** First on every stream, and again when a learner joins or starts a lab. */
  | { type: 'snapshot'; dashboard: WorkshopDashboard }
  | { type: 'learner'; learner: LearnerRow }
  | { type: 'webhook-failed'; failure: WorkshopDashboard['webhookFailures'][number] }
  | { type: 'ended'; at: string };

/** GET /api/workshops/:id/me/events (learner, server-sent events; Authorization header or ?ticket=). */
export type LearnerEvent =
  { type: 'message'; message: WorkshopMessage } | { type: 'ended'; at: string };

/** POST /api/workshops/:id/broadcast (instructor) → 200 WorkshopMessage. */
export const broadcastRequest = z.strictObject({ text: z.string().min(1).max(1000) });
export type BroadcastRequest = z.infer<typeof broadcastRequest>;

/** GET /api/workshops/:id/results[?format=csv] (instructor, grader or admin). */
export const resultsQuery = z.object({ format: z.enum(['json', 'csv']).optional() });
export type ResultsQuery = z.infer<typeof resultsQuery>;

export interface WorkshopResults {
  workshop: WorkshopSummary;
  results: {
    learner: string;
    learnerId: string;
    lab: string;
    task: string;
    passed: boolean;
    passedAt: string | null;
    attempts: number;
    lastAt: string | null;
  }[];
}

/** POST /api/grader-tokens (admin). */
export const createGraderTokenRequest = z.strictObject({
  workshops: z.array(workshopId).min(1).max(100),
});
export type CreateGraderTokenRequest = z.infer<typeof createGraderTokenRequest>;

export interface CreateGraderTokenResponse {
  token: string;
  workshops: string[];
}

// POST /api/workshops/:id/end (instructor) → 200 WorkshopSummary (status "ended"); idempotent.

/**
 * The webhook call for each task a learner passes (first pass only): POST with this JSON
 * body and `X-Netlab-Signature: sha256=<hex HMAC-SHA256 of the body, keyed by webhookSecret>`.
 * Retried with backoff (0.5 s, 1 s, 2 s…) until a 2xx or WEBHOOK_ATTEMPTS calls.
 */
export interface WebhookTaskPassed {
  event: 'task.passed';
  workshopId: string;
  learner: { id: string; name: string };
  lab: string;
  task: string;
  /** ISO time the task first passed. */
  passedAt: string;
}

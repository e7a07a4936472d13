/**
 * Wire types: every REST body and websocket message the lab server exchanges.
 * The browser code imports this module with `import type` only, so the site never
 * pulls in server logic. DESIGN.md ("Public HTTP API") describes the same contract.
 */
import type { ErrorCode, RetryClass } from './errors.ts';
import type { Generation } from './generations.ts';

export type { ErrorCode, RetryClass } from './errors.ts';

export type Locale = 'en' | 'zh-cn';
export type Localized = Record<Locale, string>;

// ---- REST ----------------------------------------------------------------------

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

export interface CreateSessionRequest {
  lab: string;
  /** The Docker generation of the lab machine (server/generations.ts); default: docker-28. */
  generation?: Generation;
}

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

// ---- Topology (GET /api/sessions/:id/topology) -----------------------------------

/** One interface as the topology shows it. */
export interface TopologyInterface {
  name: string;
  mac: string | null;
  /** IPv4 addresses with prefix, e.g. ["172.17.0.2/16"]. */
  addresses: string[];
  /** "UP", "DOWN", "UNKNOWN"; null when not printed. */
  state: string | null;
}

/** A namespace (host, netns, container) or a bridge. */
export interface TopologyNode {
  /** "host", "netns:node1", "container:busybox1", "bridge:host/docker0", "bridge:netns:node1/cni0". */
  id: string;
  kind: 'host' | 'netns' | 'container' | 'bridge';
  /** "host", "node1", "busybox1", "docker0". */
  name: string;
  /** For a bridge: the id of the namespace node it is in; else null. */
  parent: string | null;
  /** Docker networks: a container's, or the one a bridge implements ("bridge" for docker0). */
  networks: string[];
  /** Non-loopback interfaces; a bridge lists itself (its address is the gateway). */
  interfaces: TopologyInterface[];
  /** A container's image; null otherwise. */
  image: string | null;
  /** A container sharing another namespace (`--network host`): that node's id; else null. */
  sharesWith: string | null;
}

/** One end of a link: a node and, except for the bridge side of a port, an interface. */
export interface TopologyEnd {
  node: string;
  interface: string | null;
}

/** A veth pair (both ends), or a bridge port (interface → bridge node). */
export interface TopologyLink {
  id: string;
  kind: 'veth' | 'bridge-port';
  from: TopologyEnd;
  to: TopologyEnd;
}

export interface Topology {
  nodes: TopologyNode[];
  links: TopologyLink[];
}

// ---- Terminal websocket --------------------------------------------------------
// Binary frames carry terminal bytes both ways. Text frames carry these messages.

/** Bytes the client may leave unacknowledged before the server stops reading. */
export const TERMINAL_HIGH_WATERMARK = 128 * 1024;
/** Unacknowledged bytes below which the server reads again. */
export const TERMINAL_LOW_WATERMARK = 32 * 1024;

export type ClientMessage =
  /** First message when the URL has no ticket (browsers): the bearer token, never put in the URL. */
  | { type: 'auth'; token: string }
  | { type: 'resize'; cols: number; rows: number }
  /** Bytes of output the client has rendered since its last ack. */
  | { type: 'ack'; bytes: number };

export type TerminalState = 'live' | 'ended';

export type ServerMessage =
  | {
      type: 'status';
      state: TerminalState;
      /** The tmux window this terminal shows. */
      window?: string;
      readOnly?: boolean;
      /** Why the terminal ended. */
      code?: ErrorCode;
      /** Whether reconnecting can help (with `code`). */
      retry?: RetryClass;
      reason?: string;
    }
  | { type: 'tasks'; tasks: TaskResult[] };

// ---- Workshops -----------------------------------------------------------------
// Four kinds of caller, each with its own bearer token:
//   admin       ADMIN_TOKEN from the configuration: creates workshops and grader tokens.
//   instructor  the workshop's instructor secret (in the instructor link): dashboard, peek,
//               broadcast, end, results.
//   learner     the participant token returned by join (in the reopenable join link).
//   grader      a grader token created by the admin: reads results of its workshops.

/** POST /api/workshops (admin). */
export interface CreateWorkshopRequest {
  title: string;
  /** Lab ids, in the order learners see them. */
  labs: string[];
  /** ISO times; joining is refused before startsAt and after endsAt. */
  startsAt?: string;
  endsAt?: string;
  /** Most learners who may join. */
  capacity: number;
  /** Each learner gets their own lab parameters (e.g. subnet) instead of the lab defaults. */
  randomParams: boolean;
  /** Called (POST, HMAC-signed) on each task a learner passes. */
  webhookUrl?: string;
}

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

/** POST /api/workshops/join (anyone with the code). */
export interface JoinWorkshopRequest {
  code: string;
  /** 1–40 characters; shown as text everywhere. */
  name: string;
}

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
}

/**
 * POST /api/workshops/:id/me/sessions (learner) → 200 CreateSessionResponse: the learner's
 * session of a lab, reused while live. Its `token` is the participant token, which opens
 * all of the learner's sessions (REST and terminal) like a session token.
 */
export interface WorkshopSessionRequest {
  lab: string;
}

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
export interface BroadcastRequest {
  text: string;
}

/** GET /api/workshops/:id/results[?format=csv] (instructor, grader or admin). */
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
export interface CreateGraderTokenRequest {
  workshops: string[];
}

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

/**
 * Wire types: every REST body and websocket message the lab server exchanges.
 * The browser code imports this module with `import type` only, so the site never
 * pulls in server logic. DESIGN.md ("Public HTTP API") describes the same contract.
 */
import type { ErrorCode } from './errors.ts';

export type Locale = 'en' | 'zh-cn';
export type Localized = Record<Locale, string>;

// ---- REST ----------------------------------------------------------------------

export interface ErrorBody {
  error: { code: ErrorCode; message: string };
}

export interface HealthResponse {
  ok: boolean;
  docker: {
    reachable: boolean;
    /** Engine version when reachable. */
    version: string | null;
    /** Why the engine is unreachable, with the socket tried and how to fix it. */
    reason?: string;
  };
  sandboxes: { running: number; max: number; warm: number };
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
}

export interface CreateSessionResponse {
  id: string;
  /** Bearer token that opens this session (and only this one). */
  token: string;
  lab: string;
  /** ISO time at which the sandbox is removed whatever happens (hard TTL). */
  expiresAt: string;
}

export type SessionStatus = 'starting' | 'ready' | 'failed' | 'ended';

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
  /** First message when the token is not in the URL. */
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
      reason?: string;
    }
  | { type: 'tasks'; tasks: TaskResult[] };

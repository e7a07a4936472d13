/** The session manager's public shapes: its limits, what a session is made of, its dependencies. */
import type { Generation } from '../generations.ts';
import type { Lab } from '../labs.ts';
import type { Logger } from '../logger.ts';
import type { CreateSessionResponse } from '../protocol.ts';
import type { SandboxDriver } from '../sandbox/driver.ts';
import type { SessionStore } from '../store/store.ts';
import type { RebuildStart } from './rebuild.ts';

export interface SessionLimits {
  maxSandboxes: number;
  maxSessionsPerClient: number;
  warmPool: number;
  idleTtlMs: number;
  hardTtlMs: number;
  /** What one extension adds to a session's hard end. */
  extendMs: number;
  /** How long a session may last at most, extensions included. */
  maxSessionMs: number;
  shutdownSandboxes: 'remove' | 'keep';
  /** How long another lab server sharing the store may go without registering before its sessions are ended. */
  serverLostMs: number;
}

/**
 * A workshop learner's session: opened by their own participant token (and,
 * read-only, by their instructor's secret), with the parameters drawn for them,
 * one live per lab (the database holds that across servers), no per-client limit.
 */
export interface SessionOwner {
  participantId: string;
  token: string;
  /** sha256 of the token that may watch read-only (the instructor secret's hash). */
  peekHash: string;
  params: Record<string, string>;
}

/** What a new session is made of: a lab, who asks, and options (a learner owner, …). */
export interface SessionRequest {
  lab: string;
  /** The client's address, for the per-client limit. */
  client: string;
  owner?: SessionOwner;
  /** The Docker generation of its machine; default: DEFAULT_GENERATION. */
  generation?: Generation;
  /** The ended session it rebuilds (its generation and parameters win), as planned. */
  rebuild?: RebuildStart;
}

/** A session as create() answers: new, or (for an owner) the live one they already have. */
export interface CreatedSession {
  session: CreateSessionResponse;
  created: boolean;
}

export interface SessionDeps {
  driver: SandboxDriver;
  store: SessionStore;
  labs: ReadonlyMap<string, Lab>;
  limits: SessionLimits;
  log: Logger;
  now: () => number;
  /** This server's INSTANCE name, stamped on its sessions. */
  instance: string;
  /** Each lab's solution.sh, which a rebuild falls back on. */
  solutions?: ReadonlyMap<string, string>;
}

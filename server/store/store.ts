/**
 * What the lab server persists. Repositories are written once over `Db`, a
 * minimal SQL connection with `?` placeholders, which has two adapters: the
 * embedded SQLite file (node:sqlite) and PostgreSQL (DATABASE_URL). So both
 * engines run the same repository code and the same migrations.
 */
import type { Generation } from '../generations.ts';
import type { SessionStatus, TaskResult } from '../protocol.ts';

export type SqlValue = string | number | null;
export type SqlRow = Record<string, SqlValue>;

/** One database connection (or pool), as the repositories see it. */
export interface Db {
  readonly dialect: 'sqlite' | 'postgres';
  /**
   * Runs one statement with `?` placeholders and returns its rows (none for
   * writes). BIGINT columns come back as numbers on both engines.
   */
  query<R extends SqlRow = SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<R[]>;
  /** Runs `fn` in one transaction, committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface SessionRow {
  id: string;
  /** sha256 of the bearer token that opens it (a learner's: their participant token), hex. */
  tokenHash: string;
  /** sha256 of a token that opens it read-only (a learner's instructor secret), or null. */
  peekHash: string | null;
  lab: string;
  /** Who asked for it (client address), for the per-client limit. */
  client: string;
  containerId: string | null;
  status: SessionStatus;
  reason: string | null;
  createdAt: number;
  expiresAt: number;
  endedAt: number | null;
  /** The lab parameters chosen for this session (e.g. its subnet). */
  params: Record<string, string>;
  /** The workshop learner who owns it; null for a reader of the public site. */
  participantId: string | null;
  /**
   * The lab server (its INSTANCE name) whose engine holds the sandbox; servers
   * sharing one PostgreSQL adopt and reap only their own sessions at start.
   */
  instance: string;
  /** The Docker generation the sandbox runs (server/generations.ts). */
  generation: Generation;
}

export interface SessionStore {
  /**
   * Inserts the session; false, inserting nothing, when its learner already has
   * a live session of that lab (the database's one-session lock, which holds
   * across lab servers).
   */
  insertSession(row: SessionRow): Promise<boolean>;
  updateSession(id: string, patch: Partial<Omit<SessionRow, 'id'>>): Promise<void>;
  getSession(id: string): Promise<SessionRow | undefined>;
  /** One server's sessions whose sandbox may still exist (starting or ready). */
  liveSessions(instance: string): Promise<SessionRow[]>;
  /**
   * Ends the live sessions of every lab server but `except` whose last
   * registration (servers.seen_at) is older than `seenBefore`: a starting one
   * fails, a ready one ends. One statement, so each row is returned once
   * however many servers ask at once; the rows as they now stand.
   */
  endSessionsOfLostServers(
    seenBefore: number,
    except: string,
    end: { reason: string; endedAt: number },
  ): Promise<SessionRow[]>;
  /** A learner's live session of a lab, on whichever server. */
  liveSessionOf(participantId: string, lab: string): Promise<SessionRow | undefined>;
  /** Keeps every check result: what the reader saw, and when. */
  recordChecks(sessionId: string, results: TaskResult[], at: number): Promise<void>;
  recordAnswer(
    sessionId: string,
    taskId: string,
    answer: string,
    passed: boolean,
    at: number,
  ): Promise<void>;
  /** Each task's latest result, and whether it ever passed. */
  taskHistory(sessionId: string): Promise<{ result: TaskResult; everPassed: boolean }[]>;
  /** Keeps the command log of a session's machine as it was removed. */
  saveJournal(sessionId: string, log: string, at: number): Promise<void>;
  /** The kept command log, or null when none was kept. */
  journal(sessionId: string): Promise<string | null>;
}

/**
 * What the lab server persists, behind one interface so that the embedded
 * SQLite store and (later) PostgreSQL share the code that uses it.
 */
import type { SessionStatus, TaskResult } from '../protocol.ts';

export interface SessionRow {
  id: string;
  /** sha256 of the bearer token, hex; the token itself is never stored. */
  tokenHash: string;
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
}

export interface SessionStore {
  insertSession(row: SessionRow): void;
  updateSession(id: string, patch: Partial<Omit<SessionRow, 'id'>>): void;
  getSession(id: string): SessionRow | undefined;
  /** Sessions whose sandbox may still exist (starting or ready). */
  liveSessions(): SessionRow[];
  /** Keeps every check result: what the reader saw, and when. */
  recordChecks(sessionId: string, results: TaskResult[], at: number): void;
  recordAnswer(sessionId: string, taskId: string, answer: string, passed: boolean, at: number): void;
  /** Each task's latest result, and whether it ever passed. */
  taskHistory(sessionId: string): { result: TaskResult; everPassed: boolean }[];
  close(): void;
}

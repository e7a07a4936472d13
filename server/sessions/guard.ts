/**
 * Ways into a session other than its own token. A workshop learner opens their
 * sessions with their participant token; the workshop's instructor may watch
 * them read-only (peek). The workshop service implements this; the session
 * manager only asks.
 */
import type { SessionRow } from '../store/store.ts';

export type SessionRole = 'owner' | 'peek';

export interface SessionGuard {
  /** What `token` may do with the session of `row`, or null when it opens nothing. */
  roleOf(row: SessionRow, token: string): Promise<SessionRole | null>;
}

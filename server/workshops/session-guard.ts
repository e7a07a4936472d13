/**
 * The workshop side of session access: a learner's participant token opens all
 * their own sessions; their instructor's secret opens them to watch (peek).
 * Built from the store alone, so that the session manager can have it at birth.
 */
import type { SessionGuard, SessionRole } from '../sessions/guard.ts';
import { tokenMatches } from '../sessions/tokens.ts';
import type { SessionRow } from '../store/store.ts';
import type { WorkshopStore } from '../store/workshop-store.ts';

export class WorkshopSessionGuard implements SessionGuard {
  private readonly store: WorkshopStore;

  constructor(store: WorkshopStore) {
    this.store = store;
  }

  async roleOf(row: SessionRow, token: string): Promise<SessionRole | null> {
    if (row.participantId === null) return null;
    const participant = await this.store.getParticipant(row.participantId);
    if (!participant) return null;
    if (tokenMatches(token, participant.tokenHash)) return 'owner';
    const workshop = await this.store.getWorkshop(participant.workshopId);
    return workshop && tokenMatches(token, workshop.instructorSecretHash) ? 'peek' : null;
  }
}

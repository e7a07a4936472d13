/**
 * A learner's lab sessions: one live session per learner and lab, made with the
 * parameters drawn for them at join, and reused while it lives. Learners of a
 * workshop share one address behind NAT, so the per-client limit does not apply
 * to them; this is their limit instead, held by the database.
 */
import { NetlabError } from '../errors.ts';
import { DEFAULT_GENERATION } from '../generations.ts';
import { type Lab, chooseParams } from '../labs.ts';
import type { CreateSessionResponse, Locale } from '../protocol.ts';
import type { CreatedSession, SessionManager } from '../sessions.ts';
import type { LearnerSessionRow, ParticipantRow, WorkshopRow } from '../store/workshop-store.ts';
import { workshopStatus } from './views.ts';

/** Refuses learners before the start (409) and after the end (410). */
export function requireOpen(workshop: WorkshopRow, now: number): void {
  const status = workshopStatus(workshop, now);
  if (status === 'ended') throw new NetlabError('NETLAB_ERR_WORKSHOP_ENDED');
  if (status === 'scheduled' && workshop.startsAt !== null) {
    throw new NetlabError(
      'NETLAB_ERR_WORKSHOP_NOT_STARTED',
      `This workshop starts at ${new Date(workshop.startsAt).toISOString()}; join then.`,
    );
  }
}

/** Lab defaults for everyone, or each learner's own draw of every lab's parameters. */
export function paramsFor(
  workshop: WorkshopRow,
  labs: ReadonlyMap<string, Lab>,
  random: () => number = Math.random,
): Record<string, Record<string, string>> {
  const params: Record<string, Record<string, string>> = {};
  for (const labId of workshop.labs) {
    const lab = labs.get(labId);
    if (lab) params[labId] = chooseParams(lab, workshop.randomParams ? random : () => 0);
  }
  return params;
}

/**
 * A session as the learner gets it: opened by their own participant token. A
 * workshop's sessions run the default Docker generation (the manager's default).
 */
export function sessionResponse(s: LearnerSessionRow, token: string): CreateSessionResponse {
  return {
    id: s.id,
    token,
    lab: s.lab,
    generation: DEFAULT_GENERATION,
    expiresAt: new Date(s.expiresAt).toISOString(),
  };
}

/**
 * The learner's session of a lab: their live one (on whichever server), or a
 * new one with their parameters. The database lets a learner have one live
 * session per lab, so a double click or two servers at once make one sandbox.
 */
export function openLearnerSession(
  sessions: Pick<SessionManager, 'create' | 'rebuild'>,
  labs: ReadonlyMap<string, Lab>,
  learner: Learner,
  labId: string,
  /** The learner's ended session of the lab to rebuild, if they asked for that. */
  rebuild?: { from: string; locale: Locale },
): Promise<CreatedSession> {
  const { workshop, participant } = learner;
  if (!workshop.labs.includes(labId)) {
    throw new NetlabError(
      'NETLAB_ERR_UNKNOWN_LAB',
      `The lab "${labId}" is not part of this workshop (${workshop.labs.join(', ')}).`,
    );
  }
  const lab = labs.get(labId);
  const params = participant.params[labId] ?? (lab ? chooseParams(lab, () => 0) : {});
  // The learner's own token opens all their sessions (and survives a reload of the page).
  const owner = {
    participantId: participant.id,
    token: learner.token,
    peekHash: workshop.instructorSecretHash,
    params,
  };
  if (rebuild)
    return sessions.rebuild(rebuild.from, {
      ...{ token: learner.token, client: learner.client, locale: rebuild.locale, owner },
    });
  return sessions.create({ lab: labId, client: learner.client, owner });
}

interface Learner {
  workshop: WorkshopRow;
  participant: ParticipantRow;
  token: string;
  client: string;
}

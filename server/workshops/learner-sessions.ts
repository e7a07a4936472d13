/**
 * A learner's lab sessions: one live session per learner and lab, made with the
 * parameters drawn for them at join, and reused while it lives. Learners of a
 * workshop share one address behind NAT, so the per-client limit does not apply
 * to them; this is their limit instead.
 */
import { NetlabError } from '../errors.ts';
import type { Lab } from '../grading/lab-schema.ts';
import { chooseParams } from '../grading/params.ts';
import { DEFAULT_GENERATION } from '../generations.ts';
import type { CreateSessionResponse } from '../protocol.ts';
import type { SessionManager } from '../sessions.ts';
import type {
  LearnerSessionRow,
  ParticipantRow,
  WorkshopRow,
  WorkshopStore,
} from '../store/workshop-store.ts';
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

export class LearnerSessions {
  private readonly deps: {
    store: WorkshopStore;
    sessions: SessionManager;
    labs: ReadonlyMap<string, Lab>;
  };
  /** One request per learner at a time, so that a double click makes one sandbox. */
  private readonly locks = new Map<string, Promise<unknown>>();

  constructor(deps: LearnerSessions['deps']) {
    this.deps = deps;
  }

  /** The learner's live session of the lab, or a new one (`created`). */
  open(
    workshop: WorkshopRow,
    participant: ParticipantRow,
    labId: string,
    token: string,
    client: string,
  ): Promise<{ session: CreateSessionResponse; created: boolean }> {
    if (!workshop.labs.includes(labId)) {
      throw new NetlabError(
        'NETLAB_ERR_UNKNOWN_LAB',
        `The lab "${labId}" is not part of this workshop (${workshop.labs.join(', ')}).`,
      );
    }
    return this.serialized(participant.id, async () => {
      const live = await this.deps.store.liveSessions(workshop.id, participant.id);
      const existing = live.find((s) => s.lab === labId);
      if (existing) return { session: sessionResponse(existing, token), created: false };
      const lab = this.deps.labs.get(labId);
      const params = participant.params[labId] ?? (lab ? chooseParams(lab, () => 0) : {});
      const created = await this.deps.sessions.create(labId, client, {
        participantId: participant.id,
        params,
      });
      // The learner's own token opens all their sessions (and survives a reload of the page).
      return { session: { ...created, token }, created: true };
    });
  }

  private serialized<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(key) ?? Promise.resolve();
    const result = previous.then(work, work);
    const settled = result.catch(() => undefined);
    this.locks.set(key, settled);
    void settled.then(() => {
      if (this.locks.get(key) === settled) this.locks.delete(key);
    });
    return result;
  }
}

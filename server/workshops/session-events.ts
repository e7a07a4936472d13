/**
 * The workshops' side of the session manager's events: each learner session
 * that starts, records results or ends on this server is written to the
 * workshops' own read model (store/learner-model.ts), and every server is told
 * over the bus so that dashboards re-read it. Sessions of readers of the
 * public site (no participant) are not a workshop's business.
 */
import type { SessionEvents } from '../sessions.ts';
import type { WorkshopStore } from '../store/workshop-store.ts';
import type { ProgressFeed } from './progress.ts';
import type { WorkshopSignal } from './signals.ts';

/** What the workshops need of the session manager's events. */
export interface SessionEventSource {
  on<K extends keyof SessionEvents>(
    name: K,
    listener: (event: SessionEvents[K]) => void | Promise<void>,
  ): () => void;
}

export interface FollowDeps {
  sessions: SessionEventSource;
  store: WorkshopStore;
  progress: Pick<ProgressFeed, 'recorded'>;
  /** Tells every server (WorkshopFanout.send). */
  signal: (signal: WorkshopSignal) => void;
}

/** Subscribes the read model to the session manager; returns the unsubscribe. */
export function followSessions(deps: FollowDeps): () => void {
  const { store, signal } = deps;
  // A participant never changes workshop, so the lookup is kept.
  const workshops = new Map<string, string>();
  const workshopOf = async (participantId: string): Promise<string | undefined> => {
    const known = workshops.get(participantId);
    if (known) return known;
    const participant = await store.getParticipant(participantId);
    if (participant) workshops.set(participantId, participant.workshopId);
    return participant?.workshopId;
  };
  const stops = [
    deps.sessions.on('started', async (e) => {
      const workshopId = e.participantId && (await workshopOf(e.participantId));
      if (!workshopId || !e.participantId) return;
      await store.learnerSessionStarted({
        ...{ sessionId: e.id, workshopId, participantId: e.participantId },
        ...{ lab: e.lab, expiresAt: e.expiresAt },
      });
      // The grid has a new peek link (or a new row).
      signal({ kind: 'snapshot', workshopId });
    }),
    deps.sessions.on('results', async (e) => {
      const workshopId = e.participantId && (await workshopOf(e.participantId));
      if (!workshopId || !e.participantId || !e.results.length) return;
      const { participantId, lab, results, at } = e;
      await store.recordStandings({ workshopId, participantId, lab, results, at });
      deps.progress.recorded(participantId, lab, results, at);
    }),
    deps.sessions.on('extended', async (e) => {
      if (e.participantId) await store.learnerSessionExtended(e.id, e.expiresAt);
    }),
    deps.sessions.on('ended', async (e) => {
      const workshopId = e.participantId && (await workshopOf(e.participantId));
      if (!workshopId || !e.participantId) return;
      await store.learnerSessionEnded(e.id);
      // Its peek link goes from the learner's row.
      signal({ kind: 'learner', workshopId, participantId: e.participantId });
    }),
  ];
  return () => {
    for (const stop of stops) stop();
  };
}

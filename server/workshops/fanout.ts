/**
 * From signals on the bus to this server's event streams. Every server keeps
 * the instructor and learner streams its own clients opened; a signal from any
 * server (this one included) is turned into the events those streams show,
 * re-read from the shared store, so a dashboard on one server sees learners
 * working on another.
 */
import type { Lab } from '../labs.ts';
import type { Logger } from '../logger.ts';
import type { LearnerEvent, WorkshopDashboard, WorkshopEvent } from '../protocol.ts';
import type { Bus } from '../store/bus.ts';
import type { WorkshopRow, WorkshopStore } from '../store/workshop-store.ts';
import { EventStreams } from './events.ts';
import { decodeSignal, encodeSignal, type WorkshopSignal } from './signals.ts';
import { columnsOf, learnerRow } from './views.ts';

export interface FanoutDeps {
  bus: Bus;
  store: WorkshopStore;
  labs: ReadonlyMap<string, Lab>;
  log: Logger;
  now: () => number;
  /** The instructor's whole grid, as the dashboard endpoint answers it. */
  dashboard: (workshop: WorkshopRow) => Promise<WorkshopDashboard>;
  /** Removes the sandboxes this server holds for a workshop's learners. */
  endLocalSessions: (workshopId: string) => Promise<void>;
}

export class WorkshopFanout {
  /** Instructor streams keyed by workshop id. */
  readonly instructors = new EventStreams<WorkshopEvent>();
  /** Learner streams keyed by workshop id. */
  readonly learners = new EventStreams<LearnerEvent>();
  private readonly deps: FanoutDeps;
  private readonly unsubscribe: () => void;

  constructor(deps: FanoutDeps) {
    this.deps = deps;
    this.unsubscribe = deps.bus.subscribe((message) => {
      const signal = decodeSignal(message);
      if (!signal) return;
      this.receive(signal).catch((error: unknown) => {
        deps.log.warn({ err: error, signal: signal.kind }, 'workshop signal failed');
      });
    });
  }

  /** Tells every server; the streams here hear of it through the bus too. */
  send(signal: WorkshopSignal): void {
    this.deps.bus.publish(encodeSignal(signal)).catch((error: unknown) => {
      this.deps.log.warn({ err: error, signal: signal.kind }, 'workshop signal not sent');
    });
  }

  close(): void {
    this.unsubscribe();
    this.instructors.close();
    this.learners.close();
  }

  private async receive(signal: WorkshopSignal): Promise<void> {
    const id = signal.workshopId;
    switch (signal.kind) {
      case 'snapshot':
        return this.snapshot(id);
      case 'learner':
        return this.learner(id, signal.participantId);
      case 'message':
        this.learners.publish(id, { type: 'message', message: signal.message });
        return;
      case 'webhook-failed':
        this.instructors.publish(id, { type: 'webhook-failed', failure: signal.failure });
        return;
      case 'ended': {
        await this.deps.endLocalSessions(id);
        const event = { type: 'ended', at: signal.at } as const;
        this.learners.publish(id, event);
        this.instructors.publish(id, event);
        return;
      }
    }
  }

  private async snapshot(workshopId: string): Promise<void> {
    if (!this.instructors.count(workshopId)) return;
    const workshop = await this.deps.store.getWorkshop(workshopId);
    if (!workshop) return;
    const dashboard = await this.deps.dashboard(workshop);
    this.instructors.publish(workshopId, { type: 'snapshot', dashboard });
  }

  private async learner(workshopId: string, participantId: string): Promise<void> {
    if (!this.instructors.count(workshopId)) return;
    const { store } = this.deps;
    const [workshop, participant] = await Promise.all([
      store.getWorkshop(workshopId),
      store.getParticipant(participantId),
    ]);
    if (!workshop || participant?.workshopId !== workshopId) return;
    const [standings, sessions] = await Promise.all([
      store.standings(workshopId, participantId),
      store.liveSessions(workshopId, this.deps.now(), participantId),
    ]);
    const learner = learnerRow(
      participant,
      standings,
      sessions,
      columnsOf(workshop, this.deps.labs),
    );
    this.instructors.publish(workshopId, { type: 'learner', learner });
  }
}

/**
 * From recorded check results to the instructor's screen and the webhook: a
 * learner's results are gathered for a moment (one signal per burst of checks),
 * then every server with the workshop's dashboard open is told to re-read the
 * learner's row, and each task that passed for the first time in that burst is
 * sent to the workshop's webhook.
 */
import type { Logger } from '../logger.ts';
import type { TaskResult } from '../protocol.ts';
import type { WorkshopStore } from '../store/workshop-store.ts';
import type { WorkshopSignal } from './signals.ts';
import { failureView } from './views.ts';
import { deliver, type DeliveryOptions } from './webhooks.ts';

/** How long shutdown waits for webhook calls still retrying. */
const CLOSE_WAIT_MS = 5000;
/** A receiver's error text is kept (and shown) up to this length. */
const ERROR_CHARS = 300;

/** A task that passed in a recorded batch, and when that batch was recorded. */
interface Passed {
  lab: string;
  task: string;
  at: number;
}

export interface ProgressDeps {
  store: WorkshopStore;
  /** Tells every server (WorkshopFanout.send). */
  signal: (signal: WorkshopSignal) => void;
  log: Logger;
  debounceMs: number;
  webhook: Omit<DeliveryOptions, 'fetch' | 'sleep'> & Partial<DeliveryOptions>;
}

export class ProgressFeed {
  private readonly deps: ProgressDeps;
  private readonly pending = new Map<string, { passed: Passed[]; timer: NodeJS.Timeout }>();
  private readonly deliveries = new Set<Promise<void>>();

  constructor(deps: ProgressDeps) {
    this.deps = deps;
  }

  /** Called with every batch of results recorded for a session; ignores non-workshop sessions. */
  recorded(participantId: string | null, lab: string, results: TaskResult[], at: number): void {
    if (participantId === null) return;
    let entry = this.pending.get(participantId);
    if (!entry) {
      const timer = setTimeout(() => void this.flush(participantId), this.deps.debounceMs);
      entry = { passed: [], timer };
      this.pending.set(participantId, entry);
    }
    for (const r of results) if (r.passed) entry.passed.push({ lab, task: r.id, at });
  }

  private async flush(participantId: string): Promise<void> {
    const entry = this.pending.get(participantId);
    this.pending.delete(participantId);
    try {
      const { store } = this.deps;
      const participant = await store.getParticipant(participantId);
      const workshop = participant && (await store.getWorkshop(participant.workshopId));
      if (!participant || !workshop) return;
      this.deps.signal({ kind: 'learner', workshopId: workshop.id, participantId });
      if (!workshop.webhookUrl || !workshop.webhookSecret) return;
      const standings = await store.standings(workshop.id, participant.id);
      // First passes only: the stored first pass is this very batch's time.
      for (const p of entry?.passed ?? []) {
        const s = standings.find((x) => x.lab === p.lab && x.task === p.task);
        if (s?.passedAt !== p.at) continue;
        this.track(
          this.send(workshop.id, workshop.webhookUrl, workshop.webhookSecret, {
            event: 'task.passed',
            workshopId: workshop.id,
            learner: { id: participant.id, name: participant.name },
            lab: p.lab,
            task: p.task,
            passedAt: new Date(p.at).toISOString(),
          }),
        );
      }
    } catch (error) {
      this.deps.log.error({ err: error, participant: participantId }, 'workshop progress failed');
    }
  }

  private async send(
    workshopId: string,
    url: string,
    secret: string,
    payload: Parameters<typeof deliver>[2],
  ): Promise<void> {
    const error = await deliver(url, secret, payload, {
      fetch: globalThis.fetch,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      ...this.deps.webhook,
    });
    if (error === null) return;
    const failure = {
      workshopId,
      participantId: payload.learner.id,
      task: `${payload.lab}/${payload.task}`,
      error: error.length > ERROR_CHARS ? `${error.slice(0, ERROR_CHARS - 1)}…` : error,
      at: Date.now(),
    };
    this.deps.log.warn({ workshop: workshopId, task: failure.task, error }, 'webhook failed');
    await this.deps.store.recordWebhookFailure(failure);
    this.deps.signal({
      kind: 'webhook-failed',
      workshopId,
      failure: failureView(failure, payload.learner.name),
    });
  }

  private track(delivery: Promise<void>): void {
    const settled = delivery.catch((error: unknown) => {
      this.deps.log.error({ err: error }, 'webhook delivery failed');
    });
    this.deliveries.add(settled);
    void settled.finally(() => this.deliveries.delete(settled));
  }

  /** Sends what is pending now; waits (a few seconds at most) for webhook calls in flight. */
  async close(): Promise<void> {
    const flushing = [...this.pending].map(([participantId, entry]) => {
      clearTimeout(entry.timer);
      return this.flush(participantId);
    });
    await Promise.all(flushing);
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise((resolve) => (timer = setTimeout(resolve, CLOSE_WAIT_MS)));
    await Promise.race([Promise.all(this.deliveries), limit]);
    clearTimeout(timer);
  }
}

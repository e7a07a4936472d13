/**
 * Pure helpers of the workshop pages (no DOM, no fetch): the links' hash parts,
 * the dashboard's state as events arrive, pass rates and "stuck" learners.
 * Unit-tested in tests/unit/client/workshop-model.test.ts.
 */
import type { LearnerRow, WorkshopDashboard, WorkshopEvent } from '../../../server/protocol.ts';

/** A learner's place: what the reopenable link `#p=<id>.<token>` carries. */
export interface Place {
  participantId: string;
  token: string;
}

/** Reads `#p=<id>.<token>` (the id never holds a dot; the token may). */
export function parsePlace(hash: string): Place | null {
  const value = new URLSearchParams(hash.replace(/^#/, '')).get('p');
  if (!value) return null;
  const dot = value.indexOf('.');
  if (dot <= 0 || dot === value.length - 1) return null;
  return { participantId: value.slice(0, dot), token: value.slice(dot + 1) };
}

export function placeHash(place: Place): string {
  return `#p=${encodeURIComponent(place.participantId)}.${encodeURIComponent(place.token)}`;
}

/** Reads the instructor secret from `#secret=<secret>`. */
export function parseSecret(hash: string): string | null {
  return new URLSearchParams(hash.replace(/^#/, '')).get('secret') || null;
}

/** Share of learners who passed each task, 0–1, keyed like LearnerRow.tasks. */
export function passRates(
  taskKeys: readonly string[],
  learners: readonly LearnerRow[],
): Record<string, number> {
  const rates: Record<string, number> = {};
  for (const key of taskKeys) {
    const passed = learners.filter((l) => l.tasks[key]?.passed).length;
    rates[key] = learners.length ? passed / learners.length : 0;
  }
  return rates;
}

/** The dashboard after one event; a `learner` event adds or replaces that row. */
export function applyEvent(
  dashboard: WorkshopDashboard | null,
  event: WorkshopEvent,
): WorkshopDashboard | null {
  if (event.type === 'snapshot') return event.dashboard;
  if (!dashboard) return null;
  switch (event.type) {
    case 'learner': {
      const index = dashboard.learners.findIndex((l) => l.id === event.learner.id);
      const learners =
        index < 0
          ? [...dashboard.learners, event.learner]
          : dashboard.learners.map((l, i) => (i === index ? event.learner : l));
      const keys = dashboard.tasks.map((t) => t.key);
      return { ...dashboard, learners, passRates: passRates(keys, learners) };
    }
    case 'webhook-failed':
      return { ...dashboard, webhookFailures: [event.failure, ...dashboard.webhookFailures] };
    case 'ended':
      return { ...dashboard, workshop: { ...dashboard.workshop, status: 'ended' } };
  }
}

/**
 * Whether a learner made no progress for `minutes` (and has tasks left):
 * the instructor may want to look over their shoulder.
 */
export function isStuck(
  learner: LearnerRow,
  taskKeys: readonly string[],
  now: number,
  minutes: number,
): boolean {
  if (taskKeys.length > 0 && taskKeys.every((k) => learner.tasks[k]?.passed)) return false;
  const since = Date.parse(learner.lastProgressAt);
  return Number.isFinite(since) && now - since >= minutes * 60_000;
}

/** "42%" for 0.42 (whole percent). */
export function percent(rate: number): string {
  return `${Math.round(rate * 100)}%`;
}

/** The grid as `learnerId → passed task keys`, what an export must agree with. */
export function passedByLearner(dashboard: WorkshopDashboard): Map<string, string[]> {
  return new Map(
    dashboard.learners.map((l) => [
      l.id,
      dashboard.tasks.map((t) => t.key).filter((k) => l.tasks[k]?.passed),
    ]),
  );
}

/** Turns an ISO time into the value of an `<input type="datetime-local">`, and back. */
export function toLocalInput(iso: string | null, offsetMinutes: number): string {
  if (!iso) return '';
  const ms = Date.parse(iso) - offsetMinutes * 60_000;
  return new Date(ms).toISOString().slice(0, 16);
}

/** A datetime-local value (local time) as an ISO time; undefined when empty or invalid. */
export function fromLocalInput(value: string, offsetMinutes: number): string | undefined {
  if (!value) return undefined;
  const ms = Date.parse(`${value}:00.000Z`);
  if (!Number.isFinite(ms)) return undefined;
  return new Date(ms + offsetMinutes * 60_000).toISOString();
}

/**
 * What the instructor, the learner and graders are shown, built from stored rows
 * by pure functions: the workshop summary, the learners × tasks grid, pass
 * rates and the flat results table (JSON or CSV).
 */
import type { Lab } from '../labs.ts';
import type {
  LearnerRow,
  TaskStanding,
  WorkshopDashboard,
  WorkshopResults,
  WorkshopStatus,
  WorkshopSummary,
} from '../protocol.ts';
import type {
  LearnerSessionRow,
  ParticipantRow,
  StandingRow,
  WebhookFailureRow,
  WorkshopRow,
} from '../store/workshop-store.ts';
import { toCsv } from './csv.ts';

export type Column = WorkshopDashboard['tasks'][number];

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export function workshopStatus(row: WorkshopRow, now: number): WorkshopStatus {
  if (row.endedAt !== null || (row.endsAt !== null && now >= row.endsAt)) return 'ended';
  return row.startsAt !== null && now < row.startsAt ? 'scheduled' : 'open';
}

export function summaryOf(row: WorkshopRow, now: number): WorkshopSummary {
  return {
    id: row.id,
    title: row.title,
    labs: row.labs,
    status: workshopStatus(row, now),
    startsAt: iso(row.startsAt),
    endsAt: iso(row.endsAt),
    capacity: row.capacity,
    randomParams: row.randomParams,
    message:
      row.message === null
        ? null
        : { text: row.message, at: iso(row.messageAt ?? row.createdAt) ?? '' },
  };
}

/** The grid's columns: every task of every lab, in the workshop's lab order. */
export function columnsOf(row: WorkshopRow, labs: ReadonlyMap<string, Lab>): Column[] {
  return row.labs.flatMap((labId) =>
    (labs.get(labId)?.tasks ?? []).map((task) => ({
      key: `${labId}/${task.id}`,
      lab: labId,
      task: task.id,
      title: task.title,
    })),
  );
}

const OPEN: TaskStanding = { passed: false, passedAt: null, attempts: 0, lastAt: null };

export function learnerRow(
  participant: ParticipantRow,
  standings: readonly StandingRow[],
  sessions: readonly LearnerSessionRow[],
  columns: readonly Column[],
): LearnerRow {
  const mine = new Map(
    standings
      .filter((s) => s.participantId === participant.id)
      .map((s) => [`${s.lab}/${s.task}`, s]),
  );
  const tasks: Record<string, TaskStanding> = {};
  let lastProgress = participant.joinedAt;
  for (const column of columns) {
    const s = mine.get(column.key);
    if (!s) {
      tasks[column.key] = { ...OPEN };
      continue;
    }
    if (s.passed && s.passedAt !== null) lastProgress = Math.max(lastProgress, s.passedAt);
    tasks[column.key] = {
      passed: s.passed,
      passedAt: s.passed ? iso(s.passedAt) : null,
      attempts: s.attempts,
      lastAt: iso(s.lastAt),
    };
  }
  const live: Record<string, string> = {};
  for (const s of sessions) if (s.participantId === participant.id) live[s.lab] = s.id;
  return {
    id: participant.id,
    name: participant.name,
    joinedAt: new Date(participant.joinedAt).toISOString(),
    lastProgressAt: new Date(lastProgress).toISOString(),
    tasks,
    sessions: live,
  };
}

export interface DashboardInput {
  workshop: WorkshopRow;
  participants: readonly ParticipantRow[];
  standings: readonly StandingRow[];
  sessions: readonly LearnerSessionRow[];
  failures: readonly WebhookFailureRow[];
  labs: ReadonlyMap<string, Lab>;
  now: number;
}

export function dashboardOf(input: DashboardInput): WorkshopDashboard {
  const columns = columnsOf(input.workshop, input.labs);
  const learners = input.participants.map((p) =>
    learnerRow(p, input.standings, input.sessions, columns),
  );
  const passRates: Record<string, number> = {};
  for (const column of columns) {
    const passed = learners.filter((l) => l.tasks[column.key]?.passed).length;
    passRates[column.key] = learners.length ? passed / learners.length : 0;
  }
  const names = new Map(input.participants.map((p) => [p.id, p.name]));
  return {
    workshop: summaryOf(input.workshop, input.now),
    tasks: columns,
    learners,
    passRates,
    webhookFailures: input.failures.map((f) => failureView(f, names.get(f.participantId) ?? '')),
  };
}

export function failureView(
  failure: WebhookFailureRow,
  learner: string,
): WorkshopDashboard['webhookFailures'][number] {
  return {
    at: new Date(failure.at).toISOString(),
    task: failure.task,
    learner,
    error: failure.error,
  };
}

/** One row per learner and task of the workshop, passed or not, in grid order. */
export function resultsOf(input: Omit<DashboardInput, 'sessions' | 'failures'>): WorkshopResults {
  const columns = columnsOf(input.workshop, input.labs);
  const results: WorkshopResults['results'] = [];
  for (const participant of input.participants) {
    const row = learnerRow(participant, input.standings, [], columns);
    for (const column of columns) {
      const standing = row.tasks[column.key] ?? OPEN;
      results.push({
        learner: participant.name,
        learnerId: participant.id,
        lab: column.lab,
        task: column.task,
        ...standing,
      });
    }
  }
  return { workshop: summaryOf(input.workshop, input.now), results };
}

const CSV_HEADER = [
  'learner',
  'learnerId',
  'lab',
  'task',
  'passed',
  'passedAt',
  'attempts',
  'lastAt',
];

export function resultsCsv(results: WorkshopResults): string {
  return toCsv(
    CSV_HEADER,
    results.results.map((r) => [
      r.learner,
      r.learnerId,
      r.lab,
      r.task,
      r.passed,
      r.passedAt,
      r.attempts,
      r.lastAt,
    ]),
  );
}

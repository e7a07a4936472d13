/**
 * `netlab grade`: grades a session or a whole workshop through a running lab
 * server's API (so it works against any deployment, SQLite or PostgreSQL, one
 * instance or several) and exits non-zero below a pass mark, for scripts.
 * Scoring is a pure function over what the API answered.
 */
import type { TaskResult, WorkshopResults } from '../protocol.ts';
import { apiRequest, type ApiTarget } from './api-client.ts';
import { renderTable } from './table.ts';

export interface Score {
  passed: number;
  total: number;
  /** Percent of tasks passed, 0–100, rounded down. */
  percent: number;
}

export function scoreOf(passedFlags: readonly boolean[]): Score {
  const passed = passedFlags.filter(Boolean).length;
  const total = passedFlags.length;
  return { passed, total, percent: total ? Math.floor((passed * 100) / total) : 0 };
}

export interface LearnerScore extends Score {
  learner: string;
  learnerId: string;
}

/** One score per learner of a workshop's results, in the order learners first appear. */
export function learnerScores(results: WorkshopResults['results']): LearnerScore[] {
  const byLearner = new Map<string, { learner: string; flags: boolean[] }>();
  for (const row of results) {
    const entry = byLearner.get(row.learnerId) ?? { learner: row.learner, flags: [] };
    entry.flags.push(row.passed);
    byLearner.set(row.learnerId, entry);
  }
  return [...byLearner].map(([learnerId, { learner, flags }]) => ({
    learnerId,
    learner,
    ...scoreOf(flags),
  }));
}

export interface GradeOptions extends ApiTarget {
  passMark: number;
  json: boolean;
  out: (line: string) => void;
}

/** `grade --session <id>`: runs every check now (POST …/check) and scores the session. */
export async function gradeSession(id: string, options: GradeOptions): Promise<number> {
  const { tasks } = await apiRequest<{ tasks: TaskResult[] }>(
    options,
    'POST',
    `/api/sessions/${encodeURIComponent(id)}/check`,
    {},
  );
  const score = scoreOf(tasks.map((t) => t.passed));
  const pass = score.percent >= options.passMark;
  if (options.json) {
    options.out(JSON.stringify({ session: id, ...score, passMark: options.passMark, pass, tasks }));
  } else {
    const rows = tasks.map((t) => [
      t.id,
      t.passed ? 'passed' : 'open',
      t.detail ? `expected ${t.detail.expected}, found ${t.detail.actual}` : '',
    ]);
    options.out(renderTable(['TASK', 'RESULT', 'DETAIL'], rows));
    options.out(summary(`session ${id}`, score, options.passMark));
  }
  return pass ? 0 : 1;
}

/** `grade --workshop <id>`: scores every learner from the stored results. */
export async function gradeWorkshop(id: string, options: GradeOptions): Promise<number> {
  const results = await apiRequest<WorkshopResults>(
    options,
    'GET',
    `/api/workshops/${encodeURIComponent(id)}/results`,
  );
  const scores = learnerScores(results.results);
  const below = scores.filter((s) => s.percent < options.passMark);
  if (options.json) {
    options.out(
      JSON.stringify({
        workshop: id,
        passMark: options.passMark,
        pass: below.length === 0,
        learners: scores.map((s) => ({ ...s, pass: s.percent >= options.passMark })),
      }),
    );
  } else {
    const rows = scores.map((s) => [
      s.learner,
      `${s.passed}/${s.total}`,
      `${s.percent}%`,
      s.percent >= options.passMark ? 'pass' : 'BELOW',
    ]);
    options.out(renderTable(['LEARNER', 'TASKS', 'SCORE', 'RESULT'], rows));
    options.out(
      `\n${results.workshop.title}: ${scores.length - below.length} of ${scores.length} learners at or above ${options.passMark}%`,
    );
  }
  return below.length ? 1 : 0;
}

function summary(what: string, score: Score, passMark: number): string {
  const verdict = score.percent >= passMark ? 'pass' : 'below the pass mark';
  return `\n${what}: ${score.passed}/${score.total} tasks (${score.percent}%), pass mark ${passMark}%: ${verdict}`;
}

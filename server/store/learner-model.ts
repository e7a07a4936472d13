/**
 * The workshops' own read model of their learners' work, over `Db`: each
 * learner's sessions (learner_sessions) and their standing on each task
 * (learner_tasks). The workshop service writes it from the session manager's
 * events (started, results, ended) on the server that holds the session, and
 * every server reads it for dashboards, results and webhooks; no query here
 * touches the session tables.
 */
import type { Db, SqlRow, SqlValue } from './store.ts';

/** One learner's record on one task, from every check and answer of their sessions. */
export interface StandingRow {
  participantId: string;
  lab: string;
  task: string;
  passed: boolean;
  passedAt: number | null;
  attempts: number;
  lastAt: number | null;
}

/** A live (starting or ready) session of a learner. */
export interface LearnerSessionRow {
  id: string;
  participantId: string;
  lab: string;
  expiresAt: number;
}

export interface LearnerSessionStarted {
  sessionId: string;
  workshopId: string;
  participantId: string;
  lab: string;
  expiresAt: number;
}

/** A batch of results recorded for one learner's session of one lab. */
export interface LearnerResults {
  workshopId: string;
  participantId: string;
  lab: string;
  results: readonly { id: string; passed: boolean }[];
  at: number;
}

export interface LearnerModelStore {
  learnerSessionStarted(row: LearnerSessionStarted): Promise<void>;
  learnerSessionEnded(sessionId: string): Promise<void>;
  learnerSessionExtended(sessionId: string, expiresAt: number): Promise<void>;
  /** Per lab, the learner's latest session that is no longer live (at `now`): what a rebuild brings back. */
  endedSessions(
    workshopId: string,
    participantId: string,
    now: number,
  ): Promise<Map<string, string>>;
  /** Adds a batch to the learner's standings: one more attempt per task, the first pass kept. */
  recordStandings(batch: LearnerResults): Promise<void>;
  /** Standings of every learner of a workshop (or one learner) on the tasks they were checked on. */
  standings(workshopId: string, participantId?: string): Promise<StandingRow[]>;
  /** Live sessions of a workshop's learners (or one learner's), not past their hard TTL at `now`. */
  liveSessions(
    workshopId: string,
    now: number,
    participantId?: string,
  ): Promise<LearnerSessionRow[]>;
  /**
   * Learner sessions still live although their workshop ended: the servers
   * holding them missed the "ended" signal (the sweep ends them).
   */
  orphanedSessions(now: number): Promise<string[]>;
}

export class LearnerModel implements LearnerModelStore {
  private readonly model: Db;

  constructor(db: Db) {
    this.model = db;
  }

  async learnerSessionStarted(row: LearnerSessionStarted): Promise<void> {
    await this.model.query(
      `INSERT INTO learner_sessions (session_id, workshop_id, participant_id, lab, expires_at, live)
       VALUES (?, ?, ?, ?, ?, 1) ON CONFLICT DO NOTHING`,
      [row.sessionId, row.workshopId, row.participantId, row.lab, row.expiresAt],
    );
  }

  async learnerSessionExtended(sessionId: string, expiresAt: number): Promise<void> {
    await this.model.query('UPDATE learner_sessions SET expires_at = ? WHERE session_id = ?', [
      expiresAt,
      sessionId,
    ]);
  }

  async endedSessions(
    workshopId: string,
    participantId: string,
    now: number,
  ): Promise<Map<string, string>> {
    const rows = await this.model.query(
      `SELECT session_id, lab FROM learner_sessions
        WHERE workshop_id = ? AND participant_id = ? AND (live = 0 OR expires_at <= ?)
        ORDER BY expires_at, session_id`,
      [workshopId, participantId, now],
    );
    // Ordered oldest first, so each lab keeps its latest.
    return new Map(rows.map((row) => [String(row.lab), String(row.session_id)]));
  }

  async learnerSessionEnded(sessionId: string): Promise<void> {
    await this.model.query('UPDATE learner_sessions SET live = 0 WHERE session_id = ?', [
      sessionId,
    ]);
  }

  recordStandings(batch: LearnerResults): Promise<void> {
    // One upsert per task: attempts add up, `passed` only ever turns on, the
    // earliest pass and the latest check are kept, in whatever order batches land.
    return this.model.transaction(async (tx) => {
      for (const r of batch.results) {
        await tx.query(
          `INSERT INTO learner_tasks (workshop_id, participant_id, lab, task, passed, passed_at, attempts, last_at)
           VALUES (?, ?, ?, ?, ?, ?, 1, ?)
           ON CONFLICT (participant_id, lab, task) DO UPDATE SET
             passed = CASE WHEN excluded.passed = 1 THEN 1 ELSE learner_tasks.passed END,
             passed_at = CASE
               WHEN learner_tasks.passed_at IS NULL THEN excluded.passed_at
               WHEN excluded.passed_at IS NOT NULL AND excluded.passed_at < learner_tasks.passed_at
                 THEN excluded.passed_at
               ELSE learner_tasks.passed_at END,
             attempts = learner_tasks.attempts + 1,
             last_at = CASE WHEN excluded.last_at > learner_tasks.last_at
               THEN excluded.last_at ELSE learner_tasks.last_at END`,
          [
            ...[batch.workshopId, batch.participantId, batch.lab, r.id],
            ...[r.passed ? 1 : 0, r.passed ? batch.at : null, batch.at],
          ],
        );
      }
    });
  }

  async standings(workshopId: string, participantId?: string): Promise<StandingRow[]> {
    const params: SqlValue[] = [workshopId];
    if (participantId !== undefined) params.push(participantId);
    const rows = await this.model.query(
      `SELECT participant_id, lab, task, passed, passed_at, attempts, last_at FROM learner_tasks
        WHERE workshop_id = ?${participantId === undefined ? '' : ' AND participant_id = ?'}`,
      params,
    );
    return rows.map(toStanding);
  }

  async liveSessions(
    workshopId: string,
    now: number,
    participantId?: string,
  ): Promise<LearnerSessionRow[]> {
    const params: SqlValue[] = [workshopId, now];
    if (participantId !== undefined) params.push(participantId);
    const rows = await this.model.query(
      `SELECT session_id, participant_id, lab, expires_at FROM learner_sessions
        WHERE workshop_id = ? AND live = 1 AND expires_at > ?${participantId === undefined ? '' : ' AND participant_id = ?'}
        ORDER BY expires_at, session_id`,
      params,
    );
    return rows.map((row) => ({
      id: String(row.session_id),
      participantId: String(row.participant_id),
      lab: String(row.lab),
      expiresAt: Number(row.expires_at),
    }));
  }

  async orphanedSessions(now: number): Promise<string[]> {
    // Past its hard TTL a session is gone whatever the row says (a server that died).
    const rows = await this.model.query(
      `SELECT ls.session_id AS session_id FROM learner_sessions ls
         JOIN workshops w ON w.id = ls.workshop_id
        WHERE ls.live = 1 AND ls.expires_at > ? AND w.ended_at IS NOT NULL`,
      [now],
    );
    return rows.map((row) => String(row.session_id));
  }
}

function toStanding(row: SqlRow): StandingRow {
  return {
    participantId: String(row.participant_id),
    lab: String(row.lab),
    task: String(row.task),
    passed: Number(row.passed) === 1,
    passedAt: row.passed_at == null ? null : Number(row.passed_at),
    attempts: Number(row.attempts),
    lastAt: row.last_at == null ? null : Number(row.last_at),
  };
}

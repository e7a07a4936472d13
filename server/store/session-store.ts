/**
 * Sessions, check results and answers, written once over `Db` so that SQLite
 * and PostgreSQL run the same statements.
 */
import { isGeneration } from '../generations.ts';
import type { TaskResult } from '../protocol.ts';
import type { Db, SessionRow, SessionStore, SqlRow, SqlValue } from './store.ts';

const COLUMNS: Record<keyof SessionRow, string> = {
  id: 'id',
  tokenHash: 'token_hash',
  peekHash: 'peek_hash',
  lab: 'lab',
  client: 'client',
  containerId: 'container_id',
  status: 'status',
  reason: 'reason',
  createdAt: 'created_at',
  expiresAt: 'expires_at',
  endedAt: 'ended_at',
  params: 'params',
  participantId: 'participant_id',
  instance: 'instance',
  generation: 'generation',
};

export class DbSessionStore implements SessionStore {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  async insertSession(row: SessionRow): Promise<boolean> {
    const keys = Object.keys(COLUMNS) as (keyof SessionRow)[];
    // Any unique index may refuse the row without an error on both engines;
    // the id is random, so only sessions_one_live_per_learner ever does.
    const inserted = await this.db.query(
      `INSERT INTO sessions (${keys.map((k) => COLUMNS[k]).join(', ')}) VALUES (${keys.map(() => '?').join(', ')})
       ON CONFLICT DO NOTHING RETURNING id`,
      keys.map((k) => toColumn(row[k])),
    );
    return inserted.length === 1;
  }

  async updateSession(id: string, patch: Partial<Omit<SessionRow, 'id'>>): Promise<void> {
    const keys = Object.keys(patch) as (keyof typeof patch)[];
    if (!keys.length) return;
    await this.db.query(
      `UPDATE sessions SET ${keys.map((k) => `${COLUMNS[k]} = ?`).join(', ')} WHERE id = ?`,
      [...keys.map((k) => toColumn(patch[k])), id],
    );
  }

  async getSession(id: string): Promise<SessionRow | undefined> {
    const [row] = await this.db.query('SELECT * FROM sessions WHERE id = ?', [id]);
    return row && toSession(row);
  }

  async liveSessions(instance: string): Promise<SessionRow[]> {
    const rows = await this.db.query(
      "SELECT * FROM sessions WHERE instance = ? AND status IN ('starting', 'ready') ORDER BY created_at, id",
      [instance],
    );
    return rows.map(toSession);
  }

  async endSessionsOfLostServers(
    seenBefore: number,
    except: string,
    end: { reason: string; endedAt: number },
  ): Promise<SessionRow[]> {
    const rows = await this.db.query(
      `UPDATE sessions
          SET status = CASE WHEN status = 'starting' THEN 'failed' ELSE 'ended' END,
              reason = ?, ended_at = ?
        WHERE status IN ('starting', 'ready') AND instance <> ?
          AND instance IN (SELECT instance FROM servers WHERE seen_at < ?)
       RETURNING *`,
      [end.reason, end.endedAt, except, seenBefore],
    );
    return rows.map(toSession);
  }

  async liveSessionOf(participantId: string, lab: string): Promise<SessionRow | undefined> {
    const [row] = await this.db.query(
      "SELECT * FROM sessions WHERE participant_id = ? AND lab = ? AND status IN ('starting', 'ready')",
      [participantId, lab],
    );
    return row && toSession(row);
  }

  async recordChecks(sessionId: string, results: TaskResult[], at: number): Promise<void> {
    if (!results.length) return;
    // One multi-row statement: atomic without a transaction, one round trip.
    await this.db.query(
      `INSERT INTO check_results (session_id, task_id, passed, detail, checked_at)
       VALUES ${results.map(() => '(?, ?, ?, ?, ?)').join(', ')}`,
      results.flatMap((r) => [
        sessionId,
        r.id,
        r.passed ? 1 : 0,
        r.detail ? JSON.stringify(r.detail) : null,
        at,
      ]),
    );
  }

  async recordAnswer(
    sessionId: string,
    taskId: string,
    answer: string,
    passed: boolean,
    at: number,
  ): Promise<void> {
    await this.db.query(
      'INSERT INTO answers (session_id, task_id, answer, passed, answered_at) VALUES (?, ?, ?, ?, ?)',
      [sessionId, taskId, answer, passed ? 1 : 0, at],
    );
  }

  async taskHistory(sessionId: string): Promise<{ result: TaskResult; everPassed: boolean }[]> {
    // Window functions rather than GROUP BY with bare columns, which
    // PostgreSQL rejects; both engines rank each task's results newest first.
    const rows = await this.db.query(
      `SELECT task_id, passed, detail, ever FROM (
         SELECT task_id, passed, detail,
                MAX(passed) OVER (PARTITION BY task_id) AS ever,
                ROW_NUMBER() OVER (PARTITION BY task_id ORDER BY checked_at DESC) AS n
           FROM check_results
          WHERE session_id = ?
       ) ranked
       WHERE n = 1
       ORDER BY task_id`,
      [sessionId],
    );
    return rows.map((row) => ({
      result: {
        id: String(row.task_id),
        passed: Number(row.passed) === 1,
        detail:
          row.detail === null ? null : (JSON.parse(String(row.detail)) as TaskResult['detail']),
      },
      everPassed: Number(row.ever) === 1,
    }));
  }

  async saveJournal(sessionId: string, log: string, at: number): Promise<void> {
    await this.db.query(
      `INSERT INTO session_journals (session_id, log, saved_at) VALUES (?, ?, ?)
       ON CONFLICT (session_id) DO UPDATE SET log = excluded.log, saved_at = excluded.saved_at`,
      [sessionId, log, at],
    );
  }

  async journal(sessionId: string): Promise<string | null> {
    const [row] = await this.db.query('SELECT log FROM session_journals WHERE session_id = ?', [
      sessionId,
    ]);
    return row ? String(row.log) : null;
  }
}

function toSession(row: SqlRow): SessionRow {
  return {
    id: String(row.id),
    tokenHash: String(row.token_hash),
    peekHash: nullableString(row.peek_hash),
    lab: String(row.lab),
    client: String(row.client),
    containerId: nullableString(row.container_id),
    status: String(row.status) as SessionRow['status'],
    reason: nullableString(row.reason),
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
    endedAt: row.ended_at == null ? null : Number(row.ended_at),
    params: JSON.parse(String(row.params ?? '{}')) as Record<string, string>,
    participantId: nullableString(row.participant_id),
    instance: String(row.instance),
    generation: isGeneration(row.generation) ? row.generation : 'docker-26',
  };
}

function nullableString(value: SqlValue | undefined): string | null {
  return value == null ? null : String(value);
}

/** Values as both engines store them: objects (params) as JSON text. */
function toColumn(value: SessionRow[keyof SessionRow] | undefined): SqlValue {
  if (value === undefined || value === null) return null;
  return typeof value === 'object' ? JSON.stringify(value) : value;
}

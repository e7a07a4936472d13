/**
 * The embedded store: SQLite through Node's built-in node:sqlite (no native
 * build step), one file under DATA_DIR, migrations applied at open.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { TaskResult } from '../protocol.ts';
import type { SessionRow, SessionStore } from './store.ts';
import { MIGRATIONS } from './migrations.ts';

const COLUMNS: Record<keyof SessionRow, string> = {
  id: 'id',
  tokenHash: 'token_hash',
  lab: 'lab',
  client: 'client',
  containerId: 'container_id',
  status: 'status',
  reason: 'reason',
  createdAt: 'created_at',
  expiresAt: 'expires_at',
  endedAt: 'ended_at',
  params: 'params',
};

type Row = Record<string, string | number | null>;

export class SqliteStore implements SessionStore {
  private readonly db: DatabaseSync;

  /** Opens (creating if needed) `<dataDir>/netlab.sqlite`; `:memory:` for tests. */
  constructor(dataDir: string) {
    let file = ':memory:';
    if (dataDir !== ':memory:') {
      mkdirSync(dataDir, { recursive: true });
      file = path.join(dataDir, 'netlab.sqlite');
    }
    this.db = new DatabaseSync(file);
    this.db.exec(
      'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;',
    );
    this.migrate();
  }

  private migrate(): void {
    this.db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
    const row = this.db.prepare('SELECT MAX(version) AS v FROM schema_version').get() as {
      v: number | null;
    };
    for (const [index, sql] of MIGRATIONS.entries()) {
      const version = index + 1;
      if (version <= (row.v ?? 0)) continue;
      this.db.exec('BEGIN');
      this.db.exec(sql);
      this.db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(version);
      this.db.exec('COMMIT');
    }
  }

  insertSession(row: SessionRow): void {
    const keys = Object.keys(COLUMNS) as (keyof SessionRow)[];
    this.db
      .prepare(
        `INSERT INTO sessions (${keys.map((k) => COLUMNS[k]).join(', ')}) VALUES (${keys.map(() => '?').join(', ')})`,
      )
      .run(...keys.map((k) => toColumn(row[k])));
  }

  updateSession(id: string, patch: Partial<Omit<SessionRow, 'id'>>): void {
    const keys = Object.keys(patch) as (keyof typeof patch)[];
    if (!keys.length) return;
    this.db
      .prepare(
        `UPDATE sessions SET ${keys.map((k) => `${COLUMNS[k]} = ?`).join(', ')} WHERE id = ?`,
      )
      .run(...keys.map((k) => toColumn(patch[k])), id);
  }

  getSession(id: string): SessionRow | undefined {
    const row = this.db.prepare('SELECT * FROM sessions WHERE id = ?').get(id) as Row | undefined;
    return row && toSession(row);
  }

  liveSessions(): SessionRow[] {
    const rows = this.db
      .prepare("SELECT * FROM sessions WHERE status IN ('starting', 'ready')")
      .all() as Row[];
    return rows.map(toSession);
  }

  recordChecks(sessionId: string, results: TaskResult[], at: number): void {
    const insert = this.db.prepare(
      'INSERT INTO check_results (session_id, task_id, passed, detail, checked_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.db.exec('BEGIN');
    for (const r of results) {
      insert.run(sessionId, r.id, r.passed ? 1 : 0, r.detail ? JSON.stringify(r.detail) : null, at);
    }
    this.db.exec('COMMIT');
  }

  recordAnswer(sessionId: string, taskId: string, answer: string, passed: boolean, at: number): void {
    this.db
      .prepare('INSERT INTO answers (session_id, task_id, answer, passed, answered_at) VALUES (?, ?, ?, ?, ?)')
      .run(sessionId, taskId, answer, passed ? 1 : 0, at);
  }

  taskHistory(sessionId: string): { result: TaskResult; everPassed: boolean }[] {
    const rows = this.db
      .prepare(
        `SELECT c.task_id, c.passed, c.detail,
                (SELECT MAX(passed) FROM check_results e WHERE e.session_id = c.session_id AND e.task_id = c.task_id) AS ever
           FROM check_results c
          WHERE c.session_id = ?
            AND c.checked_at = (SELECT MAX(checked_at) FROM check_results l
                                 WHERE l.session_id = c.session_id AND l.task_id = c.task_id)
          GROUP BY c.task_id`,
      )
      .all(sessionId) as Row[];
    return rows.map((row) => ({
      result: {
        id: String(row.task_id),
        passed: row.passed === 1,
        detail: row.detail === null ? null : (JSON.parse(String(row.detail)) as TaskResult['detail']),
      },
      everPassed: row.ever === 1,
    }));
  }

  close(): void {
    this.db.close();
  }
}

function toSession(row: Row): SessionRow {
  return {
    id: String(row.id),
    tokenHash: String(row.token_hash),
    lab: String(row.lab),
    client: String(row.client),
    containerId: row.container_id === null ? null : String(row.container_id),
    status: String(row.status) as SessionRow['status'],
    reason: row.reason === null ? null : String(row.reason),
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
    endedAt: row.ended_at === null ? null : Number(row.ended_at),
    params: JSON.parse(String(row.params ?? '{}')) as Record<string, string>,
  };
}

/** Values as SQLite stores them: objects (params) as JSON text. */
function toColumn(value: SessionRow[keyof SessionRow] | undefined): string | number | null {
  if (value === undefined || value === null) return null;
  return typeof value === 'object' ? JSON.stringify(value) : value;
}

/**
 * Schema migrations, applied in order at open; never edit a released entry, add
 * a new one. Plain SQL that SQLite and PostgreSQL both accept.
 */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE sessions (
     id TEXT PRIMARY KEY,
     token_hash TEXT NOT NULL,
     lab TEXT NOT NULL,
     client TEXT NOT NULL,
     container_id TEXT,
     status TEXT NOT NULL,
     reason TEXT,
     created_at BIGINT NOT NULL,
     expires_at BIGINT NOT NULL,
     ended_at BIGINT
   );
   CREATE INDEX sessions_status ON sessions (status);`,
  `ALTER TABLE sessions ADD COLUMN params TEXT NOT NULL DEFAULT '{}';
   CREATE TABLE check_results (
     session_id TEXT NOT NULL,
     task_id TEXT NOT NULL,
     passed INTEGER NOT NULL,
     detail TEXT,
     checked_at BIGINT NOT NULL
   );
   CREATE INDEX check_results_session ON check_results (session_id, task_id);
   CREATE TABLE answers (
     session_id TEXT NOT NULL,
     task_id TEXT NOT NULL,
     answer TEXT NOT NULL,
     passed INTEGER NOT NULL,
     answered_at BIGINT NOT NULL
   );
   CREATE INDEX answers_session ON answers (session_id, task_id);`,
];

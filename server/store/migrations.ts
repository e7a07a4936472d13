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
  `ALTER TABLE sessions ADD COLUMN participant_id TEXT;
   CREATE INDEX sessions_participant ON sessions (participant_id);`,
  // Workshops. Secrets and tokens are kept as sha256 hashes, except the webhook
  // secret, which must be known to sign. `joined` counts participants so that a
  // conditional UPDATE enforces the capacity atomically on both engines.
  `CREATE TABLE workshops (
     id TEXT PRIMARY KEY,
     code TEXT NOT NULL UNIQUE,
     title TEXT NOT NULL,
     labs TEXT NOT NULL,
     starts_at BIGINT,
     ends_at BIGINT,
     capacity INTEGER NOT NULL,
     joined INTEGER NOT NULL DEFAULT 0,
     random_params INTEGER NOT NULL,
     instructor_secret_hash TEXT NOT NULL,
     webhook_url TEXT,
     webhook_secret TEXT,
     ended_at BIGINT,
     message TEXT,
     message_at BIGINT,
     created_at BIGINT NOT NULL
   );
   CREATE TABLE participants (
     id TEXT PRIMARY KEY,
     workshop_id TEXT NOT NULL,
     name TEXT NOT NULL,
     token_hash TEXT NOT NULL,
     params TEXT NOT NULL,
     joined_at BIGINT NOT NULL
   );
   CREATE INDEX participants_workshop ON participants (workshop_id);
   CREATE UNIQUE INDEX participants_token ON participants (token_hash);
   CREATE TABLE grader_tokens (
     token_hash TEXT PRIMARY KEY,
     workshops TEXT NOT NULL,
     created_at BIGINT NOT NULL
   );
   CREATE TABLE webhook_failures (
     workshop_id TEXT NOT NULL,
     participant_id TEXT NOT NULL,
     task TEXT NOT NULL,
     error TEXT NOT NULL,
     failed_at BIGINT NOT NULL
   );
   CREATE INDEX webhook_failures_workshop ON webhook_failures (workshop_id, failed_at);`,
  // Several servers may share one PostgreSQL: each adopts only its own sessions.
  // Rows from before this column belong to the default instance.
  `ALTER TABLE sessions ADD COLUMN instance TEXT NOT NULL DEFAULT 'netlab';
   CREATE INDEX sessions_instance ON sessions (instance, status);`,
  // The Docker generation a session's machine runs (server/generations.ts).
  // Rows from before this column ran the only one there was, Docker 26.
  `ALTER TABLE sessions ADD COLUMN generation TEXT NOT NULL DEFAULT 'docker-26';`,
];

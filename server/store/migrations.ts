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
  // A learner's session opens with their participant token and, read-only, with
  // their instructor's secret: both hashes live on the session, so that the
  // session manager decides access without the workshop tables. One live
  // session per learner and lab is the database's rule (a partial unique index),
  // so that two servers cannot both start one; older duplicates end first.
  `ALTER TABLE sessions ADD COLUMN peek_hash TEXT;
   UPDATE sessions
      SET token_hash = (SELECT p.token_hash FROM participants p WHERE p.id = sessions.participant_id),
          peek_hash = (SELECT w.instructor_secret_hash FROM participants p
                         JOIN workshops w ON w.id = p.workshop_id
                        WHERE p.id = sessions.participant_id)
    WHERE participant_id IS NOT NULL
      AND EXISTS (SELECT 1 FROM participants p WHERE p.id = sessions.participant_id);
   UPDATE sessions
      SET status = 'ended', reason = 'a newer session of the same lab replaced it', ended_at = created_at
    WHERE participant_id IS NOT NULL AND status IN ('starting', 'ready')
      AND EXISTS (SELECT 1 FROM sessions o
                   WHERE o.participant_id = sessions.participant_id AND o.lab = sessions.lab
                     AND o.status IN ('starting', 'ready')
                     AND (o.created_at > sessions.created_at
                          OR (o.created_at = sessions.created_at AND o.id > sessions.id)));
   CREATE UNIQUE INDEX sessions_one_live_per_learner ON sessions (participant_id, lab)
    WHERE participant_id IS NOT NULL AND status IN ('starting', 'ready');`,
  // Workshops' own read model, kept from session events (started, results,
  // ended) instead of querying session tables: each learner's sessions and
  // their standing per task. Filled here from what the sessions recorded so far.
  `CREATE TABLE learner_sessions (
     session_id TEXT PRIMARY KEY,
     workshop_id TEXT NOT NULL,
     participant_id TEXT NOT NULL,
     lab TEXT NOT NULL,
     expires_at BIGINT NOT NULL,
     live INTEGER NOT NULL
   );
   CREATE INDEX learner_sessions_workshop ON learner_sessions (workshop_id, live);
   INSERT INTO learner_sessions (session_id, workshop_id, participant_id, lab, expires_at, live)
     SELECT s.id, p.workshop_id, s.participant_id, s.lab, s.expires_at,
            CASE WHEN s.status IN ('starting', 'ready') THEN 1 ELSE 0 END
       FROM sessions s JOIN participants p ON p.id = s.participant_id;
   CREATE TABLE learner_tasks (
     workshop_id TEXT NOT NULL,
     participant_id TEXT NOT NULL,
     lab TEXT NOT NULL,
     task TEXT NOT NULL,
     passed INTEGER NOT NULL,
     passed_at BIGINT,
     attempts INTEGER NOT NULL,
     last_at BIGINT,
     PRIMARY KEY (participant_id, lab, task)
   );
   CREATE INDEX learner_tasks_workshop ON learner_tasks (workshop_id);
   INSERT INTO learner_tasks (workshop_id, participant_id, lab, task, passed, passed_at, attempts, last_at)
     SELECT p.workshop_id, s.participant_id, s.lab, r.task_id, MAX(r.passed),
            MIN(CASE WHEN r.passed = 1 THEN r.checked_at END), COUNT(*), MAX(r.checked_at)
       FROM check_results r
       JOIN sessions s ON s.id = r.session_id
       JOIN participants p ON p.id = s.participant_id
      GROUP BY p.workshop_id, s.participant_id, s.lab, r.task_id;`,
  // Where each lab server can be reached by the others (INTERNAL_URL), so that
  // any server can serve any session by proxying to the one holding its machine.
  `CREATE TABLE servers (
     instance TEXT PRIMARY KEY,
     internal_url TEXT NOT NULL,
     seen_at BIGINT NOT NULL
   );`,
  // The Docker generation a session's machine runs (server/generations.ts).
  // Rows from before this column ran the only one there was, Docker 26.
  `ALTER TABLE sessions ADD COLUMN generation TEXT NOT NULL DEFAULT 'docker-26';`,
  // The command log of a session's machine, read as the machine was removed, so
  // that a rebuild can replay the reader's work (server/sessions/rebuild/).
  `CREATE TABLE session_journals (
     session_id TEXT PRIMARY KEY,
     log TEXT NOT NULL,
     saved_at BIGINT NOT NULL
   );`,
];

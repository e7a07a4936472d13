/**
 * Workshops, their participants, grader tokens and failed webhook calls, over
 * `Db`: the same SQL on SQLite and PostgreSQL. Learners' sessions and
 * standings are the workshops' own read model (learner-model.ts), kept from
 * session events; nothing here reads the session tables.
 */
import { LearnerModel, type LearnerModelStore } from './learner-model.ts';
import type { Db, SqlRow, SqlValue } from './store.ts';

export type { LearnerSessionRow, StandingRow } from './learner-model.ts';

export interface WorkshopRow {
  id: string;
  /** Join code, e.g. "K7Q-2MX"; unique. */
  code: string;
  title: string;
  labs: string[];
  startsAt: number | null;
  endsAt: number | null;
  capacity: number;
  randomParams: boolean;
  /** sha256 of the instructor secret, hex. */
  instructorSecretHash: string;
  webhookUrl: string | null;
  /** Kept in clear: it signs webhook calls. */
  webhookSecret: string | null;
  endedAt: number | null;
  message: string | null;
  messageAt: number | null;
  createdAt: number;
}

export interface ParticipantRow {
  id: string;
  workshopId: string;
  name: string;
  /** sha256 of the participant token, hex. */
  tokenHash: string;
  /** Lab parameters per lab id, chosen at join. */
  params: Record<string, Record<string, string>>;
  joinedAt: number;
}

export interface WebhookFailureRow {
  workshopId: string;
  participantId: string;
  /** "<lab>/<task>". */
  task: string;
  error: string;
  at: number;
}

export interface WorkshopStore extends LearnerModelStore {
  /** False when the code is taken (the caller picks another). */
  insertWorkshop(row: WorkshopRow): Promise<boolean>;
  getWorkshop(id: string): Promise<WorkshopRow | undefined>;
  getWorkshopByCode(code: string): Promise<WorkshopRow | undefined>;
  /** Adds the participant unless the workshop is at capacity; false when full. */
  addParticipant(row: ParticipantRow): Promise<boolean>;
  getParticipant(id: string): Promise<ParticipantRow | undefined>;
  getParticipantByTokenHash(tokenHash: string): Promise<ParticipantRow | undefined>;
  participants(workshopId: string): Promise<ParticipantRow[]>;
  endWorkshop(id: string, at: number): Promise<void>;
  /** Workshops past their end time that were not ended yet. */
  workshopsDue(now: number): Promise<WorkshopRow[]>;
  setMessage(id: string, text: string, at: number): Promise<void>;
  insertGraderToken(tokenHash: string, workshops: string[], at: number): Promise<void>;
  /** The workshops a grader token may read; undefined for an unknown token. */
  graderWorkshops(tokenHash: string): Promise<string[] | undefined>;
  recordWebhookFailure(row: WebhookFailureRow): Promise<void>;
  /** Newest first. */
  webhookFailures(workshopId: string, limit: number): Promise<WebhookFailureRow[]>;
}

const WORKSHOP_COLUMNS =
  'id, code, title, labs, starts_at, ends_at, capacity, random_params, instructor_secret_hash, webhook_url, webhook_secret, ended_at, message, message_at, created_at';

export class SqlWorkshopStore extends LearnerModel implements WorkshopStore {
  private readonly db: Db;

  constructor(db: Db) {
    super(db);
    this.db = db;
  }

  async insertWorkshop(row: WorkshopRow): Promise<boolean> {
    // Checked first rather than catching the engine's own unique-violation error,
    // which differs between SQLite and PostgreSQL; the UNIQUE index still guards.
    if (await this.getWorkshopByCode(row.code)) return false;
    await this.db.query(
      `INSERT INTO workshops (${WORKSHOP_COLUMNS}) VALUES (${WORKSHOP_COLUMNS.split(',')
        .map(() => '?')
        .join(', ')})`,
      [
        row.id,
        row.code,
        row.title,
        JSON.stringify(row.labs),
        row.startsAt,
        row.endsAt,
        row.capacity,
        row.randomParams ? 1 : 0,
        row.instructorSecretHash,
        row.webhookUrl,
        row.webhookSecret,
        row.endedAt,
        row.message,
        row.messageAt,
        row.createdAt,
      ],
    );
    return true;
  }

  async getWorkshop(id: string): Promise<WorkshopRow | undefined> {
    const [row] = await this.db.query(`SELECT ${WORKSHOP_COLUMNS} FROM workshops WHERE id = ?`, [
      id,
    ]);
    return row && toWorkshop(row);
  }

  async getWorkshopByCode(code: string): Promise<WorkshopRow | undefined> {
    const [row] = await this.db.query(`SELECT ${WORKSHOP_COLUMNS} FROM workshops WHERE code = ?`, [
      code,
    ]);
    return row && toWorkshop(row);
  }

  addParticipant(row: ParticipantRow): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      // One conditional UPDATE: atomic on both engines, so concurrent joins cannot overfill.
      const seat = await tx.query(
        'UPDATE workshops SET joined = joined + 1 WHERE id = ? AND joined < capacity RETURNING joined',
        [row.workshopId],
      );
      if (!seat.length) return false;
      await tx.query(
        'INSERT INTO participants (id, workshop_id, name, token_hash, params, joined_at) VALUES (?, ?, ?, ?, ?, ?)',
        [row.id, row.workshopId, row.name, row.tokenHash, JSON.stringify(row.params), row.joinedAt],
      );
      return true;
    });
  }

  async getParticipant(id: string): Promise<ParticipantRow | undefined> {
    const [row] = await this.db.query('SELECT * FROM participants WHERE id = ?', [id]);
    return row && toParticipant(row);
  }

  async getParticipantByTokenHash(tokenHash: string): Promise<ParticipantRow | undefined> {
    const [row] = await this.db.query('SELECT * FROM participants WHERE token_hash = ?', [
      tokenHash,
    ]);
    return row && toParticipant(row);
  }

  async participants(workshopId: string): Promise<ParticipantRow[]> {
    const rows = await this.db.query(
      'SELECT * FROM participants WHERE workshop_id = ? ORDER BY joined_at, id',
      [workshopId],
    );
    return rows.map(toParticipant);
  }

  async endWorkshop(id: string, at: number): Promise<void> {
    await this.db.query('UPDATE workshops SET ended_at = ? WHERE id = ? AND ended_at IS NULL', [
      at,
      id,
    ]);
  }

  async workshopsDue(now: number): Promise<WorkshopRow[]> {
    const rows = await this.db.query(
      `SELECT ${WORKSHOP_COLUMNS} FROM workshops
        WHERE ended_at IS NULL AND ends_at IS NOT NULL AND ends_at <= ?`,
      [now],
    );
    return rows.map(toWorkshop);
  }

  async setMessage(id: string, text: string, at: number): Promise<void> {
    await this.db.query('UPDATE workshops SET message = ?, message_at = ? WHERE id = ?', [
      text,
      at,
      id,
    ]);
  }

  async insertGraderToken(tokenHash: string, workshops: string[], at: number): Promise<void> {
    await this.db.query(
      'INSERT INTO grader_tokens (token_hash, workshops, created_at) VALUES (?, ?, ?)',
      [tokenHash, JSON.stringify(workshops), at],
    );
  }

  async graderWorkshops(tokenHash: string): Promise<string[] | undefined> {
    const [row] = await this.db.query('SELECT workshops FROM grader_tokens WHERE token_hash = ?', [
      tokenHash,
    ]);
    return row && (JSON.parse(String(row.workshops)) as string[]);
  }

  async recordWebhookFailure(row: WebhookFailureRow): Promise<void> {
    await this.db.query(
      'INSERT INTO webhook_failures (workshop_id, participant_id, task, error, failed_at) VALUES (?, ?, ?, ?, ?)',
      [row.workshopId, row.participantId, row.task, row.error, row.at],
    );
  }

  async webhookFailures(workshopId: string, limit: number): Promise<WebhookFailureRow[]> {
    const rows = await this.db.query(
      `SELECT * FROM webhook_failures WHERE workshop_id = ? ORDER BY failed_at DESC LIMIT ${Math.max(1, Math.floor(limit))}`,
      [workshopId],
    );
    return rows.map((row) => ({
      workshopId: String(row.workshop_id),
      participantId: String(row.participant_id),
      task: String(row.task),
      error: String(row.error),
      at: Number(row.failed_at),
    }));
  }
}

function nullableNumber(value: SqlValue | undefined): number | null {
  return value === null || value === undefined ? null : Number(value);
}

function nullableString(value: SqlValue | undefined): string | null {
  return value === null || value === undefined ? null : String(value);
}

function toWorkshop(row: SqlRow): WorkshopRow {
  return {
    id: String(row.id),
    code: String(row.code),
    title: String(row.title),
    labs: JSON.parse(String(row.labs)) as string[],
    startsAt: nullableNumber(row.starts_at),
    endsAt: nullableNumber(row.ends_at),
    capacity: Number(row.capacity),
    randomParams: Number(row.random_params) === 1,
    instructorSecretHash: String(row.instructor_secret_hash),
    webhookUrl: nullableString(row.webhook_url),
    webhookSecret: nullableString(row.webhook_secret),
    endedAt: nullableNumber(row.ended_at),
    message: nullableString(row.message),
    messageAt: nullableNumber(row.message_at),
    createdAt: Number(row.created_at),
  };
}

function toParticipant(row: SqlRow): ParticipantRow {
  return {
    id: String(row.id),
    workshopId: String(row.workshop_id),
    name: String(row.name),
    tokenHash: String(row.token_hash),
    params: JSON.parse(String(row.params)) as ParticipantRow['params'],
    joinedAt: Number(row.joined_at),
  };
}

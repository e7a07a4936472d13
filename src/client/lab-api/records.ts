/**
 * What the browser keeps in localStorage per lab: the live session
 * (`netlab:session:<lab>`, so a reload finds the same machine) and the last one
 * that ended without the reader ending it (`netlab:ended:<lab>`, whose token
 * asks the server to rebuild it). Both parse defensively: the storage is the
 * reader's and may hold anything, including records of older versions.
 */
import type { Generation } from '../../../server/generations.ts';

export interface StoredSession {
  id: string;
  token: string;
  lab: string;
  /** The Docker generation of its machine. */
  generation: Generation;
  expiresAt: string;
}

/** A session that ended by its time limit, idling or a failure: the server can rebuild it. */
export interface EndedSession extends StoredSession {
  /** The server's words for why it ended; null when it did not say. */
  reason: string | null;
}

export const SESSION_PREFIX = 'netlab:session:';
export const ENDED_PREFIX = 'netlab:ended:';

/**
 * The reason the server gives a session ended by DELETE (server/http/routes-sessions.ts):
 * the reader chose to throw its machine away, so it is not offered back.
 */
export const READER_ENDED_REASON = 'ended by the reader';

/** Generations this client knows how to ask for (the server's, server/generations.ts). */
const KNOWN_GENERATIONS: readonly string[] = ['docker-26', 'docker-28'] satisfies Generation[];

export function asGeneration(value: unknown): Generation | null {
  return typeof value === 'string' && KNOWN_GENERATIONS.includes(value)
    ? (value as Generation)
    : null;
}

/** A stored session record, or null when it is not one. */
export function parseSession(raw: string, lab: string): StoredSession | null {
  const value = parseObject(raw);
  if (
    typeof value?.id !== 'string' ||
    typeof value.token !== 'string' ||
    typeof value.expiresAt !== 'string'
  ) {
    return null;
  }
  return {
    id: value.id,
    token: value.token,
    lab,
    // Sessions stored before there was a choice ran the only generation there was.
    generation: asGeneration(value.generation) ?? 'docker-26',
    expiresAt: value.expiresAt,
  };
}

/** An ended session record, or null when it is not one. */
export function parseEnded(raw: string, lab: string): EndedSession | null {
  const session = parseSession(raw, lab);
  if (!session) return null;
  const reason = parseObject(raw)?.reason;
  return { ...session, reason: typeof reason === 'string' ? reason : null };
}

function parseObject(raw: string): Partial<Record<string, unknown>> | null {
  try {
    const value: unknown = JSON.parse(raw);
    return typeof value === 'object' && value !== null ? value : null;
  } catch {
    return null;
  }
}

/**
 * Letting a new session in: the per-client limit, the live session a workshop
 * learner already has, the sandbox it gets, and the row a new one starts as,
 * stored once. The manager supplies what it holds.
 */
import { NetlabError } from '../errors.ts';
import type { Generation } from '../generations.ts';
import { chooseParams, type Lab } from '../labs.ts';
import type { CreateSessionResponse } from '../protocol.ts';
import type { SandboxDriver, SandboxInfo } from '../sandbox/driver.ts';
import type { SessionRow, SessionStore } from '../store/store.ts';
import { isLive, type LiveSession } from './live.ts';
import { hashToken, randomId } from './tokens.ts';
import type { SessionOwner } from './types.ts';
import type { WarmPool } from './warm-pool.ts';

/** Refuses a client (an address) that already runs `max` live sessions. */
export function requireClientRoom(
  sessions: Iterable<LiveSession>,
  client: string,
  max: number,
): void {
  const mine = [...sessions].filter((s) => s.row.client === client && isLive(s.row));
  if (mine.length >= max) {
    throw new NetlabError(
      'NETLAB_ERR_CLIENT_LIMIT',
      `You already run ${mine.length} lab sessions, the most one client may run at once; end one first.`,
    );
  }
}

export interface RowFacts {
  lab: Lab;
  client: string;
  token: string;
  owner?: { participantId: string; peekHash: string; params: Record<string, string> } | undefined;
  /** Parameters it must have (a rebuild's, its old session's); default: drawn. */
  params?: Record<string, string> | undefined;
  /** A warm sandbox taken for it: its id was chosen with the sandbox. */
  warm?: SandboxInfo | undefined;
  now: number;
  hardTtlMs: number;
  instance: string;
  generation: Generation;
}

/** The row of a session about to start, its parameters drawn unless its owner has theirs. */
export function newSessionRow(f: RowFacts): SessionRow {
  return {
    id: f.warm?.sessionId ?? randomId(),
    tokenHash: hashToken(f.token),
    peekHash: f.owner?.peekHash ?? null,
    lab: f.lab.id,
    client: f.client,
    containerId: f.warm?.containerId ?? null,
    status: 'starting',
    reason: null,
    createdAt: f.now,
    expiresAt: f.now + f.hardTtlMs,
    endedAt: null,
    params: f.params ?? f.owner?.params ?? chooseParams(f.lab, Math.random),
    participantId: f.owner?.participantId ?? null,
    instance: f.instance,
    generation: f.generation,
  };
}

/** The live session a workshop learner already has in `lab`, opened by their token. */
export async function ownedSession(
  store: Pick<SessionStore, 'liveSessionOf'>,
  owner: SessionOwner,
  lab: string,
): Promise<CreateSessionResponse | undefined> {
  const row = await store.liveSessionOf(owner.participantId, lab);
  return (
    row && {
      id: row.id,
      token: owner.token,
      lab,
      generation: row.generation,
      expiresAt: new Date(row.expiresAt).toISOString(),
    }
  );
}

/** A warm sandbox, or room (and an engine that answers) to make one. */
export async function sandboxSlot(
  fromPool: boolean,
  on: {
    pool: Pick<WarmPool, 'take'>;
    driver: Pick<SandboxDriver, 'ping'>;
    max: number;
    count: () => number;
  },
): Promise<SandboxInfo | undefined> {
  const warm = fromPool ? on.pool.take() : undefined;
  if (warm) return warm;
  if (on.count() >= on.max) {
    throw new NetlabError(
      'NETLAB_ERR_CAPACITY',
      `All ${on.max} lab machines are in use; try again in a minute.`,
      { retryAfter: 60 },
    );
  }
  await on.driver.ping();
  return undefined;
}

/**
 * Stores a new session's row. When another request (on this server or
 * another) started this learner's session first, `drop` lets the new one go
 * and theirs is returned; any other failure to store drops it and throws.
 */
export async function insertRow(
  store: Pick<SessionStore, 'insertSession' | 'liveSessionOf'>,
  row: SessionRow,
  owner: SessionOwner | undefined,
  drop: () => void,
): Promise<CreateSessionResponse | undefined> {
  const inserted = await store.insertSession(row).catch((error: unknown) => {
    drop();
    throw error;
  });
  if (inserted) return undefined;
  drop();
  const theirs = owner && (await ownedSession(store, owner, row.lab));
  if (theirs) return theirs;
  throw new NetlabError('NETLAB_ERR_INTERNAL', 'The new session could not be stored.');
}

/**
 * Creating a workshop: checks it as the admin asked for it (beyond the JSON
 * schema: known labs, times that parse and come in order, a webhook URL over
 * HTTP(S)), then stores it under a free join code with fresh secrets.
 */
import { NetlabError } from '../errors.ts';
import type { Lab } from '../labs.ts';
import type { CreateWorkshopRequest, CreateWorkshopResponse } from '../protocol.ts';
import { hashToken, randomId, randomToken } from '../sessions/tokens.ts';
import type { WorkshopRow, WorkshopStore } from '../store/workshop-store.ts';
import { newJoinCode } from './codes.ts';

export type CreateFields = Pick<
  WorkshopRow,
  'title' | 'labs' | 'startsAt' | 'endsAt' | 'capacity' | 'randomParams' | 'webhookUrl'
>;

export function parseCreate(
  request: CreateWorkshopRequest,
  labs: ReadonlyMap<string, Lab>,
  now: number,
): CreateFields {
  const title = request.title.trim();
  if (!title) throw bad('The workshop needs a title.');
  const unknown = request.labs.filter((id) => !labs.has(id));
  if (unknown.length) {
    throw new NetlabError(
      'NETLAB_ERR_UNKNOWN_LAB',
      `There is no lab ${unknown.map((id) => `"${id}"`).join(', ')}; GET /api/labs lists them.`,
    );
  }
  const startsAt = time(request.startsAt, 'startsAt');
  const endsAt = time(request.endsAt, 'endsAt');
  if (endsAt !== null && endsAt <= (startsAt ?? now)) {
    throw bad('endsAt must come after startsAt (and after now).');
  }
  return {
    title,
    labs: [...new Set(request.labs)],
    startsAt,
    endsAt,
    capacity: request.capacity,
    randomParams: request.randomParams,
    webhookUrl: webhook(request.webhookUrl),
  };
}

function time(value: string | undefined, field: string): number | null {
  if (value === undefined) return null;
  const ms = Date.parse(value);
  if (Number.isNaN(ms))
    throw bad(`${field} is not a time: use ISO 8601, e.g. 2026-05-04T09:00:00Z.`);
  return ms;
}

function webhook(value: string | undefined): string | null {
  if (value === undefined) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw bad('webhookUrl is not a URL.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw bad('webhookUrl must be an http:// or https:// URL.');
  return url.href;
}

function bad(message: string): NetlabError {
  return new NetlabError('NETLAB_ERR_BAD_REQUEST', message);
}

/** Stores the workshop under a join code no other workshop has; the secrets are shown once. */
export async function insertWorkshop(
  store: WorkshopStore,
  fields: CreateFields,
  now: number,
): Promise<CreateWorkshopResponse> {
  const instructorSecret = randomToken();
  const webhookSecret = fields.webhookUrl ? randomToken() : null;
  const row: WorkshopRow = {
    ...fields,
    id: randomId(),
    code: '',
    instructorSecretHash: hashToken(instructorSecret),
    webhookSecret,
    endedAt: null,
    message: null,
    messageAt: null,
    createdAt: now,
  };
  for (let tries = 0; ; tries++) {
    row.code = newJoinCode();
    if (await store.insertWorkshop(row)) break;
    if (tries >= 20) throw new Error('could not find a free join code');
  }
  return {
    id: row.id,
    code: row.code,
    joinUrl: `/workshop/join/?code=${row.code}`,
    instructorSecret,
    instructorUrl: `/workshop/dashboard/?id=${row.id}#secret=${instructorSecret}`,
    webhookSecret,
  };
}

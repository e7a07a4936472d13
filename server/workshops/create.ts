/**
 * Checks a workshop as the admin asked for it (beyond the JSON schema): known
 * labs, times that parse and come in order, a webhook URL over HTTP(S).
 */
import { NetlabError } from '../errors.ts';
import type { Lab } from '../grading/lab-schema.ts';
import type { CreateWorkshopRequest } from '../protocol.ts';
import type { WorkshopRow } from '../store/workshop-store.ts';

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

/**
 * Where a request's bearer secret comes from: the Authorization header, or for
 * streams a one-time ticket in the URL (server/tickets.ts). A raw token in a
 * URL is refused rather than used, so that no client keeps leaking it.
 */
import type { FastifyRequest } from 'fastify';
import { NetlabError } from '../errors.ts';
import type { TicketGrant, TicketPurpose, Tickets } from '../tickets.ts';

/** Query parameters that once carried tokens. */
const SECRET_PARAMS = ['token', 'secret'];

/** The bearer token of a request (`Authorization: Bearer <token>`), if any. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}

/** The grant of the request's `?ticket=`, null without one; a token in the URL is refused. */
export function ticketGrant(
  request: FastifyRequest,
  tickets: Tickets,
  purpose: TicketPurpose,
  resource: string,
): TicketGrant | null {
  const query = (request.query ?? {}) as Record<string, unknown>;
  if (SECRET_PARAMS.some((name) => query[name] !== undefined))
    throw new NetlabError('NETLAB_ERR_SECRET_IN_URL');
  const ticket = query.ticket;
  if (ticket === undefined) return null;
  if (typeof ticket !== 'string') throw new NetlabError('NETLAB_ERR_BAD_TICKET');
  return tickets.redeem(ticket, purpose, resource);
}

/** A stream's token: from its ticket, else from the Authorization header. */
export function streamToken(
  request: FastifyRequest,
  tickets: Tickets,
  purpose: TicketPurpose,
  resource: string,
): string | undefined {
  return ticketGrant(request, tickets, purpose, resource)?.token ?? bearerToken(request);
}

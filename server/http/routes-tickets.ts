/**
 * The ticket endpoints (protocol.ts, "Tickets"): each checks the bearer token
 * as its stream would, then makes a one-time ticket for that stream, bound to
 * the session or workshop and to the role the token has there.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TicketResponse } from '../protocol.ts';
import type { SessionManager } from '../sessions.ts';
import type { TicketGrant, Tickets } from '../tickets.ts';
import type { WorkshopAccess } from '../workshops/access.ts';
import { bearerToken } from './auth.ts';

export interface TicketRouteDeps {
  tickets: Tickets;
  sessions: Pick<SessionManager, 'access'>;
  workshops: Pick<WorkshopAccess, 'instructor' | 'learner'>;
}

type WithId = { Params: { id: string } };

export function ticketRoutes(app: FastifyInstance, deps: TicketRouteDeps): void {
  const { tickets, sessions, workshops } = deps;
  const issue = (reply: FastifyReply, grant: TicketGrant): TicketResponse => {
    void reply.code(201).header('cache-control', 'no-store');
    return tickets.mint(grant);
  };

  app.post<WithId>('/api/sessions/:id/terminal/tickets', async (request, reply) => {
    const token = bearerToken(request) ?? '';
    const { readOnly } = await sessions.access(request.params.id, token);
    const role = readOnly ? 'peek' : 'owner';
    return issue(reply, { purpose: 'terminal', resource: request.params.id, role, token });
  });

  app.post<WithId>('/api/workshops/:id/events/tickets', async (request, reply) => {
    const token = bearerToken(request) ?? '';
    const workshop = await workshops.instructor(request.params.id, token);
    return issue(reply, {
      purpose: 'workshop-events',
      resource: workshop.id,
      role: 'instructor',
      token,
    });
  });

  app.post<WithId>('/api/workshops/:id/me/events/tickets', async (request, reply) => {
    const token = bearerToken(request) ?? '';
    const { workshop } = await workshops.learner(request.params.id, token);
    return issue(reply, {
      purpose: 'learner-events',
      resource: workshop.id,
      role: 'learner',
      token,
    });
  });
}

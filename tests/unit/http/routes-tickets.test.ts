/**
 * The ticket endpoints through Fastify's inject: each checks its token as its
 * stream would and makes a ticket bound to the stream, the resource and the
 * token's role. Session and workshop access are small fakes of the real ones'
 * contract (a token opens, peeks or is refused).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import Fastify from 'fastify';
import { NetlabError } from '../../../server/errors.ts';
import { installErrorHandler } from '../../../server/http/error-handler.ts';
import { ticketRoutes, type TicketRouteDeps } from '../../../server/http/routes-tickets.ts';
import type { ErrorBody, TicketResponse } from '../../../server/protocol.ts';
import type { SessionHandle } from '../../../server/sessions.ts';
import type { WorkshopRow } from '../../../server/store/workshop-store.ts';
import { Tickets } from '../../../server/tickets.ts';

function refusal(token: string | undefined): NetlabError {
  return new NetlabError(token ? 'NETLAB_ERR_FORBIDDEN' : 'NETLAB_ERR_UNAUTHORIZED');
}

// The routes only look at `readOnly` and the workshop's id; the rest of the rows is not theirs.
const session = {} as SessionHandle;
const workshop = { id: 'w1' } as WorkshopRow;

const fakes: Omit<TicketRouteDeps, 'tickets'> = {
  sessions: {
    access: (_id, token) =>
      token === 'reader' || token === 'instructor'
        ? Promise.resolve({ session, readOnly: token === 'instructor' })
        : Promise.reject(refusal(token)),
  },
  workshops: {
    instructor: (_id, token) =>
      token === 'instructor' ? Promise.resolve(workshop) : Promise.reject(refusal(token)),
    learner: (_id, token) =>
      token === 'learner'
        ? Promise.resolve({ workshop, participant: {} as never })
        : Promise.reject(refusal(token)),
  },
};

async function app() {
  const tickets = new Tickets({ now: Date.now });
  const a = Fastify();
  installErrorHandler(a);
  ticketRoutes(a, { ...fakes, tickets });
  await a.ready();
  const post = (url: string, token?: string) =>
    a.inject({
      method: 'POST',
      url,
      headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
    });
  return { tickets, post };
}

describe('ticketRoutes', () => {
  for (const [url, token, purpose, resource, role] of [
    ['/api/sessions/s1/terminal/tickets', 'reader', 'terminal', 's1', 'owner'],
    ['/api/sessions/s1/terminal/tickets', 'instructor', 'terminal', 's1', 'peek'],
    ['/api/workshops/w1/events/tickets', 'instructor', 'workshop-events', 'w1', 'instructor'],
    ['/api/workshops/w1/me/events/tickets', 'learner', 'learner-events', 'w1', 'learner'],
  ] as const) {
    test(`returns 201 and a ${purpose} ticket for the ${role} of ${resource}`, async () => {
      const { tickets, post } = await app();
      const r = await post(url, token);
      assert.equal(r.statusCode, 201);
      assert.equal(r.headers['cache-control'], 'no-store');
      const body = r.json<TicketResponse>();
      assert.ok(Date.parse(body.expiresAt) > Date.now());
      assert.deepEqual(tickets.redeem(body.ticket, purpose, resource), {
        purpose,
        resource,
        role,
        token,
      });
    });
  }

  for (const [url, token, status, code] of [
    ['/api/sessions/s1/terminal/tickets', undefined, 401, 'NETLAB_ERR_UNAUTHORIZED'],
    ['/api/sessions/s1/terminal/tickets', 'stranger', 403, 'NETLAB_ERR_FORBIDDEN'],
    ['/api/workshops/w1/events/tickets', 'learner', 403, 'NETLAB_ERR_FORBIDDEN'],
    ['/api/workshops/w1/me/events/tickets', 'instructor', 403, 'NETLAB_ERR_FORBIDDEN'],
  ] as const) {
    test(`answers ${status} ${code} to ${token ?? 'no token'} at ${url}, making no ticket`, async () => {
      const { tickets, post } = await app();
      const r = await post(url, token);
      assert.equal(r.statusCode, status);
      assert.equal(r.json<ErrorBody>().error.code, code);
      assert.equal(tickets.size, 0);
    });
  }
});

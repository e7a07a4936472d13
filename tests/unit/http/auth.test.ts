/**
 * Where a stream's token comes from: a one-time ticket in the URL, or the
 * Authorization header; never a token in the URL. Through Fastify's inject.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import Fastify from 'fastify';
import { streamToken } from '../../../server/http/auth.ts';
import { installErrorHandler } from '../../../server/http/error-handler.ts';
import type { ErrorBody } from '../../../server/protocol.ts';
import { Tickets, type TicketGrant } from '../../../server/tickets.ts';

async function app() {
  const tickets = new Tickets({ now: Date.now });
  const a = Fastify();
  installErrorHandler(a);
  a.get<{ Params: { id: string } }>('/w/:id/events', (request) => ({
    token: streamToken(request, tickets, 'workshop-events', request.params.id) ?? null,
  }));
  await a.ready();
  return { a, tickets };
}

describe('streamToken', () => {
  test("returns the ticket's token once, and the bearer header's without a ticket", async () => {
    const { a, tickets } = await app();
    const { ticket } = tickets.mint({
      purpose: 'workshop-events',
      resource: 'w1',
      role: 'instructor',
      token: 'the-secret',
    });
    const first = await a.inject({ url: `/w/w1/events?ticket=${ticket}` });
    assert.deepEqual(first.json(), { token: 'the-secret' });
    const again = await a.inject({ url: `/w/w1/events?ticket=${ticket}` });
    assert.equal(again.json<ErrorBody>().error.code, 'NETLAB_ERR_BAD_TICKET');
    const header = await a.inject({
      url: '/w/w1/events',
      headers: { authorization: 'Bearer from-header' },
    });
    assert.deepEqual(header.json(), { token: 'from-header' });
  });

  for (const query of ['secret=s3cr3t', 'token=t0k3n', 'token=t0k3n&ticket=x']) {
    test(`answers 400 NETLAB_ERR_SECRET_IN_URL to ?${query}`, async () => {
      const { a } = await app();
      const r = await a.inject({ url: `/w/w1/events?${query}` });
      assert.equal(r.statusCode, 400);
      assert.equal(r.json<ErrorBody>().error.code, 'NETLAB_ERR_SECRET_IN_URL');
    });
  }

  test('answers 401 NETLAB_ERR_BAD_TICKET to a ticket made for another workshop', async () => {
    const { a, tickets } = await app();
    const grant: TicketGrant = {
      purpose: 'workshop-events',
      resource: 'w2',
      role: 'instructor',
      token: 't',
    };
    const { ticket } = tickets.mint(grant);
    const r = await a.inject({ url: `/w/w1/events?ticket=${ticket}` });
    assert.equal(r.statusCode, 401);
    assert.equal(r.json<ErrorBody>().error.code, 'NETLAB_ERR_BAD_TICKET');
  });
});

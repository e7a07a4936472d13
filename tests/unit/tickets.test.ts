import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { NetlabError } from '../../server/errors.ts';
import { TICKET_TTL_MS } from '../../server/protocol.ts';
import { TICKETS_PER_OWNER, Tickets, type TicketGrant } from '../../server/tickets.ts';

const GRANT: TicketGrant = { purpose: 'terminal', resource: 's1', role: 'owner', token: 'tok' };

function book() {
  const clock = { now: 1_000_000 };
  return { tickets: new Tickets({ now: () => clock.now }), clock };
}

function refused(run: () => unknown): boolean {
  try {
    run();
    return false;
  } catch (error) {
    return error instanceof NetlabError && error.code === 'NETLAB_ERR_BAD_TICKET';
  }
}

describe('Tickets', () => {
  test('returns the grant once for its purpose and resource, then refuses it', () => {
    const { tickets } = book();
    const { ticket } = tickets.mint(GRANT);
    assert.deepEqual(tickets.redeem(ticket, 'terminal', 's1'), GRANT);
    assert.ok(refused(() => tickets.redeem(ticket, 'terminal', 's1')));
  });

  test('expires TICKET_TTL_MS after it was made, and says when', () => {
    const { tickets, clock } = book();
    const made = tickets.mint(GRANT);
    assert.equal(Date.parse(made.expiresAt), clock.now + TICKET_TTL_MS);
    const late = tickets.mint(GRANT);
    clock.now += TICKET_TTL_MS - 1;
    assert.deepEqual(tickets.redeem(made.ticket, 'terminal', 's1'), GRANT);
    clock.now += 1;
    assert.ok(refused(() => tickets.redeem(late.ticket, 'terminal', 's1')));
  });

  for (const [what, purpose, resource] of [
    ['another session', 'terminal', 's2'],
    ['another stream', 'workshop-events', 's1'],
  ] as const) {
    test(`refuses a ticket presented for ${what}, and spends it`, () => {
      const { tickets } = book();
      const { ticket } = tickets.mint(GRANT);
      assert.ok(refused(() => tickets.redeem(ticket, purpose, resource)));
      assert.ok(refused(() => tickets.redeem(ticket, 'terminal', 's1')));
    });
  }

  test('refuses a ticket it never made', () => {
    assert.ok(refused(() => book().tickets.redeem('made-up', 'terminal', 's1')));
  });

  test('forgets expired tickets as new ones are made', () => {
    const { tickets, clock } = book();
    for (let i = 0; i < 5; i++) tickets.mint({ ...GRANT, token: `t${i}` });
    clock.now += TICKET_TTL_MS;
    tickets.mint(GRANT);
    assert.equal(tickets.size, 1);
  });

  test("drops a token's oldest ticket past TICKETS_PER_OWNER, never another token's", () => {
    const { tickets } = book();
    const others = tickets.mint({ ...GRANT, token: 'someone else' });
    const first = tickets.mint(GRANT);
    for (let i = 0; i < TICKETS_PER_OWNER; i++) tickets.mint(GRANT);
    assert.equal(tickets.size, TICKETS_PER_OWNER + 1);
    assert.ok(refused(() => tickets.redeem(first.ticket, 'terminal', 's1')));
    assert.equal(tickets.redeem(others.ticket, 'terminal', 's1').token, 'someone else');
  });

  test('returns a ticket that is not the token, and differs every time', () => {
    const { tickets } = book();
    const a = tickets.mint(GRANT).ticket;
    const b = tickets.mint(GRANT).ticket;
    assert.notEqual(a, b);
    assert.ok(!a.includes(GRANT.token) && a.length >= 40);
  });
});

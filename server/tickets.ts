/**
 * One-time tickets, so that bearer secrets stay out of URLs. A browser's
 * EventSource (and a websocket client that cannot send headers) must put its
 * credential in the URL, where proxies, logs and browser history keep it. So a
 * holder of a token asks for a ticket with the token in its Authorization
 * header, and the URL carries the ticket instead: it opens one stream of one
 * session or workshop, in the role it was made for, once, within
 * TICKET_TTL_MS. Redeeming it hands back the token, so the stream is
 * authorized exactly as if the header had been sent (a session that ended
 * since, or a workshop, still refuses).
 *
 * Kept in this process's memory only, by hash, and never logged: a ticket is
 * redeemed on the server that made it, which a sticky proxy ensures.
 */
import { NetlabError } from './errors.ts';
import { TICKET_TTL_MS } from './protocol.ts';
import { hashToken, randomToken } from './sessions/tokens.ts';

/** The stream a ticket opens. */
export type TicketPurpose = 'terminal' | 'workshop-events' | 'learner-events';

export interface TicketGrant {
  purpose: TicketPurpose;
  /** The session or workshop id in the stream's URL. */
  resource: string;
  /** What the token was found to be when the ticket was made, e.g. owner or peek. */
  role: string;
  token: string;
}

interface Entry {
  grant: TicketGrant;
  owner: string;
  expiresAt: number;
}

/** Unredeemed tickets one token may hold for one stream; making more drops its oldest. */
export const TICKETS_PER_OWNER = 16;

export class Tickets {
  private readonly entries = new Map<string, Entry>();
  private readonly owners = new Map<string, string[]>();
  private readonly now: () => number;
  private readonly ttlMs: number;

  constructor(deps: { now: () => number; ttlMs?: number }) {
    this.now = deps.now;
    this.ttlMs = deps.ttlMs ?? TICKET_TTL_MS;
  }

  /** How many tickets are waiting to be redeemed. */
  get size(): number {
    return this.entries.size;
  }

  mint(grant: TicketGrant): { ticket: string; expiresAt: string } {
    this.prune();
    const ticket = randomToken();
    const key = hashToken(ticket);
    // Per token and stream, so that one holder can only ever crowd out their own tickets.
    const owner = `${grant.purpose}:${grant.resource}:${hashToken(grant.token)}`;
    const held = this.owners.get(owner) ?? [];
    if (held.length >= TICKETS_PER_OWNER) this.remove(held[0] ?? '');
    const expiresAt = this.now() + this.ttlMs;
    this.entries.set(key, { grant, owner, expiresAt });
    this.owners.set(owner, [...(this.owners.get(owner) ?? []), key]);
    return { ticket, expiresAt: new Date(expiresAt).toISOString() };
  }

  /** The grant of a ticket presented for `purpose` on `resource`; spent whatever the outcome. */
  redeem(ticket: string, purpose: TicketPurpose, resource: string): TicketGrant {
    const key = hashToken(ticket);
    const entry = this.entries.get(key);
    this.remove(key);
    if (
      !entry ||
      entry.expiresAt <= this.now() ||
      entry.grant.purpose !== purpose ||
      entry.grant.resource !== resource
    )
      throw new NetlabError('NETLAB_ERR_BAD_TICKET');
    return entry.grant;
  }

  /** Drops expired tickets; they expire in the order they were made (one TTL for all). */
  private prune(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt > now) break;
      this.remove(key);
    }
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    const left = (this.owners.get(entry.owner) ?? []).filter((k) => k !== key);
    if (left.length) this.owners.set(entry.owner, left);
    else this.owners.delete(entry.owner);
  }
}

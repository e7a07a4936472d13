/**
 * The DNS-rebinding guard: a page on evil.example whose name is re-pointed at
 * this server still sends `Host: evil.example`, so a request is answered only
 * when its Host is a name the server serves. Loopback names and IP addresses
 * always pass (rebinding needs a DNS name the attacker controls, so a request
 * addressed by IP or to localhost cannot be one); any other name must be in
 * ALLOWED_HOSTS, where ".example.com" covers example.com and its subdomains.
 */
import { isIP } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { NetlabError } from '../errors.ts';

/** A Host header: a name or an IPv4 address, or a bracketed IPv6 address, and an optional port. */
const HOST_HEADER = /^(\[[0-9a-f:.]+\]|[a-z0-9._-]+)(?::\d{1,5})?$/i;
const LOOPBACK_NAMES = new Set(['localhost']);
/** How much of a refused name the error repeats. */
const SHOWN = 100;

/** The name a Host header addresses (lowercase, no port, no trailing dot), or null when malformed. */
export function hostName(header: string | undefined): string | null {
  const match = header ? HOST_HEADER.exec(header) : null;
  if (!match?.[1]) return null;
  return match[1].toLowerCase().replace(/\.$/, '');
}

/** Whether a request addressed to `header` may be answered. */
export function hostAllowed(header: string | undefined, allowed: readonly string[]): boolean {
  const name = hostName(header);
  if (name === null) return false;
  if (isIP(name.replace(/^\[|\]$/g, '')) || LOOPBACK_NAMES.has(name)) return true;
  return allowed.some((entry) => {
    const wanted = entry.replace(/\.$/, '');
    return wanted.startsWith('.')
      ? name === wanted.slice(1) || name.endsWith(wanted)
      : name === wanted;
  });
}

/** Refuses every request (the terminal's upgrade included) whose Host is not served here. */
export function installHostCheck(app: FastifyInstance, allowed: readonly string[]): void {
  app.addHook('onRequest', (request, reply, done) => {
    // request.host is X-Forwarded-Host when a trusted proxy sent one: the name the browser used.
    if (hostAllowed(request.host, allowed)) {
      done();
      return;
    }
    const shown = request.host.slice(0, SHOWN);
    // A refused websocket upgrade has no HTTP server behind its socket to end it after the
    // answer (this hook runs before @fastify/websocket's, which would), so end it here.
    if (request.headers.upgrade !== undefined)
      reply.raw.once('finish', () => request.raw.socket.destroy());
    done(
      new NetlabError(
        'NETLAB_ERR_BAD_HOST',
        `This lab server does not answer to "${shown}"; its operator lists the names it serves in ALLOWED_HOSTS.`,
      ),
    );
  });
}

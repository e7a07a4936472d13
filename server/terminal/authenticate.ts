/**
 * Who opens a terminal, in two steps. Before the websocket upgrade, what can
 * be refused with an HTTP status is: a bad Origin, a token in the URL, a ticket
 * that does not open this session, an address already holding the most sockets
 * that wait to authenticate. After it, the session comes from the redeemed
 * ticket, or from the first message (`{"type":"auth"}`, as browsers send it).
 */
import type { WebSocket } from '@fastify/websocket';
import type { FastifyRequest } from 'fastify';
import { NetlabError } from '../errors.ts';
import { ticketGrant } from '../http/auth.ts';
import type { SessionHandle, SessionManager } from '../sessions.ts';
import type { Tickets } from '../tickets.ts';
import { parseClientMessage } from './messages.ts';
import { originAllowed } from './origin.ts';
import type { PendingAuth } from './pending-auth.ts';

export interface TerminalAccess {
  session: SessionHandle;
  /** An instructor's peek: read-only, with slots of its own. */
  readOnly: boolean;
  /** The bearer token that opened it, for the holder when the terminal is forwarded. */
  token: string;
}

export interface TerminalAuthDeps {
  sessions: Pick<SessionManager, 'access'>;
  tickets: Tickets;
  pending: PendingAuth;
  allowedOrigins: readonly string[];
  /** How long a socket may stay open before its first message. */
  authTimeoutMs: number;
}

type Request = FastifyRequest<{ Params: { id: string } }>;

export class TerminalAuth {
  private readonly deps: TerminalAuthDeps;
  /** Access decided before the upgrade, by a ticket, for the handler to pick up. */
  private readonly granted = new WeakMap<object, TerminalAccess>();

  constructor(deps: TerminalAuthDeps) {
    this.deps = deps;
  }

  /** Refuses, with an HTTP answer, what need not be upgraded at all. */
  async beforeUpgrade(request: Request): Promise<void> {
    const { headers, params } = request;
    if (!originAllowed(headers.origin, headers.host, this.deps.allowedOrigins))
      throw new NetlabError('NETLAB_ERR_BAD_ORIGIN');
    const grant = ticketGrant(request, this.deps.tickets, 'terminal', params.id);
    if (grant) {
      const access = await this.deps.sessions.access(params.id, grant.token);
      // The role it had when the ticket was made, or the ticket is no good.
      if (access.readOnly !== (grant.role === 'peek'))
        throw new NetlabError('NETLAB_ERR_BAD_TICKET');
      this.granted.set(request.raw, { ...access, token: grant.token });
    } else if (!this.deps.pending.hasRoom(request.ip)) {
      throw new NetlabError('NETLAB_ERR_TOO_MANY_PENDING');
    }
  }

  /** The session the upgraded socket opens: the ticket's, or the first message's. */
  async afterUpgrade(socket: WebSocket, request: Request): Promise<TerminalAccess> {
    const granted = this.granted.get(request.raw);
    this.granted.delete(request.raw);
    if (granted) return granted;
    const { pending } = this.deps;
    // Sockets upgraded together can all pass beforeUpgrade; the slot is what counts.
    if (!pending.acquire(request.ip)) throw new NetlabError('NETLAB_ERR_TOO_MANY_PENDING');
    try {
      const token = await firstMessageToken(socket, this.deps.authTimeoutMs);
      const access = await this.deps.sessions.access(request.params.id, token);
      return { ...access, token: token ?? '' };
    } finally {
      pending.release(request.ip);
    }
  }
}

/** The token of the socket's first message, if it is `auth`; undefined after the timeout or a close. */
function firstMessageToken(socket: WebSocket, timeoutMs: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const done = (token: string | undefined): void => {
      clearTimeout(timer);
      socket.off('message', onMessage);
      socket.off('close', onClose);
      resolve(token);
    };
    const onMessage = (data: Buffer, isBinary: boolean): void => {
      const message = isBinary ? null : parseClientMessage(data.toString('utf8'));
      done(message?.type === 'auth' ? message.token : undefined);
    };
    const onClose = (): void => done(undefined);
    const timer = setTimeout(() => done(undefined), timeoutMs);
    socket.on('message', onMessage);
    socket.on('close', onClose);
  });
}

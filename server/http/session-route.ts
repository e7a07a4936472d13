/**
 * The common start of every route on one session: the session the URL names,
 * opened by the request's bearer token; if another lab server holds its
 * machine, the request is answered there (forward.ts) and the route's own
 * work does not run here.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SessionHandle, SessionManager } from '../sessions.ts';
import { bearerToken } from './auth.ts';
import type { Peers } from './forward.ts';

export interface SessionRouteDeps {
  sessions: Pick<SessionManager, 'authorize'>;
  peers: Pick<Peers, 'forward'>;
}

type SessionRequest = FastifyRequest<{ Params: { id: string } }>;

/** Runs `work` on the request's session here, or forwards the request to its holder. */
export function onSession(deps: SessionRouteDeps) {
  return async <R>(
    request: SessionRequest,
    reply: FastifyReply,
    work: (session: SessionHandle) => Promise<R> | R,
  ): Promise<R | FastifyReply> => {
    const session = await deps.sessions.authorize(request.params.id, bearerToken(request));
    if (session.local) return work(session);
    await deps.peers.forward(request, reply, session.instance);
    return reply;
  };
}

import type { FastifyInstance } from 'fastify';
import { NetlabError } from '../errors.ts';
import {
  createSessionRequest,
  type CreateSessionRequest,
  type CreateSessionResponse,
  type ExtendResponse,
  type RebuildResponse,
  type SessionView,
} from '../protocol.ts';
import { bearerToken } from './auth.ts';
import { localeOf } from './routes-checks.ts';
import type { SessionManager } from '../sessions.ts';
import type { Peers } from './forward.ts';
import { onSession } from './session-route.ts';
import { jsonSchema } from './route-schema.ts';

export function sessionRoutes(
  app: FastifyInstance,
  deps: {
    sessions: Pick<SessionManager, 'create' | 'authorize' | 'end' | 'rebuild' | 'extend'>;
    peers: Pick<Peers, 'forward'>;
  },
): void {
  const { sessions } = deps;
  const served = onSession(deps);

  app.post<{ Body: CreateSessionRequest }>(
    '/api/sessions',
    { schema: { body: jsonSchema(createSessionRequest) } },
    async (request, reply): Promise<CreateSessionResponse> => {
      const { lab, generation } = request.body;
      const { session } = await sessions.create({
        lab,
        client: request.ip,
        ...(generation && { generation }),
      });
      void reply.code(201).header('location', `/api/sessions/${session.id}`);
      return session;
    },
  );

  app.get<{ Params: { id: string } }>('/api/sessions/:id', (request, reply) =>
    served(request, reply, (session): SessionView => session.view()),
  );

  app.delete<{ Params: { id: string } }>('/api/sessions/:id', (request, reply) =>
    served(request, reply, async (session) => {
      await sessions.end(session.id, 'ended', 'ended by the reader');
      return reply.code(204).send();
    }),
  );

  app.post<{ Params: { id: string } }>(
    '/api/sessions/:id/rebuild',
    async (request, reply): Promise<RebuildResponse> => {
      const { session, rebuiltFrom } = await sessions.rebuild(request.params.id, {
        token: bearerToken(request),
        client: request.ip,
        locale: localeOf(request),
      });
      void reply.code(201).header('location', `/api/sessions/${session.id}`);
      return { ...session, rebuiltFrom };
    },
  );

  app.post<{ Params: { id: string } }>('/api/sessions/:id/extend', (request, reply) =>
    served(request, reply, async (session): Promise<ExtendResponse> => {
      const { expiresAt, extendableUntil } = await sessions.extend(session.id);
      return {
        expiresAt: new Date(expiresAt).toISOString(),
        extendableUntil: new Date(extendableUntil).toISOString(),
      };
    }),
  );

  app.all('/api/*', () => {
    throw new NetlabError('NETLAB_ERR_NOT_FOUND');
  });
}

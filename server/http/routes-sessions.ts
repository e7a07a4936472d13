import type { FastifyInstance, FastifyRequest } from 'fastify';
import { NetlabError } from '../errors.ts';
import {
  createSessionRequest,
  type CreateSessionRequest,
  type CreateSessionResponse,
  type SessionView,
} from '../protocol.ts';
import type { SessionManager } from '../sessions.ts';
import { bearerToken } from './auth.ts';
import { jsonSchema } from './route-schema.ts';

export function sessionRoutes(app: FastifyInstance, deps: { sessions: SessionManager }): void {
  const { sessions } = deps;
  const authorized = (request: FastifyRequest<{ Params: { id: string } }>) =>
    sessions.authorize(request.params.id, bearerToken(request));

  app.post<{ Body: CreateSessionRequest }>(
    '/api/sessions',
    { schema: { body: jsonSchema(createSessionRequest) } },
    async (request, reply): Promise<CreateSessionResponse> => {
      const created = await sessions.create(request.body.lab, request.ip);
      void reply.code(201).header('location', `/api/sessions/${created.id}`);
      return created;
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/sessions/:id',
    async (request): Promise<SessionView> => {
      return sessions.view(await authorized(request));
    },
  );

  app.delete<{ Params: { id: string } }>('/api/sessions/:id', async (request, reply) => {
    const session = await authorized(request);
    await sessions.end(session.row.id, 'ended', 'ended by the reader');
    return reply.code(204).send();
  });

  app.all('/api/*', () => {
    throw new NetlabError('NETLAB_ERR_NOT_FOUND');
  });
}

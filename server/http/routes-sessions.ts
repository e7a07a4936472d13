import type { FastifyInstance, FastifyRequest } from 'fastify';
import { NetlabError } from '../errors.ts';
import { GENERATION_IDS } from '../generations.ts';
import type { CreateSessionRequest, CreateSessionResponse, SessionView } from '../protocol.ts';
import type { SessionManager } from '../sessions.ts';
import { bearerToken } from './auth.ts';

const createBody = {
  type: 'object',
  required: ['lab'],
  additionalProperties: false,
  properties: {
    lab: { type: 'string', minLength: 1, maxLength: 64 },
    generation: { type: 'string', enum: [...GENERATION_IDS] },
  },
} as const;

export function sessionRoutes(app: FastifyInstance, deps: { sessions: SessionManager }): void {
  const { sessions } = deps;
  const authorized = (request: FastifyRequest<{ Params: { id: string } }>) =>
    sessions.authorize(request.params.id, bearerToken(request));

  app.post<{ Body: CreateSessionRequest }>(
    '/api/sessions',
    { schema: { body: createBody } },
    async (request, reply): Promise<CreateSessionResponse> => {
      const created = await sessions.create(
        request.body.lab,
        request.ip,
        undefined,
        request.body.generation,
      );
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

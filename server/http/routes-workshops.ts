/**
 * Workshop routes (protocol.ts, "Workshops"). Tokens come as
 * `Authorization: Bearer <token>`; the two event streams also take a one-time
 * `?ticket=` (protocol.ts, "Tickets") because a browser's EventSource cannot
 * send headers, and never a token in the URL.
 */
import type { ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type {
  BroadcastRequest,
  CreateGraderTokenRequest,
  CreateGraderTokenResponse,
  CreateSessionResponse,
  CreateWorkshopRequest,
  CreateWorkshopResponse,
  JoinWorkshopRequest,
  JoinWorkshopResponse,
  ParticipantView,
  WorkshopDashboard,
  WorkshopMessage,
  WorkshopResults,
  WorkshopSessionRequest,
  WorkshopSummary,
} from '../protocol.ts';
import type { Tickets } from '../tickets.ts';
import type { WorkshopService } from '../workshops.ts';
import { resultsCsv } from '../workshops/views.ts';
import { bearerToken, streamToken } from './auth.ts';

const labId = { type: 'string', minLength: 1, maxLength: 64 } as const;
const workshopId = { type: 'string', minLength: 1, maxLength: 64 } as const;

const createBody = {
  type: 'object',
  required: ['title', 'labs', 'capacity', 'randomParams'],
  additionalProperties: false,
  properties: {
    title: { type: 'string', minLength: 1, maxLength: 120 },
    labs: { type: 'array', minItems: 1, maxItems: 20, items: labId },
    startsAt: { type: 'string', maxLength: 64 },
    endsAt: { type: 'string', maxLength: 64 },
    capacity: { type: 'integer', minimum: 1, maximum: 1000 },
    randomParams: { type: 'boolean' },
    webhookUrl: { type: 'string', minLength: 1, maxLength: 2048 },
  },
} as const;

const joinBody = {
  type: 'object',
  required: ['code', 'name'],
  additionalProperties: false,
  // Name rules (1–40 characters after trimming, no control characters) are the service's.
  properties: {
    code: { type: 'string', maxLength: 32 },
    name: { type: 'string', maxLength: 400 },
  },
} as const;

const sessionBody = {
  type: 'object',
  required: ['lab'],
  additionalProperties: false,
  properties: { lab: labId },
} as const;

const broadcastBody = {
  type: 'object',
  required: ['text'],
  additionalProperties: false,
  properties: { text: { type: 'string', minLength: 1, maxLength: 1000 } },
} as const;

const graderBody = {
  type: 'object',
  required: ['workshops'],
  additionalProperties: false,
  properties: { workshops: { type: 'array', minItems: 1, maxItems: 100, items: workshopId } },
} as const;

type WithId = { Params: { id: string } };

export function workshopRoutes(
  app: FastifyInstance,
  deps: { workshops: WorkshopService; tickets: Tickets },
): void {
  const { workshops, tickets } = deps;

  app.post<{ Body: CreateWorkshopRequest }>(
    '/api/workshops',
    { schema: { body: createBody } },
    async (request, reply): Promise<CreateWorkshopResponse> => {
      const created = await workshops.create(bearerToken(request), request.body);
      void reply.code(201).header('location', `/api/workshops/${created.id}`);
      return created;
    },
  );

  app.post<{ Body: JoinWorkshopRequest }>(
    '/api/workshops/join',
    { schema: { body: joinBody } },
    async (request, reply): Promise<JoinWorkshopResponse> => {
      const joined = await workshops.join(request.body, request.ip);
      void reply.code(201);
      return joined;
    },
  );

  app.get<WithId>('/api/workshops/:id', (request): Promise<WorkshopDashboard> =>
    workshops.dashboard(request.params.id, bearerToken(request)),
  );

  app.get<WithId>('/api/workshops/:id/events', async (request, reply) => {
    const token = streamToken(request, tickets, 'workshop-events', request.params.id);
    await stream(reply, () => workshops.instructorEvents(request.params.id, token));
  });

  app.get<WithId>('/api/workshops/:id/me', (request): Promise<ParticipantView> =>
    workshops.me(request.params.id, bearerToken(request)),
  );

  app.post<WithId & { Body: WorkshopSessionRequest }>(
    '/api/workshops/:id/me/sessions',
    { schema: { body: sessionBody } },
    (request): Promise<CreateSessionResponse> =>
      workshops.learnerSession(
        request.params.id,
        bearerToken(request),
        request.body.lab,
        request.ip,
      ),
  );

  app.get<WithId>('/api/workshops/:id/me/events', async (request, reply) => {
    const token = streamToken(request, tickets, 'learner-events', request.params.id);
    await stream(reply, () => workshops.learnerEvents(request.params.id, token));
  });

  app.post<WithId & { Body: BroadcastRequest }>(
    '/api/workshops/:id/broadcast',
    { schema: { body: broadcastBody } },
    (request): Promise<WorkshopMessage> =>
      workshops.broadcast(request.params.id, bearerToken(request), request.body.text),
  );

  app.post<WithId>('/api/workshops/:id/end', (request): Promise<WorkshopSummary> =>
    workshops.end(request.params.id, bearerToken(request)),
  );

  app.get<WithId & { Querystring: { format?: string } }>(
    '/api/workshops/:id/results',
    {
      schema: {
        querystring: {
          type: 'object',
          properties: { format: { type: 'string', enum: ['json', 'csv'] } },
        },
      },
    },
    async (request, reply): Promise<WorkshopResults | string> => {
      const results = await workshops.results(request.params.id, bearerToken(request));
      if (request.query.format !== 'csv') return results;
      void reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="workshop-${results.workshop.id}.csv"`,
        );
      return resultsCsv(results);
    },
  );

  app.post<{ Body: CreateGraderTokenRequest }>(
    '/api/grader-tokens',
    { schema: { body: graderBody } },
    async (request, reply): Promise<CreateGraderTokenResponse> => {
      const created = await workshops.createGraderToken(bearerToken(request), request.body);
      void reply.code(201);
      return created;
    },
  );
}

/** Starts an event stream once `authorize` has let it (its errors are still JSON answers). */
async function stream(
  reply: FastifyReply,
  authorize: () => Promise<(response: ServerResponse) => void>,
): Promise<void> {
  const start = await authorize();
  reply.hijack();
  start(reply.raw);
}

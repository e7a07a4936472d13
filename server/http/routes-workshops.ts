/**
 * Workshop routes (protocol.ts, "Workshops"). Tokens come as
 * `Authorization: Bearer <token>`; the two event streams also take a one-time
 * `?ticket=` (protocol.ts, "Tickets") because a browser's EventSource cannot
 * send headers, and never a token in the URL.
 */
import type { ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply } from 'fastify';
import {
  broadcastRequest,
  createGraderTokenRequest,
  createWorkshopRequest,
  joinWorkshopRequest,
  resultsQuery,
  workshopSessionRequest,
  type BroadcastRequest,
  type CreateGraderTokenRequest,
  type CreateGraderTokenResponse,
  type CreateSessionResponse,
  type CreateWorkshopRequest,
  type CreateWorkshopResponse,
  type JoinWorkshopRequest,
  type JoinWorkshopResponse,
  type ParticipantView,
  type ResultsQuery,
  type WorkshopDashboard,
  type WorkshopMessage,
  type WorkshopResults,
  type WorkshopSessionRequest,
  type WorkshopSummary,
} from '../protocol.ts';
import type { Tickets } from '../tickets.ts';
import type { WorkshopService } from '../workshops.ts';
import { resultsCsv } from '../workshops/views.ts';
import { bearerToken, streamToken } from './auth.ts';
import { localeOf } from './routes-checks.ts';
import { jsonSchema } from './route-schema.ts';

type WithId = { Params: { id: string } };

export function workshopRoutes(
  app: FastifyInstance,
  deps: { workshops: WorkshopService; tickets: Tickets },
): void {
  const { workshops, tickets } = deps;

  app.post<{ Body: CreateWorkshopRequest }>(
    '/api/workshops',
    { schema: { body: jsonSchema(createWorkshopRequest) } },
    async (request, reply): Promise<CreateWorkshopResponse> => {
      const created = await workshops.create(bearerToken(request), request.body);
      void reply.code(201).header('location', `/api/workshops/${created.id}`);
      return created;
    },
  );

  app.post<{ Body: JoinWorkshopRequest }>(
    '/api/workshops/join',
    { schema: { body: jsonSchema(joinWorkshopRequest) } },
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
    { schema: { body: jsonSchema(workshopSessionRequest) } },
    (request): Promise<CreateSessionResponse> =>
      workshops.learnerSession(request.params.id, bearerToken(request), {
        lab: request.body.lab,
        client: request.ip,
        rebuild: request.body.rebuild ? { locale: localeOf(request) } : null,
      }),
  );

  app.get<WithId>('/api/workshops/:id/me/events', async (request, reply) => {
    const token = streamToken(request, tickets, 'learner-events', request.params.id);
    await stream(reply, () => workshops.learnerEvents(request.params.id, token));
  });

  app.post<WithId & { Body: BroadcastRequest }>(
    '/api/workshops/:id/broadcast',
    { schema: { body: jsonSchema(broadcastRequest) } },
    (request): Promise<WorkshopMessage> =>
      workshops.broadcast(request.params.id, bearerToken(request), request.body.text),
  );

  app.post<WithId>('/api/workshops/:id/end', (request): Promise<WorkshopSummary> =>
    workshops.end(request.params.id, bearerToken(request)),
  );

  app.get<WithId & { Querystring: ResultsQuery }>(
    '/api/workshops/:id/results',
    { schema: { querystring: jsonSchema(resultsQuery) } },
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
    { schema: { body: jsonSchema(createGraderTokenRequest) } },
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

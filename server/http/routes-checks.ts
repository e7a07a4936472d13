import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { CheckService } from '../checks.ts';
import {
  answerRequest,
  checkRequest,
  type AnswerRequest,
  type AnswerResponse,
  type CheckRequest,
  type Locale,
  type TaskResult,
} from '../protocol.ts';
import { onSession, type SessionRouteDeps } from './session-route.ts';
import { jsonSchema } from './route-schema.ts';

/** The reader's language: `?lang=`, else the first language of Accept-Language. */
export function localeOf(request: FastifyRequest): Locale {
  const query = request.query as { lang?: string } | undefined;
  const wanted = query?.lang ?? request.headers['accept-language'] ?? '';
  return /^zh/i.test(wanted.trim()) ? 'zh-cn' : 'en';
}

export function checkRoutes(
  app: FastifyInstance,
  deps: SessionRouteDeps & { checks: Pick<CheckService, 'check' | 'answer' | 'topology'> },
): void {
  const { checks } = deps;
  const served = onSession(deps);

  app.post<{ Params: { id: string }; Body: CheckRequest | undefined }>(
    '/api/sessions/:id/check',
    { schema: { body: jsonSchema(checkRequest) } },
    (request, reply) =>
      served(request, reply, async (session): Promise<{ tasks: TaskResult[] }> => {
        const task = request.body?.task;
        const tasks = await checks.check(session, localeOf(request), task);
        return { tasks: task === undefined ? tasks : tasks.filter((t) => t.id === task) };
      }),
  );

  app.post<{ Params: { id: string; task: string }; Body: AnswerRequest }>(
    '/api/sessions/:id/answers/:task',
    { schema: { body: jsonSchema(answerRequest) } },
    (request, reply) =>
      served(request, reply, async (session): Promise<AnswerResponse> => {
        const { task } = request.params;
        const result = await checks.answer(session, task, request.body.answer, localeOf(request));
        return { passed: result.passed, detail: result.detail };
      }),
  );

  app.get<{ Params: { id: string } }>('/api/sessions/:id/topology', (request, reply) =>
    served(request, reply, (session) => checks.topology(session)),
  );
}

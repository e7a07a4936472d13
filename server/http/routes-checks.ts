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
import type { SessionManager } from '../sessions.ts';
import { bearerToken } from './auth.ts';
import { jsonSchema } from './route-schema.ts';

/** The reader's language: `?lang=`, else the first language of Accept-Language. */
export function localeOf(request: FastifyRequest): Locale {
  const query = request.query as { lang?: string } | undefined;
  const wanted = query?.lang ?? request.headers['accept-language'] ?? '';
  return /^zh/i.test(wanted.trim()) ? 'zh-cn' : 'en';
}

export function checkRoutes(
  app: FastifyInstance,
  deps: { sessions: SessionManager; checks: CheckService },
): void {
  const { sessions, checks } = deps;
  const authorized = (request: FastifyRequest<{ Params: { id: string } }>) =>
    sessions.authorize(request.params.id, bearerToken(request));

  app.post<{ Params: { id: string }; Body: CheckRequest | undefined }>(
    '/api/sessions/:id/check',
    { schema: { body: jsonSchema(checkRequest) } },
    async (request): Promise<{ tasks: TaskResult[] }> => {
      const session = await authorized(request);
      const task = request.body?.task;
      const tasks = await checks.check(session, localeOf(request), task);
      return { tasks: task === undefined ? tasks : tasks.filter((t) => t.id === task) };
    },
  );

  app.post<{ Params: { id: string; task: string }; Body: AnswerRequest }>(
    '/api/sessions/:id/answers/:task',
    { schema: { body: jsonSchema(answerRequest) } },
    async (request): Promise<AnswerResponse> => {
      const result = await checks.answer(
        await authorized(request),
        request.params.task,
        request.body.answer,
        localeOf(request),
      );
      return { passed: result.passed, detail: result.detail };
    },
  );

  app.get<{ Params: { id: string } }>('/api/sessions/:id/topology', async (request) =>
    checks.topology(await authorized(request)),
  );
}

/**
 * The one place errors become HTTP responses: catalogue errors keep their code,
 * Fastify's own (bad JSON, body too large, wrong content type) are mapped onto
 * the catalogue, and anything else is logged and answered without internals.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ERRORS, NetlabError, isNetlabError, type ErrorCode } from '../errors.ts';
import type { ErrorBody } from '../protocol.ts';

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'NETLAB_ERR_BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'NETLAB_ERR_UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_JSON_BODY: 'NETLAB_ERR_BAD_REQUEST',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'NETLAB_ERR_BAD_REQUEST',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'NETLAB_ERR_BAD_REQUEST',
  FST_ERR_VALIDATION: 'NETLAB_ERR_BAD_REQUEST',
};

/** Turns anything thrown into the catalogue error a client should see. */
export function toNetlabError(error: unknown): NetlabError {
  if (isNetlabError(error)) return error;
  const fastifyError = error as Partial<FastifyError>;
  const code = fastifyError.code ? FASTIFY_CODES[fastifyError.code] : undefined;
  if (code) {
    const message =
      code === 'NETLAB_ERR_BAD_REQUEST' && fastifyError.message
        ? `The request is malformed: ${fastifyError.message}`
        : ERRORS[code].message;
    return new NetlabError(code, message);
  }
  if (error instanceof SyntaxError)
    return new NetlabError(
      'NETLAB_ERR_BAD_REQUEST',
      `The request body is not valid JSON: ${error.message}`,
    );
  return new NetlabError('NETLAB_ERR_INTERNAL', undefined, { cause: error });
}

export function sendError(reply: FastifyReply, error: NetlabError): FastifyReply {
  const body: ErrorBody = {
    error: { code: error.code, message: error.message, retry: error.retry },
  };
  if (error.retryAfter !== undefined) void reply.header('retry-after', String(error.retryAfter));
  return reply.code(error.status).type('application/json; charset=utf-8').send(body);
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const netlab = toNetlabError(error);
    if (netlab.code === 'NETLAB_ERR_INTERNAL')
      request.log.error({ err: error }, 'unexpected error');
    return sendError(reply, netlab);
  });
}

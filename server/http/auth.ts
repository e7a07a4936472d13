import type { FastifyRequest } from 'fastify';

/** The bearer token of a request (`Authorization: Bearer <token>`), if any. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}

/**
 * `GET /api/health`. Anyone may ask whether the server can serve labs and how
 * full it is; what software it runs (engine and Node versions) and why the
 * engine is unreachable (a socket path) would help an attacker pick an
 * exploit, so only the admin token sees those.
 */
import type { FastifyInstance } from 'fastify';
import { NetlabError } from '../errors.ts';
import type { HealthResponse } from '../protocol.ts';
import type { SessionManager } from '../sessions.ts';
import { bearerToken } from './auth.ts';

export interface HealthDeps {
  sessions: Pick<SessionManager, 'ping' | 'sandboxCount' | 'warmCount'>;
  maxSandboxes: number;
  /** Whether a token is the server's ADMIN_TOKEN. */
  isAdmin: (token: string) => boolean;
  /** This server's own versions, for the admin. */
  versions: { netlab: string; node: string };
}

export function healthRoutes(app: FastifyInstance, deps: HealthDeps): void {
  app.get('/api/health', async (request): Promise<HealthResponse> => {
    const token = bearerToken(request);
    if (token !== undefined && !deps.isAdmin(token))
      throw new NetlabError(
        'NETLAB_ERR_FORBIDDEN',
        'Only the admin token (ADMIN_TOKEN) sees more of /api/health; send no token for the public view.',
      );
    // The admin's view of the engine; the public one keeps `reachable` alone.
    const engine: HealthResponse['docker'] = await deps.sessions.ping().then(
      ({ version }) => ({ reachable: true, version }),
      (error: unknown) => ({
        reachable: false,
        version: null,
        reason: error instanceof Error ? error.message : String(error),
      }),
    );
    const health: HealthResponse = {
      ok: engine.reachable,
      docker: { reachable: engine.reachable },
      sandboxes: {
        running: deps.sessions.sandboxCount(),
        max: deps.maxSandboxes,
        warm: deps.sessions.warmCount,
      },
    };
    return token === undefined ? health : { ...health, docker: engine, server: deps.versions };
  });
}

import type { FastifyInstance } from 'fastify';
import type { HealthResponse } from '../protocol.ts';
import type { SandboxDriver } from '../sandbox/driver.ts';
import type { SessionManager } from '../sessions.ts';

export function healthRoutes(
  app: FastifyInstance,
  deps: { driver: SandboxDriver; sessions: SessionManager; maxSandboxes: number },
): void {
  app.get('/api/health', async (): Promise<HealthResponse> => {
    const docker = await deps.driver.ping().then(
      ({ version }) => ({ reachable: true, version }),
      (error: unknown) => ({
        reachable: false,
        version: null,
        reason: error instanceof Error ? error.message : String(error),
      }),
    );
    return {
      ok: docker.reachable,
      docker,
      sandboxes: {
        running: deps.sessions.sandboxCount(),
        max: deps.maxSandboxes,
        warm: deps.sessions.warmCount,
      },
    };
  });
}

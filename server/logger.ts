import type { FastifyBaseLogger } from 'fastify';
import { pino, type DestinationStream } from 'pino';

/** The logger interface every module takes: Fastify's, which pino implements. */
export type Logger = FastifyBaseLogger;

/**
 * The process's one logger (JSON lines on stdout); Fastify logs through it too.
 * A request is logged by its path alone: query strings carry one-time tickets.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: null,
    serializers: {
      req: (req: { method?: string; url?: string }) => ({
        method: req.method,
        path: req.url?.split('?')[0],
      }),
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

import type { FastifyBaseLogger } from 'fastify';
import { pino } from 'pino';

/** The logger interface every module takes: Fastify's, which pino implements. */
export type Logger = FastifyBaseLogger;

/** The process's one logger (JSON lines on stdout); Fastify logs through it too. */
export function createLogger(level: string): Logger {
  return pino({ level, base: null });
}

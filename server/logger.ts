import { pino, type Logger } from 'pino';

export type { Logger };

/** The process's one logger (JSON lines on stdout); Fastify logs through it too. */
export function createLogger(level: string): Logger {
  return pino({ level, base: null });
}

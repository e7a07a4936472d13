import type { FastifyInstance } from 'fastify';
import { summarize, type Lab } from '../labs.ts';
import type { LabSummary } from '../protocol.ts';

export function labRoutes(app: FastifyInstance, deps: { labs: ReadonlyMap<string, Lab> }): void {
  const summaries = [...deps.labs.values()].map(summarize);
  app.get('/api/labs', (): LabSummary[] => summaries);
}

/**
 * `netlab workshop create`: what the instructor's web form does, from a shell,
 * with the admin token. Prints the join code and the two links.
 */
import type { CreateWorkshopRequest, CreateWorkshopResponse } from '../protocol.ts';
import { apiRequest, type ApiTarget } from './api-client.ts';

export interface WorkshopCreateOptions extends ApiTarget {
  request: CreateWorkshopRequest;
  json: boolean;
  out: (line: string) => void;
}

export async function createWorkshop(options: WorkshopCreateOptions): Promise<number> {
  const created = await apiRequest<CreateWorkshopResponse>(
    options,
    'POST',
    '/api/workshops',
    options.request,
  );
  if (options.json) {
    options.out(JSON.stringify(created));
    return 0;
  }
  const link = (path: string) => new URL(path, options.server).href;
  options.out(`workshop   ${options.request.title} (${created.id})`);
  options.out(`join code  ${created.code}`);
  options.out(`learners   ${link(created.joinUrl)}`);
  options.out(`instructor ${link(created.instructorUrl)}   (keep this link secret)`);
  if (created.webhookSecret) options.out(`webhook secret ${created.webhookSecret}`);
  return 0;
}

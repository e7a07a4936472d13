/**
 * Parsing of the commands that talk to a running lab server (`grade`,
 * `workshop create`). Pure: argv and environment in, a command to run or a
 * usage error out.
 */
import { parseArgs } from 'node:util';
import type { CreateWorkshopRequest } from '../protocol.ts';

export type RemoteCommand =
  | {
      kind: 'grade';
      target: 'session' | 'workshop';
      id: string;
      server: string;
      token: string | undefined;
      passMark: number;
      json: boolean;
    }
  | {
      kind: 'workshop-create';
      server: string;
      token: string | undefined;
      request: CreateWorkshopRequest;
      json: boolean;
    };

export class UsageError extends Error {
  override name = 'UsageError';
}

const common = {
  server: { type: 'string' },
  token: { type: 'string' },
  json: { type: 'boolean', default: false },
} as const;

function serverOf(value: string | undefined, env: Record<string, string | undefined>): string {
  const server = value ?? env.NETLAB_SERVER ?? `http://localhost:${env.PORT ?? '8080'}`;
  if (!URL.canParse(server)) throw new UsageError(`--server: "${server}" is not a URL`);
  return server;
}

/** `grade --session <id> | --workshop <id> [--pass-mark N] [--token T] [--server URL] [--json]` */
export function parseGrade(argv: string[], env: Record<string, string | undefined>): RemoteCommand {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...common,
      session: { type: 'string' },
      workshop: { type: 'string' },
      'pass-mark': { type: 'string', default: '100' },
    },
  });
  if (!!values.session === !!values.workshop)
    throw new UsageError('grade needs exactly one of --session <id> or --workshop <id>');
  const passMark = Number(values['pass-mark']);
  if (!Number.isInteger(passMark) || passMark < 0 || passMark > 100)
    throw new UsageError(`--pass-mark: "${values['pass-mark']}" is not a whole percent 0–100`);
  return {
    kind: 'grade',
    target: values.session ? 'session' : 'workshop',
    id: values.session ?? values.workshop ?? '',
    server: serverOf(values.server, env),
    // A session is graded with its own token; a workshop with a grader, instructor or admin token.
    token: values.token ?? env.NETLAB_TOKEN ?? (values.workshop ? env.ADMIN_TOKEN : undefined),
    passMark,
    json: values.json,
  };
}

/** `workshop create --title T --labs a,b --capacity N [--starts ISO] [--ends ISO] [--random-params] [--webhook URL]` */
export function parseWorkshopCreate(
  argv: string[],
  env: Record<string, string | undefined>,
): RemoteCommand {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...common,
      title: { type: 'string' },
      labs: { type: 'string' },
      capacity: { type: 'string', default: '30' },
      starts: { type: 'string' },
      ends: { type: 'string' },
      'random-params': { type: 'boolean', default: false },
      webhook: { type: 'string' },
    },
  });
  if (!values.title) throw new UsageError('workshop create needs --title "<title>"');
  const labs = (values.labs ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!labs.length) throw new UsageError('workshop create needs --labs <id>[,<id>…]');
  const capacity = Number(values.capacity);
  if (!Number.isInteger(capacity) || capacity < 1)
    throw new UsageError(`--capacity: "${values.capacity}" is not a positive whole number`);
  const request: CreateWorkshopRequest = {
    title: values.title,
    labs,
    capacity,
    randomParams: values['random-params'],
    ...(values.starts ? { startsAt: isoTime('--starts', values.starts) } : {}),
    ...(values.ends ? { endsAt: isoTime('--ends', values.ends) } : {}),
    ...(values.webhook ? { webhookUrl: values.webhook } : {}),
  };
  return {
    kind: 'workshop-create',
    server: serverOf(values.server, env),
    token: values.token ?? env.ADMIN_TOKEN,
    request,
    json: values.json,
  };
}

function isoTime(flag: string, value: string): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new UsageError(`${flag}: "${value}" is not a date and time`);
  return new Date(ms).toISOString();
}

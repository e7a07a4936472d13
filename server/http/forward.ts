/**
 * Any lab server serves any session: a request for a live session whose
 * machine another server holds is proxied to that server (its INTERNAL_URL,
 * from the server directory), which answers it as if the client had asked it.
 * Proxying rather than redirecting, because a browser's websocket does not
 * follow redirects and the holder's internal address need not be reachable
 * from the reader's network; the reader never learns there are several
 * servers. The holder checks the token again (nothing is trusted from the
 * forwarding server), and a request that was already forwarded once is not
 * forwarded again, so two servers that disagree cannot bounce it forever.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { NetlabError } from '../errors.ts';

/** Set on a forwarded request (its value: the forwarding server's INSTANCE). */
export const FORWARDED_HEADER = 'x-netlab-forwarded';
/** Longest a forwarded request may take: a check's own budget, and more. */
const FORWARD_TIMEOUT_MS = 120_000;
/** Request headers the holder needs; the rest (cookies, the proxy's) stay here. */
const REQUEST_HEADERS = ['authorization', 'content-type', 'accept', 'accept-language'];
/** Answer headers the client needs. */
const ANSWER_HEADERS = ['content-type', 'retry-after', 'location', 'cache-control'];

/** Where each lab server listens for the others (the store's server directory). */
export interface Directory {
  urlOf(instance: string): Promise<string | undefined>;
}

/** The other lab servers sharing the store, and how to reach them. */
export class Peers {
  readonly instance: string;
  private readonly directory: Directory;
  private readonly fetch: typeof fetch;

  constructor(deps: { instance: string; directory: Directory; fetch?: typeof fetch }) {
    this.instance = deps.instance;
    this.directory = deps.directory;
    this.fetch = deps.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  /** The base URL of `holder`; OTHER_SERVER when it is unknown or the request already hopped. */
  async urlOf(holder: string, forwardedBy: string | undefined): Promise<string> {
    const url = forwardedBy === undefined ? await this.directory.urlOf(holder) : undefined;
    if (url === undefined || holder === this.instance) throw unreachable(holder, this.instance);
    return url;
  }

  /** Answers `request` with what `holder` answers it. */
  async forward(request: FastifyRequest, reply: FastifyReply, holder: string): Promise<void> {
    const base = await this.urlOf(holder, header(request, FORWARDED_HEADER));
    const headers: Record<string, string> = { [FORWARDED_HEADER]: this.instance };
    for (const name of REQUEST_HEADERS) {
      const value = header(request, name);
      if (value !== undefined) headers[name] = value;
    }
    const hasBody = request.body !== undefined && request.body !== null;
    let answer: Response;
    try {
      answer = await this.fetch(new URL(request.url, base), {
        method: request.method,
        headers,
        ...(hasBody && { body: JSON.stringify(request.body) }),
        redirect: 'manual',
        signal: AbortSignal.timeout(FORWARD_TIMEOUT_MS),
      });
    } catch (error) {
      throw unreachable(holder, this.instance, error);
    }
    for (const name of ANSWER_HEADERS) {
      const value = answer.headers.get(name);
      if (value !== null) void reply.header(name, value);
    }
    await reply.code(answer.status).send(Buffer.from(await answer.arrayBuffer()));
  }
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function unreachable(holder: string, here: string, cause?: unknown): NetlabError {
  return new NetlabError(
    'NETLAB_ERR_OTHER_SERVER',
    `This session's lab machine runs on lab server "${holder}", which lab server "${here}" cannot reach now; try again in a moment.`,
    { cause },
  );
}

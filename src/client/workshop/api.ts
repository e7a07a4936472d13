/**
 * The browser's client of the lab server's workshop API (protocol.ts,
 * "Workshops"). Each call takes the bearer token of its caller: the admin token,
 * the instructor secret or the learner's token. Failures are LabApiErrors
 * carrying the server's own message, which the pages show as written.
 */
import type {
  BroadcastRequest,
  CreateSessionResponse,
  CreateWorkshopRequest,
  CreateWorkshopResponse,
  JoinWorkshopRequest,
  JoinWorkshopResponse,
  LabSummary,
  ParticipantView,
  TicketResponse,
  WorkshopDashboard,
  WorkshopSessionRequest,
  WorkshopSummary,
} from '../../../server/protocol.ts';
import type { UiLocale } from '../i18n.ts';
import { describeLabError, errorFrom, LabApiError } from '../lab-api.ts';

export class WorkshopApi {
  readonly baseUrl: string;
  readonly #fetch: typeof fetch;

  constructor(options: { baseUrl?: string; fetch?: typeof fetch } = {}) {
    this.baseUrl = options.baseUrl ?? globalThis.location.origin;
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  labs(): Promise<LabSummary[]> {
    return this.#json('GET', '/api/labs');
  }

  create(adminToken: string, request: CreateWorkshopRequest): Promise<CreateWorkshopResponse> {
    return this.#json('POST', '/api/workshops', { token: adminToken, body: request });
  }

  join(request: JoinWorkshopRequest): Promise<JoinWorkshopResponse> {
    return this.#json('POST', '/api/workshops/join', { body: request });
  }

  me(workshopId: string, token: string): Promise<ParticipantView> {
    return this.#json('GET', `${workshopPath(workshopId)}/me`, { token });
  }

  /** The learner's live session of `lab`, or a new one; `rebuild`: their latest ended one rebuilt. */
  mySession(
    workshopId: string,
    token: string,
    lab: string,
    rebuild = false,
  ): Promise<CreateSessionResponse> {
    const body: WorkshopSessionRequest = rebuild ? { lab, rebuild: true } : { lab };
    return this.#json('POST', `${workshopPath(workshopId)}/me/sessions`, { token, body });
  }

  dashboard(workshopId: string, secret: string): Promise<WorkshopDashboard> {
    return this.#json('GET', workshopPath(workshopId), { token: secret });
  }

  broadcast(workshopId: string, secret: string, text: string): Promise<unknown> {
    const body: BroadcastRequest = { text };
    return this.#json('POST', `${workshopPath(workshopId)}/broadcast`, { token: secret, body });
  }

  end(workshopId: string, secret: string): Promise<WorkshopSummary> {
    return this.#json('POST', `${workshopPath(workshopId)}/end`, { token: secret, body: {} });
  }

  /** The results export as a file (CSV or JSON). */
  async results(workshopId: string, secret: string, format: 'csv' | 'json'): Promise<Blob> {
    const query = format === 'csv' ? '?format=csv' : '';
    const response = await this.#send('GET', `${workshopPath(workshopId)}/results${query}`, {
      token: secret,
    });
    return response.blob();
  }

  /** A one-time ticket for the instructor's event stream (the secret stays in the header). */
  eventsTicket(workshopId: string, secret: string): Promise<TicketResponse> {
    return this.#json('POST', `${workshopPath(workshopId)}/events/tickets`, { token: secret });
  }

  /** URL of the instructor's event stream, opened by a ticket (EventSource cannot send headers). */
  eventsUrl(workshopId: string, ticket: string): string {
    const url = new URL(`${workshopPath(workshopId)}/events`, this.baseUrl);
    url.searchParams.set('ticket', ticket);
    return url.toString();
  }

  myEventsUrl(workshopId: string): string {
    return new URL(`${workshopPath(workshopId)}/me/events`, this.baseUrl).toString();
  }

  async #json<T>(
    method: string,
    path: string,
    init: { token?: string; body?: unknown } = {},
  ): Promise<T> {
    const response = await this.#send(method, path, init);
    if (response.status === 204) return null as T;
    return (await response.json()) as T;
  }

  async #send(
    method: string,
    path: string,
    init: { token?: string; body?: unknown },
  ): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    let response: Response;
    try {
      response = await this.#fetch(new URL(path, this.baseUrl).toString(), {
        method,
        headers,
        cache: 'no-store',
        ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
      });
    } catch (error) {
      throw new LabApiError('offline', error instanceof Error ? error.message : 'network error');
    }
    if (response.ok) return response;
    const isJson = (response.headers.get('content-type') ?? '').includes('application/json');
    throw errorFrom(response.status, isJson ? await response.json().catch(() => null) : null);
  }
}

function workshopPath(id: string): string {
  return `/api/workshops/${encodeURIComponent(id)}`;
}

/** The server's own sentence when it sent one (wrong code, full, ended…), else ours. */
export function describeWorkshopError(error: unknown, locale: UiLocale): string {
  if (error instanceof LabApiError && error.code && error.kind !== 'offline') return error.message;
  return describeLabError(error, locale);
}

/** Small fetch helpers for the lab server's HTTP API. */
import type { CreateSessionResponse, SessionView } from '../../../server/protocol.ts';

export interface ApiResponse<T> {
  status: number;
  body: T;
  headers: Headers;
}

export async function request<T = unknown>(
  url: string,
  init: {
    method?: string;
    body?: unknown;
    raw?: string;
    token?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  let body: string | undefined = init.raw;
  if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers['content-type'] = 'application/json';
  }
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers,
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: (text ? JSON.parse(text) : null) as T,
  };
}

export async function createSession(base: string, lab = 'bridge'): Promise<CreateSessionResponse> {
  const r = await request<CreateSessionResponse>(`${base}/api/sessions`, {
    method: 'POST',
    body: { lab },
  });
  if (r.status !== 201)
    throw new Error(`POST /api/sessions answered ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
}

/** Polls the session until it leaves `starting`. */
export async function waitReady(
  base: string,
  s: CreateSessionResponse,
  timeoutMs = 60_000,
): Promise<SessionView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await request<SessionView>(`${base}/api/sessions/${s.id}`, { token: s.token });
    if (r.body.status !== 'starting') return r.body;
    if (Date.now() > deadline)
      throw new Error(`session ${s.id} still starting after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * The CLI's client of a running lab server: JSON over fetch with a bearer
 * token. Failures become `ApiError`s carrying the server's own message and
 * code, or a sentence saying the server could not be reached.
 */
import type { ErrorBody } from '../protocol.ts';

export interface ApiTarget {
  /** Base URL of the lab server, e.g. http://localhost:8080 */
  server: string;
  /** Bearer token: a session's, an instructor's, a grader's or the admin token. */
  token: string | undefined;
}

export class ApiError extends Error {
  override name = 'ApiError';
  readonly status: number;
  readonly code: string | null;

  constructor(message: string, status: number, code: string | null) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export async function apiRequest<T>(
  target: ApiTarget,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<T> {
  const url = new URL(path, target.server);
  const headers: Record<string, string> = {};
  if (target.token) headers.authorization = `Bearer ${target.token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (error) {
    const why = error instanceof Error && error.cause instanceof Error ? error.cause.message : '';
    throw new ApiError(
      `cannot reach the lab server at ${target.server} (${why || 'no answer'}); start it with \`npm start\` or pass --server <url>`,
      0,
      null,
    );
  }
  const text = await response.text();
  if (!response.ok) {
    const parsed = parseError(text);
    throw new ApiError(
      `${method} ${url.pathname} answered ${response.status}: ${parsed?.error.message ?? text.slice(0, 200)}`,
      response.status,
      parsed?.error.code ?? null,
    );
  }
  return JSON.parse(text) as T;
}

function parseError(text: string): ErrorBody | null {
  try {
    const value = JSON.parse(text) as Partial<ErrorBody>;
    return value.error ? (value as ErrorBody) : null;
  } catch {
    return null;
  }
}

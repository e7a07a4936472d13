/**
 * One JSON request of the session API, and the waits between polls: network
 * failures, aborts and the server's error bodies all become LabApiErrors.
 */
import { errorFrom, LabApiError } from './errors.ts';

export interface ApiRequest {
  body?: unknown;
  /** Bearer token: a session's (or a workshop learner's). */
  token?: string;
  signal?: AbortSignal | undefined;
}

export async function requestJson<T>(
  fetchImpl: typeof fetch,
  url: string,
  method: string,
  init: ApiRequest,
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.token !== undefined) headers.authorization = `Bearer ${init.token}`;
  let response: Response;
  try {
    response = await fetchImpl(url, {
      method,
      headers,
      ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
      ...(init.signal && { signal: init.signal }),
      cache: 'no-store',
    });
  } catch (error) {
    if (init.signal?.aborted) throw new LabApiError('aborted', 'aborted');
    throw new LabApiError('offline', error instanceof Error ? error.message : 'network error');
  }
  if (response.status === 204) return null as T;
  const isJson = (response.headers.get('content-type') ?? '').includes('application/json');
  const body: unknown = isJson ? await response.json().catch(() => null) : null;
  if (response.ok && body !== null) return body as T;
  throw errorFrom(response.status, body);
}

/** localStorage, or null where the browser disables it (then nothing is resumed across reloads). */
export function safeLocalStorage(): Storage | null {
  try {
    return globalThis.localStorage;
  } catch {
    return null;
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new LabApiError('aborted', 'aborted'));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new LabApiError('aborted', 'aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

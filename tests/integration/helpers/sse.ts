/**
 * A server-sent events client for tests: reads a `text/event-stream` response
 * through fetch, keeps every `data:` event (parsed as JSON), and waits for one.
 * `openWithTicket` opens a stream as the dashboard's EventSource does: with a
 * one-time ticket in the URL, got with the token in the Authorization header.
 */
import type { TicketResponse } from '../../../server/protocol.ts';

export interface EventStream<E> {
  status: number;
  events: E[];
  /** Resolves with the first event (already received or still to come) that matches. */
  waitFor: (match: (event: E) => boolean, timeoutMs?: number) => Promise<E>;
  close: () => void;
}

export async function openEvents<E>(
  url: string,
  headers: Record<string, string> = {},
): Promise<EventStream<E>> {
  const abort = new AbortController();
  const response = await fetch(url, { headers, signal: abort.signal });
  const events: E[] = [];
  const waiters: { match: (event: E) => boolean; resolve: (event: E) => void }[] = [];
  if (response.ok && response.body) {
    void (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = block
              .split('\n')
              .filter((line) => line.startsWith('data:'))
              .map((line) => line.slice(5).trimStart())
              .join('\n');
            if (!data) continue;
            const event = JSON.parse(data) as E;
            events.push(event);
            for (const w of waiters.filter((x) => x.match(event))) {
              waiters.splice(waiters.indexOf(w), 1);
              w.resolve(event);
            }
          }
        }
      } catch {
        // aborted by close()
      }
    })();
  } else {
    await response.body?.cancel();
  }
  return {
    status: response.status,
    events,
    waitFor: (match, timeoutMs = 10_000) => {
      const seen = events.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise<E>((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(new Error(`no matching event in ${timeoutMs} ms: ${JSON.stringify(events)}`)),
          timeoutMs,
        );
        waiters.push({
          match,
          resolve: (event) => {
            clearTimeout(timer);
            resolve(event);
          },
        });
      });
    },
    close: () => abort.abort(),
  };
}

/** POST <stream>/tickets with the token: the status and, when 201, the ticket. */
export async function streamTicket(
  base: string,
  stream: string,
  token: string,
): Promise<{ status: number; ticket: string }> {
  const response = await fetch(`${base}${stream}/tickets`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  });
  const body = (await response.json()) as Partial<TicketResponse>;
  return { status: response.status, ticket: body.ticket ?? '' };
}

/** Opens the stream at `base` + `stream` (a path) with a fresh ticket got with `token`. */
export async function openWithTicket<E>(
  base: string,
  stream: string,
  token: string,
): Promise<EventStream<E>> {
  const { status, ticket } = await streamTicket(base, stream, token);
  if (status !== 201) throw new Error(`no ticket for ${stream}: HTTP ${status}`);
  return openEvents<E>(`${base}${stream}?ticket=${encodeURIComponent(ticket)}`);
}

/**
 * A server-sent events client for tests: reads a `text/event-stream` response
 * through fetch, keeps every `data:` event (parsed as JSON), and waits for one.
 */
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

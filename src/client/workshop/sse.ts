/**
 * Server-sent events for the workshop pages. The dashboard can use EventSource
 * (its secret rides in the URL); the learner's stream needs an Authorization
 * header, which EventSource cannot send, so it is read with fetch and parsed
 * here. The parser is pure (tests/unit/client/workshop-sse.test.ts).
 */

/** Splits an event stream into the `data` of each event, across arbitrary chunks. */
export class SseParser {
  #buffer = '';
  #data: string[] = [];

  /** Feeds a chunk; returns the data of every event it completed. */
  push(chunk: string): string[] {
    this.#buffer += chunk;
    const events: string[] = [];
    let newline: number;
    while ((newline = this.#buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = this.#buffer.slice(0, newline);
      const width = this.#buffer.startsWith('\r\n', newline) ? 2 : 1;
      // A lone \r at the very end may be the first half of \r\n: wait for more.
      if (width === 1 && this.#buffer[newline] === '\r' && newline === this.#buffer.length - 1)
        break;
      this.#buffer = this.#buffer.slice(newline + width);
      if (line === '') {
        if (this.#data.length) events.push(this.#data.join('\n'));
        this.#data = [];
      } else if (line.startsWith('data')) {
        const value = line.slice(4);
        if (value === '' || value.startsWith(':')) this.#data.push(value.replace(/^: ?/, ''));
      }
      // Comments (":"), event names, ids and retry hints are not used by these streams.
    }
    return events;
  }
}

export interface StreamOptions {
  url: string;
  token: string;
  /** Each event's data, parsed as JSON. */
  onEvent: (data: unknown) => void;
  /** Connected (true) or lost, retrying (false). */
  onLive?: (live: boolean) => void;
  /** Whether to retry after the stream ends or fails; default always. */
  shouldRetry?: (status: number) => boolean;
  retryMs?: number;
}

/** Reads an authenticated event stream until `close()`; reconnects after a loss. */
export function openStream(options: StreamOptions): { close(): void } {
  let controller = new AbortController();
  let closed = false;
  // A call, so that the loop sees close() flip it (no narrowing across awaits).
  const isClosed = (): boolean => closed;
  const run = async (): Promise<void> => {
    while (!isClosed()) {
      let status = 0;
      try {
        const response = await fetch(options.url, {
          headers: { authorization: `Bearer ${options.token}`, accept: 'text/event-stream' },
          signal: controller.signal,
          cache: 'no-store',
        });
        status = response.status;
        if (response.ok && response.body) {
          options.onLive?.(true);
          const parser = new SseParser();
          const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            for (const data of parser.push(value)) emit(options, data);
          }
        }
      } catch {
        // network loss or close(): decided below
      }
      if (isClosed()) return;
      options.onLive?.(false);
      if (options.shouldRetry && !options.shouldRetry(status)) return;
      await new Promise((resolve) => setTimeout(resolve, options.retryMs ?? 2000));
      controller = new AbortController();
    }
  };
  void run();
  return {
    close() {
      closed = true;
      controller.abort();
    },
  };
}

function emit(options: StreamOptions, data: string): void {
  try {
    options.onEvent(JSON.parse(data));
  } catch {
    // not JSON: not an event of ours
  }
}

/**
 * Server-sent event streams, grouped by a key (a workshop's instructors, one
 * learner): each event goes to every open stream of its key. Streams get a
 * comment every 15 s so that proxies keep them open, and are ended on shutdown.
 */
import type { ServerResponse } from 'node:http';

const KEEPALIVE_MS = 15_000;

export class EventStreams<E> {
  private readonly streams = new Map<string, Set<ServerResponse>>();
  private readonly timer: NodeJS.Timeout;

  constructor() {
    this.timer = setInterval(() => this.comment('keep-alive'), KEEPALIVE_MS);
    this.timer.unref();
  }

  /** Starts an event stream on the response and keeps it under `key` until it closes. */
  open(key: string, response: ServerResponse): void {
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      // nginx would otherwise buffer the stream and deliver events late.
      'x-accel-buffering': 'no',
    });
    response.write(': connected\n\n');
    const set = this.streams.get(key) ?? new Set<ServerResponse>();
    set.add(response);
    this.streams.set(key, set);
    response.on('close', () => {
      set.delete(response);
      if (!set.size && this.streams.get(key) === set) this.streams.delete(key);
    });
  }

  /** Sends one event to one response (e.g. the snapshot a new stream starts with). */
  sendTo(response: ServerResponse, event: E): void {
    if (!response.writableEnded) response.write(`data: ${JSON.stringify(event)}\n\n`);
  }

  publish(key: string, event: E): void {
    for (const response of this.streams.get(key) ?? []) this.sendTo(response, event);
  }

  count(key: string): number {
    return this.streams.get(key)?.size ?? 0;
  }

  /** Ends every stream; the server is shutting down. */
  close(): void {
    clearInterval(this.timer);
    for (const set of this.streams.values()) for (const response of set) response.end();
    this.streams.clear();
  }

  private comment(text: string): void {
    for (const set of this.streams.values()) {
      for (const response of set) if (!response.writableEnded) response.write(`: ${text}\n\n`);
    }
  }
}

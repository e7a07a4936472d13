/**
 * Acknowledgements of rendered terminal output, batched: the server stops
 * reading the shell past TERMINAL_HIGH_WATERMARK unacknowledged bytes, so the
 * client reports what it has drawn, once a batch is full or shortly after the
 * last render, never bytes it has not drawn.
 */
import type { TimerApi } from './timers.ts';

export interface AckBatcherOptions {
  /** Send at once when this many rendered bytes are pending. */
  batchBytes: number;
  /** Otherwise send this long after a render, ms. */
  delayMs: number;
  timers: TimerApi;
  /** Sends `{type: "ack", bytes}`; false when the socket cannot take it (the bytes stay pending). */
  send: (bytes: number) => boolean;
}

export class AckBatcher {
  private pending = 0;
  private timer: unknown = null;
  private readonly options: AckBatcherOptions;

  constructor(options: AckBatcherOptions) {
    this.options = options;
  }

  rendered(bytes: number): void {
    this.pending += bytes;
    if (this.pending >= this.options.batchBytes) this.flush();
    else if (this.timer === null) {
      this.timer = this.options.timers.setTimeout(() => {
        this.timer = null;
        this.flush();
      }, this.options.delayMs);
    }
  }

  flush(): void {
    this.cancelTimer();
    if (this.pending > 0 && this.options.send(this.pending)) this.pending = 0;
  }

  /** Forgets pending bytes (a new socket starts its own count). */
  reset(): void {
    this.cancelTimer();
    this.pending = 0;
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.options.timers.clearTimeout(this.timer);
    this.timer = null;
  }
}

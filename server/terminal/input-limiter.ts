/**
 * Caps what one terminal may type: a token bucket refilled at `rate` bytes per
 * second holding at most one second's worth. Input over the budget waits in a
 * queue (a long paste arrives slowly rather than partly); past `maxQueued`
 * bytes the rest is dropped and the caller is told.
 */
export class InputLimiter {
  private tokens: number;
  private last: number;
  private readonly queue: Buffer[] = [];
  private queued = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly rate: number;
  private readonly maxQueued: number;
  private readonly write: (data: Buffer) => void;
  private readonly now: () => number;

  constructor(options: {
    rate: number;
    maxQueued: number;
    write: (data: Buffer) => void;
    now?: () => number;
  }) {
    this.rate = options.rate;
    this.maxQueued = options.maxQueued;
    this.write = options.write;
    this.now = options.now ?? (() => performance.now());
    this.tokens = options.rate;
    this.last = this.now();
  }

  /** Returns false when the data (or part of it) had to be dropped. */
  push(data: Buffer): boolean {
    if (this.queued + data.length > this.maxQueued) return false;
    this.queue.push(data);
    this.queued += data.length;
    this.flush();
    return true;
  }

  private flush(): void {
    const t = this.now();
    this.tokens = Math.min(this.rate, this.tokens + ((t - this.last) / 1000) * this.rate);
    this.last = t;
    while (this.queue.length && this.tokens >= 1) {
      const head = this.queue[0];
      if (!head) break;
      const n = Math.min(head.length, Math.floor(this.tokens));
      this.write(head.subarray(0, n));
      this.tokens -= n;
      this.queued -= n;
      if (n === head.length) this.queue.shift();
      else this.queue[0] = head.subarray(n);
    }
    if (this.queue.length && !this.timer) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.flush();
      }, 50);
    }
  }

  stop(): void {
    clearTimeout(this.timer);
    this.queue.length = 0;
  }
}

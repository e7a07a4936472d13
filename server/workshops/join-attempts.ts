/**
 * Wrong join codes per client address, counted in one-minute windows. A code
 * has about 594 million values, so guessing is already slow; this makes it
 * hopeless while leaving room for a whole class behind one NAT mistyping.
 */
const WINDOW_MS = 60_000;

export class JoinAttempts {
  private readonly perMinute: number;
  private readonly now: () => number;
  private readonly windows = new Map<string, { start: number; wrong: number }>();

  constructor(perMinute: number, now: () => number) {
    this.perMinute = perMinute;
    this.now = now;
  }

  /** Seconds until `client` may try again, or 0 when it may try now. */
  retryAfter(client: string): number {
    const w = this.current(client);
    if (!w || w.wrong < this.perMinute) return 0;
    return Math.max(1, Math.ceil((w.start + WINDOW_MS - this.now()) / 1000));
  }

  wrong(client: string): void {
    const w = this.current(client) ?? { start: this.now(), wrong: 0 };
    w.wrong++;
    this.windows.set(client, w);
    this.prune();
  }

  private current(client: string): { start: number; wrong: number } | undefined {
    const w = this.windows.get(client);
    return w && this.now() - w.start < WINDOW_MS ? w : undefined;
  }

  /** Drops ended windows, so that the map holds only the last minute's clients. */
  private prune(): void {
    const now = this.now();
    for (const [client, w] of this.windows)
      if (now - w.start >= WINDOW_MS) this.windows.delete(client);
  }
}

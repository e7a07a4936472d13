/**
 * The live re-checks' queue: at most `limit` run at once, and a session already
 * waiting or being checked is not queued again. Without it every attached
 * session's checks start in the same instant each interval, and on a small
 * machine that burst starves the readers' own "Check" clicks and terminals.
 */
export class LiveQueue {
  private readonly limit: number;
  private readonly waiting: { key: string; run: () => Promise<void>; after?: () => void }[] = [];
  /** Keys waiting or running. */
  private readonly busy = new Set<string>();
  private active = 0;

  constructor(limit: number) {
    this.limit = Math.max(1, limit);
  }

  /**
   * Queues `run` under `key`; false when that key is already waiting or running.
   * `after` runs once the key is free again, so that it may queue the key anew
   * (from inside `run` that push would be refused).
   */
  push(key: string, run: () => Promise<void>, after?: () => void): boolean {
    if (this.busy.has(key)) return false;
    this.busy.add(key);
    this.waiting.push({ key, run, ...(after && { after }) });
    this.pump();
    return true;
  }

  /** Checks waiting plus running. */
  get size(): number {
    return this.busy.size;
  }

  /** Whether a check under this key is waiting or running. */
  has(key: string): boolean {
    return this.busy.has(key);
  }

  private pump(): void {
    while (this.active < this.limit) {
      const next = this.waiting.shift();
      if (!next) return;
      this.active++;
      void next
        .run()
        .catch(() => undefined) // the caller's run reports its own failures
        .finally(() => {
          this.active--;
          this.busy.delete(next.key);
          next.after?.();
          this.pump();
        });
    }
  }
}

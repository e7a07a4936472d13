/** Timers driven by hand (the TimerApi of src/client/terminal/timers.ts). */
import type { TimerApi } from '../../../../src/client/terminal/timers.ts';

export class FakeTimers implements TimerApi {
  now = 0;
  private next = 1;
  private readonly pending = new Map<number, { at: number; fn: () => void }>();

  setTimeout = (fn: () => void, ms: number): unknown => {
    const id = this.next++;
    this.pending.set(id, { at: this.now + ms, fn });
    return id;
  };

  clearTimeout = (handle: unknown): void => void this.pending.delete(handle as number);

  /** Runs every timer due within `ms`, in order. */
  tick(ms: number): void {
    const until = this.now + ms;
    for (;;) {
      const due = [...this.pending]
        .filter(([, timer]) => timer.at <= until)
        .sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.pending.delete(due[0]);
      this.now = due[1].at;
      due[1].fn();
    }
    this.now = until;
  }

  /** Timers still waiting. */
  get count(): number {
    return this.pending.size;
  }
}

import type { SandboxDriver, SandboxInfo } from '../sandbox/driver.ts';
import { randomId } from './tokens.ts';

export interface WarmPoolOptions {
  target: number;
  /** Whether one more sandbox fits under the global maximum right now. */
  hasRoom: () => boolean;
  onError: (error: unknown) => void;
}

/**
 * Ready sandboxes waiting for sessions. A sandbox's labels cannot change after
 * it is created, so each is made for a session id chosen in advance; taking one
 * hands that id to the new session.
 */
export class WarmPool {
  private readonly ready: SandboxInfo[] = [];
  private readonly pending = new Set<Promise<void>>();
  private stopped = false;
  private readonly driver: SandboxDriver;
  private readonly options: WarmPoolOptions;

  constructor(driver: SandboxDriver, options: WarmPoolOptions) {
    this.driver = driver;
    this.options = options;
  }

  /** Sandboxes held or being made (they count against the global maximum). */
  get size(): number {
    return this.ready.length + this.pending.size;
  }

  get readyCount(): number {
    return this.ready.length;
  }

  take(): SandboxInfo | undefined {
    const sandbox = this.ready.shift();
    this.refill();
    return sandbox;
  }

  /** Starts making sandboxes until the pool holds its target, as room allows. */
  refill(): void {
    while (!this.stopped && this.size < this.options.target && this.options.hasRoom()) {
      const made: Promise<void> = this.driver
        .create(randomId())
        .then(async (sandbox) => {
          if (this.stopped) await this.driver.destroy(sandbox.containerId);
          else this.ready.push(sandbox);
        })
        .catch(this.options.onError)
        .finally(() => this.pending.delete(made));
      this.pending.add(made);
    }
  }

  /** Stops refilling and removes every pooled sandbox. */
  async drain(): Promise<void> {
    this.stopped = true;
    await Promise.allSettled([...this.pending]);
    const held = this.ready.splice(0);
    await Promise.allSettled(held.map((s) => this.driver.destroy(s.containerId)));
  }
}

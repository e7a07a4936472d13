/**
 * Keeps the expiry warning current for an open pane: re-renders every second
 * while it shows (the countdown), otherwise wakes when it is due; and asks the
 * server for the session's ends about once a minute while the page is visible,
 * since an extension in another tab or a terminal closing moves them. No DOM:
 * the pane passes how to poll, whether the page is visible and how to render,
 * and the timers and clock, so that tests drive time by hand.
 */
import type { TimerApi } from '../terminal/timers.ts';
import {
  EXPIRY_WARNING_LEAD_MS,
  expiryWarning,
  type ExpiryWarning,
  type SessionLimits,
} from './expiry.ts';

/** How often the session's ends are fetched again: cheap, and soon enough before a 5-minute lead. */
export const EXPIRY_POLL_MS = 60_000;
const TICK_MS = 1000;

export interface ExpiryWatchDeps {
  timers: TimerApi;
  now: () => number;
  initial: SessionLimits;
  /** The session's ends now; null once the session is no longer live (the watch stops). */
  poll: () => Promise<SessionLimits | null>;
  /** Whether polling is worth it now (the page is visible). */
  visible: () => boolean;
  render: (warning: ExpiryWarning | null) => void;
}

export class ExpiryWatch {
  #limits: SessionLimits;
  #tickTimer: unknown = null;
  #pollTimer: unknown = null;
  #polling = false;
  #stopped = false;
  readonly #deps: ExpiryWatchDeps;

  constructor(deps: ExpiryWatchDeps) {
    this.#deps = deps;
    this.#limits = deps.initial;
  }

  get limits(): SessionLimits {
    return this.#limits;
  }

  start(): void {
    this.#tick();
    this.#schedulePoll();
  }

  stop(): void {
    this.#stopped = true;
    this.#clear();
  }

  /** New ends (an extension, a poll): the warning follows at once. */
  update(limits: SessionLimits): void {
    if (this.#stopped) return;
    this.#limits = limits;
    this.#tick();
  }

  /** The page became visible again: fetch the ends now rather than at the next minute. */
  wake(): void {
    if (this.#stopped || this.#polling) return;
    if (this.#pollTimer !== null) this.#deps.timers.clearTimeout(this.#pollTimer);
    this.#pollTimer = null;
    void this.#poll();
  }

  #tick(): void {
    if (this.#tickTimer !== null) this.#deps.timers.clearTimeout(this.#tickTimer);
    const now = this.#deps.now();
    const warning = expiryWarning(now, this.#limits);
    this.#deps.render(warning);
    this.#tickTimer = this.#deps.timers.setTimeout(
      () => {
        this.#tickTimer = null;
        this.#tick();
      },
      warning ? TICK_MS : this.#untilWarning(now),
    );
  }

  /** Time until the warning is due, at most a poll's interval (a sleeping laptop wakes late). */
  #untilWarning(now: number): number {
    const { expiresAt, idleEndsAt } = this.#limits;
    const end = Math.min(expiresAt, idleEndsAt ?? Infinity);
    const due = end - now - EXPIRY_WARNING_LEAD_MS;
    return Number.isFinite(due) ? Math.min(EXPIRY_POLL_MS, Math.max(TICK_MS, due)) : EXPIRY_POLL_MS;
  }

  #schedulePoll(): void {
    if (this.#stopped) return;
    this.#pollTimer = this.#deps.timers.setTimeout(() => {
      this.#pollTimer = null;
      // A hidden page stops polling; wake() starts it again.
      if (this.#deps.visible()) void this.#poll();
    }, EXPIRY_POLL_MS);
  }

  async #poll(): Promise<void> {
    this.#polling = true;
    try {
      const limits = await this.#deps.poll();
      if (limits === null) this.stop();
      else this.update(limits);
    } catch {
      // Offline for a moment: the next poll tries again; the known ends still count down.
    } finally {
      this.#polling = false;
    }
    this.#schedulePoll();
  }

  #clear(): void {
    if (this.#tickTimer !== null) this.#deps.timers.clearTimeout(this.#tickTimer);
    if (this.#pollTimer !== null) this.#deps.timers.clearTimeout(this.#pollTimer);
    this.#tickTimer = null;
    this.#pollTimer = null;
  }
}

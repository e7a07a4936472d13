/**
 * When a closed terminal websocket is worth reopening, and how long to wait.
 * Transient closes (the network, 1001/1006/1012 restarts, 4409 still starting,
 * 4503 capacity, anything unknown) are retried with exponential backoff and
 * jitter; final ones are not.
 */

/** Close codes after which reconnecting cannot help; the reason is shown instead. */
export const FINAL_CLOSE_CODES: ReadonlySet<number> = new Set([
  4400, // bad request
  4401, // no token
  4403, // wrong token or origin
  4404, // no such session
  4410, // session ended
  4415,
  4429, // too many terminals on this session
]);

/** The shell exited (the reader typed `exit`): ended, but a new connection gets a new shell. */
export const CLOSE_SHELL_EXITED = 1000;

export function isFinalClose(code: number): boolean {
  return FINAL_CLOSE_CODES.has(code) || code === CLOSE_SHELL_EXITED;
}

export interface BackoffOptions {
  /** Delay window of the first attempt, ms. */
  minDelayMs: number;
  /** Largest delay, ms. */
  maxDelayMs: number;
  /** Random number in [0, 1). */
  random: () => number;
}

/**
 * Delay before reconnect attempt `attempt` (1-based): the window doubles from
 * `minDelayMs` up to `maxDelayMs`, and the delay falls at random in its upper
 * half, so that clients dropped together do not return together.
 */
export function backoffDelay(attempt: number, options: BackoffOptions): number {
  const exponent = Math.min(Math.max(attempt, 1) - 1, 20);
  const window = Math.min(options.maxDelayMs, options.minDelayMs * 2 ** exponent);
  return Math.round(window / 2 + (options.random() * window) / 2);
}

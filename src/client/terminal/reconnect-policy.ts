/**
 * When a closed terminal websocket is worth reopening, and how long to wait.
 * The server says so itself: a close for an error comes after a status
 * message with the error's code and retry class (server/errors.ts), and the
 * connection decides from that, never from the close code, which several
 * errors share (4409 is a machine still starting and a full workshop). A
 * close without one (the network, a restart, a refused upgrade) is retried
 * with exponential backoff and jitter, except the shell's own exit.
 */
import type { RetryClass } from '../../../server/protocol.ts';
import type { StateChange } from './types.ts';

/** The shell exited (the reader typed `exit`): ended, but a new connection gets a new shell. */
export const CLOSE_SHELL_EXITED = 1000;

/**
 * Whether a close ends the connection for good: the status's retry class when
 * the server sent one (a status without one is final), else only the shell's exit.
 */
export function isFinalClose(closeCode: number, told?: { retry?: RetryClass }): boolean {
  if (told) return (told.retry ?? 'final') === 'final';
  return closeCode === CLOSE_SHELL_EXITED;
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

/**
 * What a close of the current socket leads to: the final change (no delay), or
 * the reconnecting change with attempt `attempt`'s backoff delay. `told` is the
 * server's `ended` status that came before the close, if any.
 */
export function closeOutcome(
  close: { code: number; reason: string },
  told: StateChange | null,
  attempt: number,
  backoff: BackoffOptions,
): { change: StateChange; delayMs: number | null } {
  const reason = told?.reason ?? (close.reason || undefined);
  const change: StateChange = {
    state: 'ended',
    closeCode: close.code,
    ...(told?.code !== undefined && { code: told.code }),
    ...(reason !== undefined && { reason }),
  };
  // The server's word when it gave one (its catalogue's retry class), never the close code.
  if (isFinalClose(close.code, told ?? undefined)) return { change, delayMs: null };
  // Transient: the network, a restarting server, a session still starting, capacity.
  const delayMs = backoffDelay(attempt, backoff);
  return { change: { ...change, state: 'reconnecting', retryInMs: delayMs, attempt }, delayMs };
}

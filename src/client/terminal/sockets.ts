/**
 * Letting go of a terminal websocket: its handlers unhooked so that nothing it
 * still delivers reaches the connection, then closed; and waiting for a close
 * that may never be reported.
 */
import type { TimerApi } from './timers.ts';
import type { SocketLike } from './types.ts';

export function dropSocket(socket: SocketLike, reason: string): void {
  socket.onopen = null;
  socket.onmessage = null;
  socket.onclose = null;
  socket.onerror = null;
  try {
    socket.close(1000, reason);
  } catch {
    // already closed
  }
}

/** Calls `then` once, when `socket` reports its close or after `waitMs`, whichever comes first. */
export function afterClose(
  socket: SocketLike,
  timers: TimerApi,
  waitMs: number,
  then: () => void,
): void {
  let called = false;
  const once = (): void => {
    if (called) return;
    called = true;
    then();
  };
  socket.onclose = once;
  timers.setTimeout(once, waitMs);
}

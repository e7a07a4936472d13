/** The types of TerminalConnection's API (terminal-connection.ts). */
import type { ErrorCode, RetryClass, TaskResult } from '../../../server/protocol.ts';
import type { TimerApi } from './timers.ts';

export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'ended';

/** Why the connection is in its state; `code` is the server's error code when it sent one. */
export interface StateChange {
  state: ConnectionState;
  /** Websocket close code that caused the change, if any. */
  closeCode?: number;
  code?: ErrorCode;
  /** What the server said reconnecting would do, with `code`. */
  retry?: RetryClass;
  /** The server's reason, in English, when it gave one. */
  reason?: string;
  /** Milliseconds until the next attempt (reconnecting only). */
  retryInMs?: number;
  /** Attempt number of the coming reconnect (1 for the first). */
  attempt?: number;
  /** The server opened the window read-only (live only). */
  readOnly?: boolean;
}

export interface ConnectionListeners {
  /** Output bytes; call `rendered()` once they are on screen (it acknowledges them). */
  data?: (bytes: Uint8Array, rendered: () => void) => void;
  state?: (change: StateChange) => void;
  tasks?: (tasks: TaskResult[]) => void;
  /** The history was printed afresh for a reader scrolling back (refreshScrollback), and the shell is attached. */
  historyPrinted?: () => void;
}

/** The subset of the browser WebSocket this class uses (a fake in unit tests). */
export interface SocketLike {
  binaryType: string;
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: string | ArrayBufferView | ArrayBuffer): void;
  close(code?: number, reason?: string): void;
}

export type SocketFactory = (url: string) => SocketLike;

export interface TerminalConnectionOptions {
  /** Origin of the lab server, e.g. "http://localhost:8080"; ws(s) is derived from it. */
  baseUrl: string;
  sessionId: string;
  token: string;
  /** tmux window; default "main". */
  window?: string;
  readOnly?: boolean;
  /** The reader's language ("en", "zh-cn"): live task feedback comes in it. */
  lang?: string;
  cols?: number;
  rows?: number;
  listeners?: ConnectionListeners;
  /** Default: `new WebSocket(url)`. */
  socketFactory?: SocketFactory;
  timers?: TimerApi;
  /** Random number in [0, 1) for jitter. Default Math.random. */
  random?: () => number;
  /** Backoff: first delay window and cap, ms. Defaults 500 and 10 000. */
  minDelayMs?: number;
  maxDelayMs?: number;
  /** Acknowledge once this many rendered bytes are pending. Default 16 KiB. */
  ackBatchBytes?: number;
  /** …or this long after the last render, ms. Default 100. */
  ackDelayMs?: number;
  /** Longest wait, once live, for the shell to attach before typed input is sent anyway, ms. Default 1500. */
  attachTimeoutMs?: number;
}

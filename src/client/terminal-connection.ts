/**
 * One terminal websocket to one window of one lab session, without any DOM: it
 * authenticates (token in the first message), carries keystrokes and output,
 * acknowledges rendered output for the server's flow control, and reconnects
 * with exponential backoff and jitter after transient closes. Final closes
 * (session ended, bad token, no session) end it for good with the reason.
 * The `<netlab-terminal>` element drives one of these.
 *
 * State: connecting → live → (reconnecting → live)* → ended. A redraw at a new
 * size (terminal/screen-size.ts) attaches again and goes live → live.
 */
import type { ClientMessage } from '../../server/protocol.ts';
import { AckBatcher } from './terminal/ack-batcher.ts';
import { encodeClientMessage, frameBytes, parseServerMessage } from './terminal/messages.ts';
import { closeOutcome } from './terminal/reconnect-policy.ts';
import { InputGate } from './terminal/input-gate.ts';
import { ScreenSync } from './terminal/screen-sync.ts';
import { afterClose, dropSocket } from './terminal/sockets.ts';
import { terminalUrl } from './terminal/terminal-url.ts';
import { realTimers, type TimerApi } from './terminal/timers.ts';
import type {
  ConnectionListeners,
  ConnectionState,
  SocketFactory,
  SocketLike,
  StateChange,
  TerminalConnectionOptions,
} from './terminal/types.ts';

export { CLOSE_SHELL_EXITED } from './terminal/reconnect-policy.ts';
export type { TimerApi } from './terminal/timers.ts';
export type * from './terminal/types.ts';

const OPEN = 1;
const encoder = new TextEncoder();
/** How long a redraw waits for the old socket's close, which frees its place in TERMINALS_PER_SESSION. */
const REDRAW_CLOSE_WAIT_MS = 1000;

export class TerminalConnection {
  private readonly options: TerminalConnectionOptions & { window: string; readOnly: boolean };
  private readonly listeners: ConnectionListeners;
  private readonly socketFactory: SocketFactory;
  private readonly timers: TimerApi;
  private readonly acks: AckBatcher;
  private socket: SocketLike | null = null;
  /** Increases with every socket, so late events and renders of an old socket are ignored. */
  private generation = 0;
  private currentState: ConnectionState = 'connecting';
  private started = false;
  private attempts = 0;
  private retryTimer: unknown = null;
  private cols: number;
  private rows: number;
  /** What the current attach drew, and when to attach again (terminal/screen-sync.ts). */
  private readonly sync: ScreenSync;
  /** A reader scrolling back asked for the history: they hear when it is printed. */
  private historyAsked = false;
  /** Input typed before the shell attached on the current socket, sent once it has. */
  private readonly input: InputGate;
  /** The server's `ended` status, kept for the close that follows; then the final change. */
  private lastEnd: StateChange | null = null;
  private readOnlyLive = false;

  constructor(options: TerminalConnectionOptions) {
    this.options = { window: 'main', readOnly: false, ...options };
    this.listeners = options.listeners ?? {};
    this.socketFactory =
      options.socketFactory ?? ((url) => new WebSocket(url) as unknown as SocketLike);
    this.timers = options.timers ?? realTimers;
    this.input = new InputGate(this.timers, (held) => this.onAttached(held));
    this.sync = new ScreenSync(this.timers);
    this.cols = options.cols ?? 80;
    this.rows = options.rows ?? 24;
    this.acks = new AckBatcher({
      batchBytes: options.ackBatchBytes ?? 16 * 1024,
      delayMs: options.ackDelayMs ?? 100,
      timers: this.timers,
      send: (bytes) => this.sendMessage({ type: 'ack', bytes }),
    });
  }

  get state(): ConnectionState {
    return this.currentState;
  }

  /** Why the connection is over, once it is. */
  get endReason(): StateChange | null {
    return this.currentState === 'ended' ? this.lastEnd : null;
  }

  /** Whether the server opened the window read-only. */
  get readOnly(): boolean {
    return this.readOnlyLive;
  }

  /** The websocket URL (without the token, which goes in the first message). */
  url(): string {
    const { baseUrl, sessionId, window, readOnly, lang } = this.options;
    return terminalUrl({
      baseUrl,
      sessionId,
      window,
      readOnly,
      lang,
      cols: this.cols,
      rows: this.rows,
    });
  }

  /** Opens the connection (once); later calls do nothing. */
  connect(): void {
    if (this.started) return;
    this.started = true;
    this.open('connecting');
  }

  /** Reconnects now: after an end, or to skip the wait of a pending retry. */
  reconnect(): void {
    if (this.currentState === 'live' || this.currentState === 'connecting') return;
    this.started = true;
    this.clearRetry();
    this.attempts = 0;
    this.open(this.currentState === 'ended' ? 'connecting' : 'reconnecting');
  }

  /** Sends keystrokes or pasted text. Input while not live waits and is sent once live. */
  send(data: string | Uint8Array): void {
    const bytes = typeof data === 'string' ? encoder.encode(data) : data;
    if (!bytes.length || this.currentState === 'ended') return;
    if (this.currentState === 'live' && this.input.open && this.socket?.readyState === OPEN) {
      this.socket.send(bytes);
    } else {
      this.input.hold(bytes);
    }
  }

  /**
   * The terminal's size changed; the server is told when live (or on the next
   * connect), or draws the screen afresh when a resize would lose lines (screen-size.ts).
   */
  resize(cols: number, rows: number): void {
    if (!Number.isInteger(cols) || !Number.isInteger(rows) || cols < 1 || rows < 1) return;
    this.cols = Math.min(cols, 1000);
    this.rows = Math.min(rows, 1000);
    if (this.currentState === 'live') this.onSize();
  }

  /**
   * Prints tmux's history afresh (a new attach at the same size) when the
   * browser's scrollback misses lines (terminal/lost-lines.ts): for a reader
   * about to scroll back. True when it does.
   */
  refreshScrollback(): boolean {
    if (this.currentState !== 'live' || !this.sync.linesLost || this.sync.pending) return false;
    this.historyAsked = true;
    this.redraw('redrawn for the scrollback');
    return true;
  }

  /** Closes for good (the reader left or ended the lab). No reconnect follows. */
  close(): void {
    this.clearRetry();
    this.sync.cancel();
    this.acks.flush();
    this.detach('closed by the page');
    this.input.clear();
    this.lastEnd = { state: 'ended', reason: 'closed' };
    this.setState(this.lastEnd);
  }

  // ---- internals ---------------------------------------------------------------

  /** A new socket; `null` for a redraw, which keeps the state (and the reader's input) as it is. */
  private open(state: 'connecting' | 'reconnecting' | null): void {
    this.detach('reconnecting');
    const generation = ++this.generation;
    this.sync.attach({ cols: this.cols, rows: this.rows }); // the URL carries the size
    this.input.reset();
    this.readOnlyLive = false;
    this.lastEnd = null;
    // Always announce a reconnect attempt (a waiting one was announced with its delay).
    if (state && (this.currentState !== state || state === 'reconnecting'))
      this.setState({ state });
    let socket: SocketLike;
    try {
      socket = this.socketFactory(this.url());
    } catch (error) {
      this.onClosed(generation, 1006, error instanceof Error ? error.message : 'could not connect');
      return;
    }
    this.socket = socket;
    socket.binaryType = 'arraybuffer';
    socket.onopen = () => {
      if (generation === this.generation) {
        this.sendMessage({ type: 'auth', token: this.options.token });
      }
    };
    socket.onmessage = (event) => {
      if (generation === this.generation) this.onMessage(generation, event.data);
    };
    socket.onclose = (event) => this.onClosed(generation, event.code, event.reason);
    socket.onerror = () => undefined; // a close event always follows
  }

  private onMessage(generation: number, data: unknown): void {
    if (typeof data === 'string') {
      this.onControl(data);
      return;
    }
    const bytes = frameBytes(data);
    if (!bytes) return;
    this.input.output(bytes);
    const shown = this.sync.output(bytes);
    let acked = false;
    const rendered = (): void => {
      if (acked || generation !== this.generation) return;
      acked = true;
      this.acks.rendered(bytes.byteLength);
    };
    if (this.listeners.data && shown) this.listeners.data(bytes, rendered);
    else rendered();
  }

  private onControl(text: string): void {
    const message = parseServerMessage(text);
    if (message?.type === 'tasks') {
      this.listeners.tasks?.(message.tasks);
    } else if (message?.type === 'live') {
      this.attempts = 0;
      this.readOnlyLive = message.readOnly;
      this.setState({ state: 'live', readOnly: message.readOnly });
      this.onSize();
      // Input waits for the shell to attach (see InputGate), at most attachTimeoutMs.
      this.input.live(this.options.attachTimeoutMs ?? 1500);
    } else if (message?.type === 'ended') {
      // The close that follows carries the code; keep the fuller reason from here.
      this.lastEnd = {
        state: 'ended',
        ...(message.code !== undefined && { code: message.code }),
        ...(message.retry !== undefined && { retry: message.retry }),
        ...(message.reason !== undefined && { reason: message.reason }),
      };
    }
  }

  private onClosed(generation: number, closeCode: number, closeReason: string): void {
    if (generation !== this.generation || this.currentState === 'ended') return;
    this.socket = null;
    this.acks.reset();
    this.input.stop();
    this.sync.cancel();
    const { change, delayMs } = closeOutcome(
      { code: closeCode, reason: closeReason },
      this.lastEnd,
      this.attempts + 1,
      {
        minDelayMs: this.options.minDelayMs ?? 500,
        maxDelayMs: this.options.maxDelayMs ?? 10_000,
        random: this.options.random ?? Math.random,
      },
    );
    if (delayMs === null) {
      this.input.clear();
      this.lastEnd = change;
      this.setState(change);
      return;
    }
    this.lastEnd = null;
    this.attempts += 1;
    this.setState(change);
    this.retryTimer = this.timers.setTimeout(() => {
      this.retryTimer = null;
      this.open('reconnecting');
    }, delayMs);
  }

  /** The shell is ready for keystrokes: send what was typed while it was not. */
  private onAttached(held: Uint8Array[]): void {
    if (this.historyAsked) {
      this.historyAsked = false;
      this.listeners.historyPrinted?.();
    }
    if (this.readOnlyLive || this.socket?.readyState !== OPEN) return;
    for (const bytes of held) this.socket.send(bytes);
  }

  private onSize(): void {
    this.sync.cancel();
    if (this.readOnlyLive) return;
    const size = { cols: this.cols, rows: this.rows };
    const change = this.sync.sized(size, this.input.open, () =>
      this.redraw('redrawn at a new size'),
    );
    if (change === 'resize' && this.sendMessage({ type: 'resize', ...size }))
      this.sync.resized(size);
  }

  /** Attaches again at the current size once the old socket is closed; the state stays live. */
  private redraw(reason: string): void {
    const old = this.socket;
    if (this.currentState !== 'live' || !old) return;
    const generation = this.generation;
    this.detach(reason);
    afterClose(old, this.timers, REDRAW_CLOSE_WAIT_MS, () => {
      if (generation === this.generation && this.currentState === 'live') this.open(null);
    });
  }

  private sendMessage(message: ClientMessage): boolean {
    if (this.socket?.readyState !== OPEN) return false;
    this.socket.send(encodeClientMessage(message));
    return true;
  }

  private setState(change: StateChange): void {
    this.currentState = change.state;
    this.listeners.state?.(change);
  }

  private detach(reason: string): void {
    const socket = this.socket;
    this.socket = null;
    this.acks.reset();
    this.input.stop();
    if (socket) dropSocket(socket, reason);
  }

  private clearRetry(): void {
    if (this.retryTimer !== null) this.timers.clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }
}

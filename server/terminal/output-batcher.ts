/**
 * A terminal's output on its way to the socket, in fewer and larger frames.
 * Output in a stream (the last two frames went out within `windowMs` and
 * twice that) is held until the window after the last frame ends, and goes
 * out as one frame; anything else goes out at once, so a keystroke's echo, or
 * the two writes tmux may make of it, wait for nothing. (VS Code's terminal
 * batches its pty output in 5 ms windows, echo included.)
 *
 * Why: tmux writes a fast stream (`cat` of a big file) to its client in small
 * pieces, ~8,300 frames of ~6 KB for 50 MB. Every frame costs the server a
 * websocket write and the browser a message, an `xterm.write` and its share of
 * an acknowledgement; on a 2-core host that work slowed tmux itself.
 * BENCHMARKS.md has the same-run comparison.
 */
export interface OutputBatcherOptions {
  /** How long after a frame further output is held for the next one; 0 sends every chunk as it comes. */
  windowMs: number;
  /** Output held up to this many bytes goes out at once, window or not. */
  maxBytes: number;
  send: (chunk: Buffer) => void;
  now?: () => number;
}

export class OutputBatcher {
  private readonly options: OutputBatcherOptions;
  private readonly now: () => number;
  private held: Buffer[] = [];
  private heldBytes = 0;
  private lastSent = Number.NEGATIVE_INFINITY;
  private sentBefore = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | undefined;

  constructor(options: OutputBatcherOptions) {
    this.options = options;
    this.now = options.now ?? (() => performance.now());
  }

  push(chunk: Buffer): void {
    this.held.push(chunk);
    this.heldBytes += chunk.length;
    if (this.timer) {
      if (this.heldBytes >= this.options.maxBytes) this.flush();
      return;
    }
    const { windowMs, maxBytes } = this.options;
    const now = this.now();
    const wait = this.lastSent + windowMs - now;
    const stream = now - this.sentBefore < 2 * windowMs;
    if (wait <= 0 || !stream || this.heldBytes >= maxBytes) this.flush();
    else this.timer = setTimeout(() => this.flush(), wait);
  }

  /** Sends what is held now (the stream ended, say). */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.held.length) return;
    const chunk = this.held.length === 1 ? this.held[0] : Buffer.concat(this.held);
    this.held = [];
    this.heldBytes = 0;
    this.sentBefore = this.lastSent;
    this.lastSent = this.now();
    if (chunk) this.options.send(chunk);
  }

  /** Drops what is held: the socket is gone. */
  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.held = [];
    this.heldBytes = 0;
  }
}

/**
 * Output flow control for one terminal, after xterm.js's flow-control guide:
 * the client acknowledges the bytes it has rendered; when unacknowledged output
 * passes the high watermark the server stops reading from the shell, and reads
 * again once it falls below the low watermark.
 *
 * Acknowledgements are the client's word, so they are not trusted alone: what
 * the socket really holds unsent (`queued`, the websocket's bufferedAmount) is
 * held to the same watermarks. A client that acknowledges everything and reads
 * nothing fills the socket, output pauses, and memory per terminal stays
 * bounded by the high watermark plus one read, however fast the shell writes.
 */
export interface FlowControlOptions {
  high: number;
  low: number;
  /** Bytes sent but still held by the server's socket (ws: `bufferedAmount`). */
  queued: () => number;
  pause: () => void;
  resume: () => void;
}

export class FlowControl {
  private unacked = 0;
  private paused = false;
  private readonly options: FlowControlOptions;

  constructor(options: FlowControlOptions) {
    this.options = options;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  get pending(): number {
    return this.unacked;
  }

  sent(bytes: number): void {
    this.unacked += bytes;
    const { high } = this.options;
    if (!this.paused && (this.unacked > high || this.options.queued() > high)) {
      this.paused = true;
      this.options.pause();
    }
  }

  acked(bytes: number): void {
    this.unacked = Math.max(0, this.unacked - bytes);
    this.maybeResume();
  }

  /** The socket wrote some queued bytes out (the send callback): maybe read again. */
  drained(): void {
    this.maybeResume();
  }

  private maybeResume(): void {
    const { low } = this.options;
    if (this.paused && this.unacked < low && this.options.queued() < low) {
      this.paused = false;
      this.options.resume();
    }
  }
}

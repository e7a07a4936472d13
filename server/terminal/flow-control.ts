/**
 * Output flow control for one terminal, after xterm.js's flow-control guide:
 * the client acknowledges the bytes it has rendered; when unacknowledged output
 * passes the high watermark the server stops reading from the shell, and reads
 * again once it falls below the low watermark. Memory per terminal is therefore
 * bounded by the high watermark plus one read, however fast the shell writes.
 */
export class FlowControl {
  private unacked = 0;
  private paused = false;
  private readonly high: number;
  private readonly low: number;
  private readonly pause: () => void;
  private readonly resume: () => void;

  constructor(options: { high: number; low: number; pause: () => void; resume: () => void }) {
    this.high = options.high;
    this.low = options.low;
    this.pause = options.pause;
    this.resume = options.resume;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  get pending(): number {
    return this.unacked;
  }

  sent(bytes: number): void {
    this.unacked += bytes;
    if (!this.paused && this.unacked > this.high) {
      this.paused = true;
      this.pause();
    }
  }

  acked(bytes: number): void {
    this.unacked = Math.max(0, this.unacked - bytes);
    if (this.paused && this.unacked < this.low) {
      this.paused = false;
      this.resume();
    }
  }
}

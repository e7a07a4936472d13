import type { Duplex } from 'node:stream';
import type headless from '@xterm/headless';

export type Screen = InstanceType<typeof headless.Terminal>;

/**
 * Writes a stream into a headless screen with watermark flow control (the
 * screen discards writes past 50 MB queued): the stream pauses while more than
 * `high` bytes wait to be parsed and resumes below `low`.
 */
export class ScreenSink {
  private pending = 0;
  private idle: (() => void) | undefined;
  private readonly screen: Screen;
  private readonly source: Pick<Duplex, 'pause' | 'resume'>;
  private readonly high: number;
  private readonly low: number;

  constructor(
    screen: Screen,
    source: Pick<Duplex, 'pause' | 'resume'>,
    high = 1 << 20,
    low = 1 << 18,
  ) {
    this.screen = screen;
    this.source = source;
    this.high = high;
    this.low = low;
  }

  write(chunk: Buffer): void {
    this.pending += chunk.length;
    if (this.pending > this.high) this.source.pause();
    this.screen.write(chunk, () => {
      this.pending -= chunk.length;
      if (this.pending < this.low) this.source.resume();
      if (this.pending === 0) this.idle?.();
    });
  }

  /** Resolves once every byte written so far is on the screen. */
  async parsed(): Promise<void> {
    if (this.pending === 0) return;
    await new Promise<void>((resolve) => (this.idle = resolve));
  }
}

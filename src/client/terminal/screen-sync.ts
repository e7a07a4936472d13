/**
 * Whether the browser still shows what tmux drew on the current attach, and
 * when it must attach again: a new size that a resize would get wrong
 * (screen-size.ts), after REDRAW_DELAY_MS; output drawn for the old size while
 * that redraw waits, which is not shown (a screen drawn for more rows than the
 * browser has scrolls its lines twice), so the redraw must then happen
 * whatever the size does next; and lines tmux scrolled past the scrollback
 * (lost-lines.ts), which a reader scrolling back gets by attaching again.
 */
import { LostLinesDetector } from './lost-lines.ts';
import { REDRAW_DELAY_MS, sizeChange, type SizeChange, type TerminalSize } from './screen-size.ts';
import type { TimerApi } from './timers.ts';

export class ScreenSync {
  readonly #timers: TimerApi;
  /** The size the server last drew at: the attach's (its URL's), or the last resize sent. */
  #drawn: TerminalSize = { cols: 0, rows: 0 };
  #timer: unknown = null;
  #dropped = false;
  #lostLines = new LostLinesDetector();

  constructor(timers: TimerApi) {
    this.#timers = timers;
  }

  /** Whether a redraw waits for its delay. */
  get pending(): boolean {
    return this.#timer !== null;
  }

  /** Whether the scrollback misses lines tmux scrolled past it on this attach. */
  get linesLost(): boolean {
    return this.#lostLines.lost;
  }

  /** A new attach, drawn at `size`. */
  attach(size: TerminalSize): void {
    this.cancel();
    this.#drawn = { ...size };
    this.#dropped = false;
    this.#lostLines = new LostLinesDetector();
  }

  /** Output of the attach; whether to show it. */
  output(bytes: Uint8Array): boolean {
    this.#lostLines.feed(bytes);
    if (this.pending) this.#dropped = true;
    return !this.#dropped;
  }

  /**
   * The terminal is now `size`: 'resize' to tell the server (then `resized`),
   * 'redraw' when `redraw` is scheduled instead. `shown`: the attach's screen
   * has arrived.
   */
  sized(size: TerminalSize, shown: boolean, redraw: () => void): SizeChange {
    this.cancel();
    const change = this.#dropped ? 'redraw' : sizeChange(this.#drawn, size, shown);
    if (change === 'redraw') {
      this.#timer = this.#timers.setTimeout(() => {
        this.#timer = null;
        redraw();
      }, REDRAW_DELAY_MS);
    }
    return change;
  }

  /** The server was told of `size`. */
  resized(size: TerminalSize): void {
    this.#drawn = { ...size };
  }

  /** Calls off a waiting redraw. */
  cancel(): void {
    if (this.#timer !== null) this.#timers.clearTimeout(this.#timer);
    this.#timer = null;
  }
}

/**
 * Reads the lines the terminal has finished, from xterm.js's buffer rather than
 * from the byte stream: tmux draws the screen with cursor movements and
 * redraws, which xterm.js has already interpreted into rows. A row is finished
 * once the cursor has moved below the logical line it belongs to (rows joined
 * by wrapping are one line). A marker remembers where reading stopped; xterm
 * moves it as the scrollback is trimmed.
 *
 * After (re)attaching, tmux repaints the screen and the server replays the
 * scrollback: none of that is new output, so reading restarts at
 * the cursor once the terminal has been quiet for `settleMs`, or as soon as the
 * reader types (they act on the screen as it is, so the repaint is over).
 */
import type { TimerApi } from './timers.ts';

/** The part of xterm.js's Terminal the reader uses (a fake in unit tests). */
export interface ReaderTerminal {
  readonly rows: number;
  readonly buffer: { readonly active: ReaderBuffer };
  registerMarker(cursorYOffset?: number): ReaderMarker | undefined;
}

export interface ReaderBuffer {
  readonly baseY: number;
  readonly cursorY: number;
  getLine(
    y: number,
  ): { readonly isWrapped: boolean; translateToString(trim?: boolean): string } | undefined;
}

export interface ReaderMarker {
  readonly line: number;
  readonly isDisposed: boolean;
  dispose(): void;
}

export interface LineReaderOptions {
  term: ReaderTerminal;
  /**
   * Finished lines since the last call, the (unfinished) line under the cursor,
   * and whether lines went by unseen before these (see `beforeScroll`).
   */
  onLines: (lines: string[], cursorLine: string, skipped: boolean) => void;
  timers: TimerApi;
  /** Read at most this often while output flows, ms. Default 100. */
  delayMs?: number;
  /** Quiet time that ends a repaint, ms. Default 300. */
  settleMs?: number;
}

export class LineReader {
  private readonly options: Required<LineReaderOptions>;
  private marker: ReaderMarker | null = null;
  private settling = true;
  private settleTimer: unknown = null;
  private readTimer: unknown = null;
  /** The screen scrolled since the last read: a marker gone with it was at the top. */
  private scrolled = false;
  private skipped = false;

  constructor(options: LineReaderOptions) {
    this.options = { delayMs: 100, settleMs: 300, ...options };
  }

  /** Skips what is being drawn now; reads what comes after it. */
  resync(): void {
    this.cancelRead();
    this.settling = true;
    this.restartSettle();
  }

  /** The reader typed: a repaint in progress is over; reading starts at the cursor's line. */
  typed(): void {
    if (this.settling) this.settle();
  }

  /**
   * The screen is about to scroll up `count` rows (`CSI n S`, how tmux scrolls
   * output at the bottom). xterm.js drops the rows that leave the top rather
   * than keep them in its scrollback, so what is finished is read now, before
   * they go. tmux sends the screen, not the stream: when more output came at
   * once than the screen holds, it scrolls the whole screen and draws only the
   * last screenful, so the lines before it never reach the browser.
   */
  beforeScroll(count: number): void {
    if (this.settling) return;
    // tmux may scroll with the cursor still on the command's line ("\r", then
    // CSI n S): when the scroll takes that row too, it is finished now.
    this.read(this.options.term.buffer.active.cursorY < count);
    this.scrolled = true;
    if (count >= this.options.term.rows) this.skipped = true;
  }

  /** xterm.js parsed more output. */
  written(): void {
    if (this.settling) this.restartSettle();
    else this.readTimer ??= this.options.timers.setTimeout(() => this.read(), this.options.delayMs);
  }

  /** Reads now what has been finished; with `cursorGoes`, the cursor's line as well. */
  read(cursorGoes = false): void {
    this.cancelRead();
    if (this.settling) return;
    const buffer = this.options.term.buffer.active;
    const cursor = buffer.baseY + buffer.cursorY;
    const first = lineStart(buffer, cursor);
    const end = cursorGoes ? cursor + 1 : first;
    // A marker that is gone went with a scroll (the next line is the screen's top)
    // or with the oldest scrollback (the next line is the oldest kept).
    const marked = this.marker && !this.marker.isDisposed ? this.marker.line : null;
    let start = marked ?? (this.scrolled ? buffer.baseY : 0);
    // The screen was cleared above where reading stopped: nothing finished is new.
    if (start > end) start = end;
    const lines: string[] = [];
    for (let y = start; y < end; y++) {
      const row = buffer.getLine(y);
      if (!row) continue;
      const text = row.translateToString(true);
      if (row.isWrapped && lines.length) lines.push((lines.pop() ?? '') + text);
      else lines.push(text);
    }
    let cursorLine = '';
    if (cursorGoes) {
      // Reading goes on at the screen's top after the scroll (see `scrolled`).
      this.marker?.dispose();
      this.marker = null;
    } else {
      this.markAt(end - cursor);
      for (let y = end; y <= cursor; y++)
        cursorLine += buffer.getLine(y)?.translateToString(true) ?? '';
    }
    const skipped = this.skipped;
    this.scrolled = false;
    this.skipped = false;
    this.options.onLines(lines, cursorLine, skipped);
  }

  stop(): void {
    this.cancelRead();
    if (this.settleTimer !== null) this.options.timers.clearTimeout(this.settleTimer);
    this.settleTimer = null;
    this.marker?.dispose();
    this.marker = null;
    this.settling = true;
  }

  private restartSettle(): void {
    const { timers } = this.options;
    if (this.settleTimer !== null) timers.clearTimeout(this.settleTimer);
    this.settleTimer = timers.setTimeout(() => this.settle(), this.options.settleMs);
  }

  private settle(): void {
    if (this.settleTimer !== null) this.options.timers.clearTimeout(this.settleTimer);
    this.settleTimer = null;
    this.settling = false;
    const buffer = this.options.term.buffer.active;
    const cursor = buffer.baseY + buffer.cursorY;
    this.markAt(lineStart(buffer, cursor) - cursor);
  }

  private markAt(offsetFromCursor: number): void {
    this.marker?.dispose();
    this.marker = this.options.term.registerMarker(offsetFromCursor) ?? null;
  }

  private cancelRead(): void {
    if (this.readTimer !== null) this.options.timers.clearTimeout(this.readTimer);
    this.readTimer = null;
  }
}

/** The first row of the logical line that row `y` belongs to. */
function lineStart(buffer: ReaderBuffer, y: number): number {
  let row = y;
  while (row > 0 && buffer.getLine(row)?.isWrapped) row--;
  return row;
}

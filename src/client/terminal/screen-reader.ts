/**
 * A terminal's screen-reader mode: xterm.js's `screenReaderMode` (its rows as
 * an accessibility tree the reader can move through, typed characters read from
 * its textarea) plus a transcript of finished lines, chunked by command
 * (transcript.ts), that the lab pane's log announces.
 *
 * xterm.js also has a live region of its own that speaks every printed
 * character, assertively, up to 20 lines per keystroke. Behind tmux that is
 * every redraw as well, and it would say each output a second time next to the
 * log, so it is turned off (aria-live="off") while this mode is on: the log is
 * the one voice for output.
 */
import type { IDisposable, Terminal } from '@xterm/xterm';
import { realTimers } from './timers.ts';
import { LineReader } from './line-reader.ts';
import { Transcript, type TranscriptChunk } from './transcript.ts';

export const TRANSCRIPT_MAX_LINES = 20;

export class TerminalScreenReader {
  readonly #term: Terminal;
  readonly #transcript: Transcript;
  readonly #reader: LineReader;
  #subscriptions: IDisposable[] = [];

  constructor(term: Terminal, emit: (chunk: TranscriptChunk) => void) {
    this.#term = term;
    this.#transcript = new Transcript({
      emit,
      timers: realTimers,
      maxLines: TRANSCRIPT_MAX_LINES,
    });
    this.#reader = new LineReader({
      term,
      timers: realTimers,
      onLines: (lines, cursorLine, skipped) => this.#transcript.feed(lines, cursorLine, skipped),
    });
  }

  get enabled(): boolean {
    return this.#subscriptions.length > 0;
  }

  enable(): void {
    if (this.enabled) return;
    this.#term.options.screenReaderMode = true;
    this.#term.element
      ?.querySelector('.xterm-accessibility .live-region')
      ?.setAttribute('aria-live', 'off');
    this.#subscriptions = [
      this.#term.onWriteParsed(() => this.#reader.written()),
      this.#term.onData(() => this.#reader.typed()),
      // Called before xterm.js's own handler (returning false lets it run).
      this.#term.parser.registerCsiHandler({ final: 'S' }, (params) => {
        const count = params[0];
        this.#reader.beforeScroll(typeof count === 'number' && count > 0 ? count : 1);
        return false;
      }),
      // A resize reflows the rows and tmux repaints them in place: rows the
      // reader has passed keep their content (xterm.js moves its markers with
      // them), so reading goes on; settling here would lose what the shell
      // prints meanwhile, and the layout changes often (tasks, a phone keyboard).
      this.#term.onResize(() => this.#reader.read()),
    ];
    this.#reader.resync();
  }

  disable(): void {
    if (!this.enabled) return;
    for (const subscription of this.#subscriptions.splice(0)) subscription.dispose();
    this.#reader.stop();
    this.#transcript.reset();
    this.#term.options.screenReaderMode = false;
  }

  /** The terminal (re)attached: the screen was reset, then repainted and the scrollback replayed. */
  resync(): void {
    if (!this.enabled) return;
    this.#transcript.reset();
    this.#reader.resync();
  }
}

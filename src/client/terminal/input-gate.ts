/**
 * When the reader's keystrokes may go to the socket: only once the shell has
 * attached on it (tmux's attach sequence in the output, then a moment for tmux
 * to finish drawing), or a timeout after the socket went live. Until then they
 * are held (held-input.ts) and sent in order when the gate opens.
 */
import { AttachDetector } from './attach-detector.ts';
import { HeldInput } from './held-input.ts';
import type { TimerApi } from './timers.ts';

/** Delay between seeing the attach sequence and sending held input, ms. */
const ATTACH_SETTLE_MS = 50;
/** Input kept while the gate is shut; more is dropped (the shell could not take it at once anyway). */
const MAX_HELD_BYTES = 64 * 1024;

export class InputGate {
  readonly #held = new HeldInput(MAX_HELD_BYTES);
  readonly #timers: TimerApi;
  /** Gets what was held when the gate opens. */
  readonly #flush: (held: Uint8Array[]) => void;
  #attach = new AttachDetector();
  #timer: unknown = null;
  #open = false;

  constructor(timers: TimerApi, flush: (held: Uint8Array[]) => void) {
    this.#timers = timers;
    this.#flush = flush;
  }

  /** Whether keystrokes go straight to the socket. */
  get open(): boolean {
    return this.#open;
  }

  /** A new socket: shut until its shell attaches; held answers to the old one's queries are dropped. */
  reset(): void {
    this.stop();
    this.#held.dropReports();
    this.#attach = new AttachDetector();
    this.#open = false;
  }

  /** Output of the current socket: tmux's attach sequence opens the gate a moment later. */
  output(bytes: Uint8Array): void {
    if (!this.#open && !this.#attach.attached && this.#attach.feed(bytes))
      this.#openIn(ATTACH_SETTLE_MS);
  }

  /** The socket went live: the gate opens at the attach, or after `timeoutMs` at the latest. */
  live(timeoutMs: number): void {
    if (!this.#open && this.#timer === null) this.#openIn(timeoutMs);
  }

  hold(bytes: Uint8Array): void {
    this.#held.hold(bytes);
  }

  /** Forgets what was held (the connection is over). */
  clear(): void {
    this.#held.clear();
  }

  /** Cancels a pending opening (the socket is going away). */
  stop(): void {
    if (this.#timer !== null) this.#timers.clearTimeout(this.#timer);
    this.#timer = null;
  }

  #openIn(ms: number): void {
    this.stop();
    this.#timer = this.#timers.setTimeout(() => {
      this.#timer = null;
      this.#open = true;
      this.#flush(this.#held.take());
    }, ms);
  }
}

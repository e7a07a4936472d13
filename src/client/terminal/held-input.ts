/**
 * Keystrokes typed while the shell is not attached (connecting, a reconnect, a
 * redraw at a new size), kept to be sent in order once it is. Bounded: beyond
 * `maxBytes`, more is dropped (the shell could not take it at once anyway).
 */
import { isTerminalReport } from './reports.ts';

export class HeldInput {
  readonly #maxBytes: number;
  #chunks: Uint8Array[] = [];
  #bytes = 0;

  constructor(maxBytes: number) {
    this.#maxBytes = maxBytes;
  }

  hold(bytes: Uint8Array): void {
    if (this.#bytes + bytes.length > this.#maxBytes) return;
    this.#chunks.push(bytes);
    this.#bytes += bytes.length;
  }

  /** Everything held, in order; nothing is held after. */
  take(): Uint8Array[] {
    const chunks = this.#chunks;
    this.clear();
    return chunks;
  }

  clear(): void {
    this.#chunks = [];
    this.#bytes = 0;
  }

  /** Drops the terminal's answers to the last tmux client's queries: the next one did not ask. */
  dropReports(): void {
    this.#chunks = this.#chunks.filter((bytes) => !isTerminalReport(bytes));
    this.#bytes = this.#chunks.reduce((sum, bytes) => sum + bytes.length, 0);
  }
}

/**
 * Tells when the browser's scrollback has stopped holding the shell's whole
 * past. tmux draws only the final state of the screen after each read of the
 * shell's output: lines that scroll past within one read never reach the
 * browser, and it scrolls the screen by several lines at once with SU
 * (`ESC [ n S`), which xterm.js carries out without keeping the lines it
 * scrolls off. A single line scrolled by a newline is kept. So the first SU
 * after an attach means the scrollback misses lines, which only tmux's history
 * has: a new attach prints that history again (terminal.sh).
 */
const ESC = 0x1b;
const BRACKET = 0x5b; // [
const SU = 0x53; // S
const isDigit = (byte: number): boolean => byte >= 0x30 && byte <= 0x39;

export class LostLinesDetector {
  /** 0: outside; 1: after ESC; 2: in `ESC [` followed by digits only. */
  private state = 0;
  private seen = false;

  /** Whether an SU has come since this detector was made (one per attach). */
  get lost(): boolean {
    return this.seen;
  }

  /** Feeds output, which may split a sequence anywhere; returns `lost`. */
  feed(bytes: Uint8Array): boolean {
    if (this.seen) return true;
    for (const byte of bytes) {
      if (byte === ESC) this.state = 1;
      else if (this.state === 1) this.state = byte === BRACKET ? 2 : 0;
      else if (this.state === 2 && isDigit(byte)) continue;
      else if (this.state === 2 && byte === SU) {
        this.seen = true;
        return true;
      } else this.state = 0;
    }
    return false;
  }
}

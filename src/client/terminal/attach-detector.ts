/**
 * Tells when the shell's terminal multiplexer has attached, from the output:
 * before that the server runs the window's set-up script (it prints the saved
 * scrollback) with the TTY in cooked mode, so keystrokes sent then would be
 * echoed a second time above the prompt. tmux starts its attach with DEC
 * private-mode sequences (`ESC [ ?`, e.g. `ESC[?1h`); the saved scrollback
 * holds only colour sequences (`ESC [ … m`), so the first `ESC [ ?` marks it.
 */
const ESC = 0x1b;
const BRACKET = 0x5b; // [
const QUESTION = 0x3f; // ?

export class AttachDetector {
  /** How much of `ESC [ ?` the previous chunk ended with. */
  private matched = 0;
  private seen = false;

  get attached(): boolean {
    return this.seen;
  }

  /** Feeds output; true once the attach sequence has been seen (in this or an earlier chunk). */
  feed(bytes: Uint8Array): boolean {
    if (this.seen) return true;
    for (const byte of bytes) {
      if (byte === ESC) this.matched = 1;
      else if (this.matched === 1 && byte === BRACKET) this.matched = 2;
      else if (this.matched === 2 && byte === QUESTION) {
        this.seen = true;
        return true;
      } else this.matched = 0;
    }
    return false;
  }
}

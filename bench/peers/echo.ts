/**
 * Keystroke echo, measured honestly: each key typed is a letter not yet on the
 * line, and its echo is the first output that carries that letter — not the
 * first output of any kind after it (a prompt redraw, a bell or a status line
 * would otherwise count as an echo).
 */

const ESCAPES =
  // eslint-disable-next-line no-control-regex -- matching escape sequences is the point
  /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-B]|\x1b[=>]/g;

/** The keys a typist cycles through; after all of them the line is cleared (Ctrl-U), untimed. */
export const ECHO_KEYS = 'abcdefghijklmnopqrstuvwxyz';

/** Terminal output without its escape sequences. */
export function plainText(text: string): string {
  return text.replace(ESCAPES, '');
}

/** Whether an output frame (raw terminal bytes as text) carries the echo of `key`. */
export function carriesEcho(frame: string, key: string): boolean {
  return plainText(frame).includes(key);
}

/**
 * Waits for the echo of one key on a stream of frames: feed it every frame;
 * it answers the time the echo arrived, or null while it has not.
 */
export class EchoWatch {
  private readonly key: string;
  private readonly since: number;
  /** The end of the previous frame, for an echo split from its escape sequence. */
  private carry = '';
  arrivedAfterMs: number | null = null;

  constructor(key: string, since: number) {
    this.key = key;
    this.since = since;
  }

  feed(frame: string, now: number): boolean {
    if (this.arrivedAfterMs !== null) return true;
    const text = this.carry + frame;
    this.carry = text.slice(-16);
    if (!carriesEcho(text, this.key)) return false;
    this.arrivedAfterMs = now - this.since;
    return true;
  }
}

/**
 * The bytes the phone key bar sends, and what its one-shot Ctrl does to the
 * next key typed on the phone's own keyboard. Pure: xterm.js's own encodings
 * (what a hardware keyboard would send) are the reference, so the shell, tmux
 * and readline see exactly what they would from a desktop.
 */

/** The keys of the bar besides Ctrl, in the order they are shown. */
export const BAR_KEYS = ['esc', 'tab', 'up', 'down', 'left', 'right', '|', '~', '/', '-'] as const;
export type BarKey = (typeof BAR_KEYS)[number];

export interface KeyContext {
  /** Ctrl was armed when the key was pressed. */
  ctrl: boolean;
  /**
   * DECCKM is on (the application asked for `ESC O A` arrows). tmux turns it on
   * while attached, so the bar must follow it as xterm's own arrows do.
   */
  applicationCursor: boolean;
}

const ARROW_FINAL: Record<'up' | 'down' | 'right' | 'left', string> = {
  up: 'A',
  down: 'B',
  right: 'C',
  left: 'D',
};

/** The bytes of one bar key. */
export function barKeyBytes(key: BarKey, context: KeyContext): string {
  switch (key) {
    case 'esc':
      return '\x1b';
    case 'tab':
      return '\t';
    case 'up':
    case 'down':
    case 'left':
    case 'right': {
      const final = ARROW_FINAL[key];
      // Modified arrows have one encoding whatever the cursor mode (xterm's `CSI 1 ; 5 X`).
      if (context.ctrl) return `\x1b[1;5${final}`;
      return context.applicationCursor ? `\x1bO${final}` : `\x1b[${final}`;
    }
    default:
      return context.ctrl ? withCtrl(key) : key;
  }
}

/**
 * `data` as if Ctrl had been held for its first key: letters and the
 * punctuation that has a control code (as xterm maps them) become that code,
 * an arrow becomes a Ctrl+arrow; anything else passes unchanged. Only the first
 * key is modified, because a phone keyboard may hand over a whole word at once.
 */
export function withCtrl(data: string): string {
  const final = arrowFinal(data);
  if (final) return `\x1b[1;5${final}${data.slice(3)}`;
  const first = data.codePointAt(0);
  if (first === undefined) return data;
  const rest = data.slice(String.fromCodePoint(first).length);
  const code = controlCode(String.fromCodePoint(first));
  return code === null ? data : String.fromCharCode(code) + rest;
}

/** The final letter of an arrow key sequence (`ESC [ A` or `ESC O A`) at the start of `data`. */
function arrowFinal(data: string): string | null {
  const final = data.charAt(2);
  const arrow = data.startsWith('\x1b[') || data.startsWith('\x1bO');
  return arrow && 'ABCD'.includes(final) && final !== '' ? final : null;
}

/** The control code of Ctrl+`char`, or null when Ctrl does not change it. */
export function controlCode(char: string): number | null {
  if (/^[a-z]$/i.test(char)) return char.toUpperCase().charCodeAt(0) & 0x1f;
  switch (char) {
    case '@':
    case ' ':
    case '2':
      return 0x00;
    case '[':
    case '3':
      return 0x1b;
    case '\\':
    case '|':
    case '4':
      return 0x1c;
    case ']':
    case '5':
      return 0x1d;
    case '^':
    case '~':
    case '6':
      return 0x1e;
    case '_':
    case '-':
    case '/':
    case '7':
      return 0x1f;
    case '?':
    case '8':
      return 0x7f;
    default:
      return null;
  }
}

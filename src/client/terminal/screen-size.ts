/**
 * What a new terminal size asks of the server. Once the browser shows the
 * screen, tmux and xterm.js agree on a change of height: both move the lines
 * above the cursor into their scrollback, or both keep them. They disagree on
 * a change of width: tmux reflows and moves lines into its history even when
 * the screen has room below, xterm.js keeps them on screen, and tmux's redraw
 * then overwrites them: the browser loses them. And before the first screen
 * has arrived, any change is a race: tmux draws for one size a screen the
 * browser already shows at another. In those cases the screen is drawn afresh
 * (a new attach at the new size prints the history first, then the screen).
 */
export interface TerminalSize {
  cols: number;
  rows: number;
}

export type SizeChange = 'none' | 'resize' | 'redraw';

/** After a change that needs a redraw, the size must hold this long: a dragged pane redraws once. */
export const REDRAW_DELAY_MS = 250;

/**
 * `drawn` is the size the server last drew at (the attach's, or the last resize
 * sent); `shown` is the screen's since the attach's first output.
 */
export function sizeChange(drawn: TerminalSize, next: TerminalSize, shown: boolean): SizeChange {
  if (next.cols === drawn.cols && next.rows === drawn.rows) return 'none';
  return shown && next.cols === drawn.cols ? 'resize' : 'redraw';
}

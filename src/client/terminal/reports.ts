/**
 * A terminal's answers to its program's queries, as xterm.js sends them on
 * the input side: device attributes (`ESC [ ? 1 ; 2 c`, `ESC [ > 0 ; 276 ; 0 c`),
 * cursor and status reports (`ESC [ 12 ; 1 R`, `ESC [ 0 n`), and OSC or DCS
 * replies. An answer to a tmux client that has gone (input held across a new
 * attach) would reach the next one unasked, and tmux would type it into the
 * shell, "1;2c" and all; a reader's own keys never look like one.
 */
// eslint-disable-next-line no-control-regex -- escape sequences are the point
const REPORT = /^\x1b(?:\[[?>]?[\d;]*[cRn]|\][^\x07\x1b]*(?:\x07|\x1b\\)|P[^\x1b]*\x1b\\)$/;

const decoder = new TextDecoder();

export function isTerminalReport(bytes: Uint8Array): boolean {
  return bytes.length > 2 && bytes[0] === 0x1b && REPORT.test(decoder.decode(bytes));
}

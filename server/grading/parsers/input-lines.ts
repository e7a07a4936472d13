/**
 * Line handling shared by the text parsers. Command output reaches the grader
 * through a TTY or a pipe, so it may carry CRLF endings, trailing spaces and
 * blank lines; every parser reads it through `inputLines` so none of them has
 * to care.
 */

/** A line of input the parser could not use, kept so a grader can show what it saw. */
export interface SkippedLine {
  /** 1-based line number in the input; null when the input is not line-based (JSON). */
  line: number | null;
  /** The line (or a JSON fragment), cut to 200 characters. */
  text: string;
  /** Why it was skipped, e.g. "not an interface line". */
  reason: string;
}

/** One non-blank input line, without its line ending and trailing whitespace. */
export interface InputLine {
  number: number;
  text: string;
}

const MAX_SKIPPED_TEXT = 200;

/** Splits text into its non-blank lines; leading whitespace is kept because some formats indent meaningfully. */
export function inputLines(text: string): InputLine[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((line, index) => ({ number: index + 1, text: line.trimEnd() }))
    .filter((line) => line.text.trim() !== '');
}

/** Builds the skipped-line record for a line no rule matched. */
export function skipLine(line: InputLine, reason: string): SkippedLine {
  return { line: line.number, text: line.text.slice(0, MAX_SKIPPED_TEXT), reason };
}

/** Builds a skipped record for input that has no line number (a JSON value, a whole document). */
export function skipText(text: string, reason: string): SkippedLine {
  return { line: null, text: text.slice(0, MAX_SKIPPED_TEXT), reason };
}

/** Splits on runs of whitespace, ignoring leading and trailing whitespace. */
export function words(text: string): string[] {
  const trimmed = text.trim();
  return trimmed === '' ? [] : trimmed.split(/\s+/);
}

/** Parses a non-negative decimal integer; null for anything else ("12abc", "", "-1"). */
export function toInt(text: string | undefined): number | null {
  if (text === undefined || !/^\d+$/.test(text)) return null;
  return Number(text);
}

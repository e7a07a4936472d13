/**
 * Turning a step's commands into one shell script, its output back into a
 * terminal transcript, and a transcript into commands and outputs again (for
 * the Capture component). Pure functions; the sandbox is the caller's business.
 */

/** Separates a command's output from the next in the script's output: ␞<exit code>␞. */
const MARK = '\u001e';
const MARK_LINE = new RegExp(`${MARK}(\\d+)${MARK}\\n`);

/** The prompt bash shows on a command's continuation lines (PS2). */
export const CONTINUATION = '> ';

/** A heredoc opener (`<<EOF`, `<<'EOF'`, `<<-"END"`), capturing its delimiter. */
const HEREDOC = /<<-?\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\1/;

/**
 * Splits a step's text into commands: one a line, except that a line ending in
 * `\` continues, and a heredoc runs to its delimiter line.
 */
export function splitCommands(text: string): string[] {
  const commands: string[] = [];
  let current: string[] = [];
  let heredoc: string | undefined;
  for (const line of text.replace(/\n+$/, '').split('\n')) {
    current.push(line);
    if (heredoc !== undefined) {
      if (line.trim() === heredoc) heredoc = undefined;
    } else {
      heredoc = HEREDOC.exec(line)?.[2];
    }
    if (heredoc === undefined && !line.endsWith('\\')) {
      if (current.some((l) => l.trim() !== '')) commands.push(current.join('\n'));
      current = [];
    }
  }
  if (current.length > 0) throw new Error(`unterminated command: ${current.join('\n')}`);
  return commands;
}

/**
 * The script the sandbox runs: stderr joins stdout (so errors stay where they
 * happened), `before` runs silently, and each command is followed by a marker
 * with its exit code.
 */
export function buildScript(commands: readonly string[], before?: string): string {
  const lines = ['exec 2>&1'];
  if (before) lines.push(`( ${before} ) >/dev/null 2>&1`);
  for (const command of commands) {
    lines.push(command, `printf '\\036%d\\036\\n' "$?"`);
  }
  return `${lines.join('\n')}\n`;
}

export interface CommandRun {
  command: string;
  output: string;
  exitCode: number;
}

/** Splits the script's output at the markers into one output per command. */
export function parseRun(stdout: string, commands: readonly string[]): CommandRun[] {
  const runs: CommandRun[] = [];
  let rest = stdout;
  for (const command of commands) {
    const match = MARK_LINE.exec(rest);
    if (!match) {
      throw new Error(
        `no exit marker after \`${command}\` (did the shell exit early?); output:\n${stdout}`,
      );
    }
    runs.push({ command, output: rest.slice(0, match.index), exitCode: Number(match[1]) });
    rest = rest.slice(match.index + match[0].length);
  }
  if (rest.trim() !== '') throw new Error(`output after the last command: ${rest}`);
  return runs;
}

/** Renders runs as the terminal shows them: prompt, command (PS2 on continuation lines), output. */
export function formatTranscript(runs: readonly CommandRun[], prompt: string): string {
  return runs
    .map(({ command, output }) => {
      const [first = '', ...more] = command.split('\n');
      const shown = [prompt + first, ...more.map((l) => CONTINUATION + l)].join('\n');
      const text = asTerminalShows(output);
      const out = text === '' || text.endsWith('\n') ? text : `${text}\n`;
      return `${shown}\n${out}`;
    })
    .join('');
}

/**
 * What a terminal leaves on screen: a carriage return moves back to the start
 * of the line, so only the text after the last one stays (dpkg's progress
 * counter, CRLF line ends of HTTP headers and Docker's errors).
 */
export function asTerminalShows(output: string): string {
  return output
    .split('\n')
    .map((line) => line.replace(/\r+$/, '').split('\r').at(-1) ?? '')
    .join('\n');
}

export interface TranscriptEntry {
  /** The command's lines as typed (without prompts). */
  command: string[];
  output: string;
}

/**
 * Reads a transcript back: a line starting with the prompt begins a command,
 * which continues (PS2 lines) while `splitCommands` would continue it.
 */
export function parseTranscript(text: string, prompt: string): TranscriptEntry[] {
  const entries: TranscriptEntry[] = [];
  const lines = text.replace(/\n$/, '').split('\n');
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (!line.startsWith(prompt)) {
      const last = entries.at(-1);
      if (!last) throw new Error(`transcript does not start with the prompt: ${line}`);
      last.output += `${line}\n`;
      i += 1;
      continue;
    }
    const command = [line.slice(prompt.length)];
    i += 1;
    while (isOpen(command) && (lines[i] ?? '').startsWith(CONTINUATION)) {
      command.push((lines[i] ?? '').slice(CONTINUATION.length));
      i += 1;
    }
    entries.push({ command, output: '' });
  }
  return entries;
}

function isOpen(command: readonly string[]): boolean {
  try {
    return splitCommands(command.join('\n')).length === 0;
  } catch {
    return true;
  }
}

/**
 * Turns the terminal's finished lines into the chunks the screen-reader log
 * announces. A screen reader queues every change of a live region and reads it
 * whole, so announcing each byte (or each redraw tmux sends) drowns the reader.
 * Instead output is grouped the way a sighted reader takes it in:
 *
 * - by command: a prompt line starts an entry (the command), the lines after
 *   it are its output, and the next prompt ends it. A command that finishes
 *   quickly is one announcement: the command, its output, done.
 * - for a command that keeps printing (ping, a build), what has arrived is
 *   announced once the output pauses (`quietMs`), or at the latest every
 *   `maxWaitMs`, so the reader hears it as it comes, in a few pieces.
 * - at most `maxLines` lines per command are read out (xterm.js's own screen
 *   reader support stops at 20 too); the rest are counted and the count is
 *   said when the command ends (`yes` is one short announcement, not a flood).
 *   Every line stays readable in the terminal's own accessibility tree.
 *
 * Pure apart from the injected timers; fed by the terminal element's line reader.
 */
import type { TimerApi } from './timers.ts';

export interface TranscriptChunk {
  /** The command (without the prompt) this output belongs to; null for output before any prompt. */
  command: string | null;
  /** The first chunk of this command: the command is announced with it. */
  first: boolean;
  lines: string[];
  /** This chunk reached the cap: further output is counted, not read out, until the command ends. */
  capped: boolean;
  /** Lines not read out (past the cap), reported when the command ends. */
  omitted: number;
  /** Output went by unseen before these lines (more than a screenful at once). */
  skipped: boolean;
  /** The command has finished: its shell prompt came back. */
  done: boolean;
}

export interface TranscriptOptions {
  emit: (chunk: TranscriptChunk) => void;
  timers: TimerApi;
  /** Announce pending output after this long without new output, ms. Default 400. */
  quietMs?: number;
  /** …and at the latest this long after its first line, ms. Default 2000. */
  maxWaitMs?: number;
  /** Lines read out per command. Default 20. */
  maxLines?: number;
}

/**
 * A shell prompt: the lab's `root@netlab:~#` (any user, host and path) or a
 * container's busybox `/ #`; the text after it, if any, is the command.
 * Lines arrive with trailing blanks trimmed, so a bare prompt has no space.
 */
const PROMPT = /^(?:[\w.-]+@[\w.-]+:[^\s#$]*|[~/][^\s#$]*) ?[#$](?: (.*))?$/;

/** The command typed after a prompt ('' for a bare prompt), or null when `line` is no prompt. */
export function promptCommand(line: string): string | null {
  const match = PROMPT.exec(line);
  return match ? (match[1] ?? '').trim() : null;
}

interface Entry {
  command: string | null;
  announced: boolean;
  skipped: boolean;
  /** The skip has been said. */
  toldSkip: boolean;
  /** Lines read out or pending, up to the cap. */
  kept: number;
  omitted: number;
  capped: boolean;
}

export class Transcript {
  private readonly options: Required<TranscriptOptions>;
  private entry: Entry | null = null;
  private pending: string[] = [];
  private quietTimer: unknown = null;
  private maxWaitTimer: unknown = null;
  /** The command on the prompt line under the cursor at the last feed (being typed). */
  private typing = '';

  constructor(options: TranscriptOptions) {
    this.options = { quietMs: 400, maxWaitMs: 2000, maxLines: 20, ...options };
  }

  /**
   * Lines the cursor has left since the last call, in order, the line the
   * cursor is on, and whether output went by unseen before these lines.
   */
  feed(lines: readonly string[], cursorLine: string, skipped = false): void {
    if (skipped) (this.entry ??= newEntry(this.typing || null)).skipped = true;
    for (const line of lines) {
      // Blank lines carry layout, not content (tmux pads the screen with them).
      if (!line.trim()) continue;
      const command = promptCommand(line);
      if (command !== null) {
        this.finish();
        // A bare Enter at the prompt runs nothing worth announcing.
        if (command) this.entry = newEntry(command);
        continue;
      }
      // Output with no prompt line before it: tmux repainted over the command's line
      // (a burst of output); it still belongs to the command that was being typed.
      this.entry ??= newEntry(this.typing || null);
      if (this.entry.kept < this.options.maxLines) {
        this.entry.kept++;
        this.pending.push(line);
        if (this.entry.kept === this.options.maxLines) this.entry.capped = true;
      } else this.entry.omitted++;
    }
    // The shell is waiting at its prompt again: whatever ran has finished.
    const typing = promptCommand(cursorLine);
    this.typing = typing ?? '';
    if (typing !== null) this.finish();
    else if (this.pending.length) this.schedule();
  }

  /** Announces what is pending now (the log was turned off, the page is leaving). */
  flush(): void {
    this.clearTimers();
    const entry = this.entry;
    if (!entry || !this.pending.length) return;
    this.options.emit({
      command: entry.command,
      first: !entry.announced,
      lines: this.pending,
      capped: entry.capped,
      omitted: 0,
      skipped: tellSkip(entry),
      done: false,
    });
    entry.announced = true;
    this.pending = [];
  }

  /** Forgets everything not yet announced (the screen was redrawn from scratch). */
  reset(): void {
    this.clearTimers();
    this.entry = null;
    this.pending = [];
    this.typing = '';
  }

  private finish(): void {
    this.clearTimers();
    const entry = this.entry;
    this.entry = null;
    const lines = this.pending;
    this.pending = [];
    if (!entry) return;
    // Output without a command has nothing to report once it is all said.
    if (entry.command === null && !lines.length && !entry.omitted) return;
    this.options.emit({
      command: entry.command,
      first: !entry.announced,
      lines,
      capped: false,
      omitted: entry.omitted,
      skipped: tellSkip(entry),
      done: true,
    });
  }

  private schedule(): void {
    const { timers } = this.options;
    if (this.quietTimer !== null) timers.clearTimeout(this.quietTimer);
    this.quietTimer = timers.setTimeout(() => this.flush(), this.options.quietMs);
    this.maxWaitTimer ??= timers.setTimeout(() => this.flush(), this.options.maxWaitMs);
  }

  private clearTimers(): void {
    const { timers } = this.options;
    if (this.quietTimer !== null) timers.clearTimeout(this.quietTimer);
    if (this.maxWaitTimer !== null) timers.clearTimeout(this.maxWaitTimer);
    this.quietTimer = null;
    this.maxWaitTimer = null;
  }
}

/** Whether this chunk is the one to say that output went by unseen (once per command). */
function tellSkip(entry: Entry): boolean {
  const tell = entry.skipped && !entry.toldSkip;
  entry.toldSkip ||= tell;
  return tell;
}

function newEntry(command: string | null): Entry {
  return {
    command,
    announced: false,
    skipped: false,
    toldSkip: false,
    kept: 0,
    omitted: 0,
    capped: false,
  };
}

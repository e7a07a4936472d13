/**
 * The sandbox shell's command records (labs/images/sandbox/netlab.bashrc writes
 * them to /var/log/netlab/commands.log): one line per simple command bash ran,
 *
 *   1 <tab> shell pid <tab> seq <tab> start µs <tab> end µs <tab> status <tab> command
 *
 * the command escaped (\\, \t, \n). Lines that do not have this shape are
 * skipped, never guessed at.
 */

/** One command the reader's shell ran. */
export interface CommandRecord {
  /** "<shell pid>:<seq>": unique per shell, so a re-read never counts a record twice. */
  key: string;
  shellPid: number;
  seq: number;
  /** Microseconds since the epoch, on the sandbox's clock (the engine's events use the same). */
  start: number;
  end: number;
  status: number;
  /** The command as bash saw it: after alias expansion, before any other expansion. */
  text: string;
}

/** Where in the log the reading stopped, and what it gave. */
export interface LogChunk {
  records: CommandRecord[];
  /** Bytes of the chunk that made whole lines (a line still being written waits for the next read). */
  consumed: number;
}

const NUMBER = /^\d+$/;

/** Parses a chunk of the log; a last line without its newline is left for later. */
export function parseCommandLog(chunk: string): LogChunk {
  const end = chunk.lastIndexOf('\n') + 1;
  const records: CommandRecord[] = [];
  for (const line of chunk.slice(0, end).split('\n')) {
    const record = parseLine(line);
    if (record) records.push(record);
  }
  return { records, consumed: Buffer.byteLength(chunk.slice(0, end), 'utf8') };
}

function parseLine(line: string): CommandRecord | null {
  const fields = line.split('\t');
  const [version, pid, seq, start, end, status] = fields;
  const text = fields.slice(6).join('\t');
  if (version !== '1' || text === '') return null;
  const numbers = [pid, seq, start, end, status];
  if (!numbers.every((n) => n !== undefined && NUMBER.test(n))) return null;
  return {
    key: `${pid}:${seq}`,
    shellPid: Number(pid),
    seq: Number(seq),
    start: Number(start),
    end: Number(end),
    status: Number(status),
    text: unescape(text),
  };
}

/** A typed line's record (`2 <tab> shell pid <tab> seq of its first command <tab> start µs <tab> line`). */
export interface LineRecord {
  shellPid: number;
  /** The seq of the first command the line ran. */
  firstSeq: number;
  start: number;
  /** The line as bash's history keeps it. */
  text: string;
}

/** The line records of a log; lines of any other shape are skipped. */
export function parseLineRecords(log: string): LineRecord[] {
  return log.split('\n').flatMap((line) => {
    const fields = line.split('\t');
    const [version, pid, seq, start] = fields;
    const text = fields.slice(4).join('\t');
    if (version !== '2' || text === '') return [];
    if (![pid, seq, start].every((n) => n !== undefined && NUMBER.test(n))) return [];
    return [
      { shellPid: Number(pid), firstSeq: Number(seq), start: Number(start), text: unescape(text) },
    ];
  });
}

function unescape(text: string): string {
  return text.replace(/\\([\\tn])/g, (_, c: string) => (c === 't' ? '\t' : c === 'n' ? '\n' : c));
}

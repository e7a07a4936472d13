/**
 * The command lines a reader ran, read back from a machine's command log
 * (labs/images/sandbox/netlab.bashrc): each line record joined with the
 * records of the simple commands it ran, so that a rebuild replays what was
 * typed (a loop, a pipeline) rather than its pieces.
 */
import {
  parseCommandLog,
  parseLineRecords,
  type CommandRecord,
  type LineRecord,
} from '../../grading/grader.ts';

/** One command line as the reader typed it, with what became of it. */
export interface JournalLine {
  shellPid: number;
  /** When it started, µs on the sandbox's clock. */
  start: number;
  /** When its last command ended, µs. */
  end: number;
  /** The line as bash's history keeps it (a here-document's body included). */
  text: string;
  /** Its exit status (its last command's); null when no command of it finished. */
  status: number | null;
  /** The simple commands it ran, as bash saw them. */
  commands: string[];
}

/** What the log holds: lines in the order they started, and commands that belong to no line. */
export interface Journal {
  lines: JournalLine[];
  /** Command records no line record covers (a log of an image without line records). */
  orphans: number;
}

export function readJournal(log: string): Journal {
  const records = parseCommandLog(log.endsWith('\n') ? log : `${log}\n`).records;
  const heads = parseLineRecords(log);
  const byShell = new Map<number, LineRecord[]>();
  for (const head of heads)
    byShell.set(head.shellPid, [...(byShell.get(head.shellPid) ?? []), head]);
  for (const list of byShell.values()) list.sort((a, b) => a.firstSeq - b.firstSeq);
  const lines = new Map<LineRecord, CommandRecord[]>(heads.map((h) => [h, []]));
  let orphans = 0;
  for (const record of records) {
    const head = headOf(byShell.get(record.shellPid) ?? [], record.seq);
    if (head) lines.get(head)?.push(record);
    else orphans++;
  }
  const joined = [...lines].map(([head, commands]) => joinLine(head, commands));
  return { lines: joined.sort((a, b) => a.start - b.start), orphans };
}

/** The line a command of that shell belongs to: the last one that started at or before its seq. */
function headOf(heads: readonly LineRecord[], seq: number): LineRecord | undefined {
  let found: LineRecord | undefined;
  for (const head of heads) {
    if (head.firstSeq > seq) break;
    found = head;
  }
  return found;
}

function joinLine(head: LineRecord, records: CommandRecord[]): JournalLine {
  const done = records.sort((a, b) => a.seq - b.seq);
  const last = done.at(-1);
  return {
    shellPid: head.shellPid,
    start: head.start,
    end: last?.end ?? head.start,
    text: head.text,
    status: last ? last.status : null,
    commands: done.map((r) => r.text),
  };
}

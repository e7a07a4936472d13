/**
 * Evidence of what the reader did, kept per session by whoever checks it (the
 * lab server, `netlab lab test`): the sandbox engine's events and the shell's
 * command records, each read from where the last read stopped and added to the
 * log, never taken back. Reading is part of the World batch (world-read.ts);
 * this log is where it accumulates, so a record the reader later deletes from
 * the sandbox, or an event past the engine's replay buffer (256 events), is
 * still known. Pure: `absorb` takes the batch's text.
 */
import { parseCommandLog, type CommandRecord } from './evidence/command-log.ts';
import { parseEngineEvents, sinceAfter, type EngineEvent } from './evidence/engine-events.ts';
import { resolveFacts, type Facts } from './evidence/facts.ts';

export type { CommandRecord } from './evidence/command-log.ts';
export type { EngineEvent } from './evidence/engine-events.ts';
export type { ContainerStory, ExecFact, Facts, Run } from './evidence/facts.ts';

/** The engine replays at most this many events; a read that gets as many may have missed some. */
export const ENGINE_REPLAY_LIMIT = 256;
/** Most records and events kept per session; the oldest go first (a runaway loop must not grow memory). */
const MAX_KEPT = 20_000;

/** What one World read brought back, as text (the batch's sections). */
export interface RawEvidence {
  /** The engine's events since the cursor, JSON lines; null when not read. */
  events: string | null;
  /** The command log from the offset on; null when not read. */
  log: string | null;
  /** "<size> <inode>" of the command log, to notice it was truncated or replaced. */
  logStat: string | null;
}

/** Where the next read starts. */
export interface EvidenceCursor {
  /** `since` for the engine's events ("0": everything it still has). */
  since: string;
  /** Bytes of the command log already read. */
  logOffset: number;
  /** The log file's inode when it was read. */
  logInode: string | null;
}

export class EvidenceLog {
  readonly events: EngineEvent[] = [];
  readonly commands: CommandRecord[] = [];
  /** Why some evidence may be missing, in words (shown when an action check fails). */
  readonly gaps: string[] = [];
  private readonly seen = new Set<string>();
  private cursorValue: EvidenceCursor = { since: '0', logOffset: 0, logInode: null };
  private factsCache: Facts | null = null;

  get cursor(): EvidenceCursor {
    return this.cursorValue;
  }

  /**
   * Execs the reader started in containers and that have not ended — most
   * often an interactive shell (`docker exec -it web1 sh`), whose commands
   * leave no evidence until it exits, so its effects are found only by looking.
   */
  openExecs(): number {
    const open = new Set<string>();
    for (const e of this.events) {
      const id = e.attributes.execID;
      if (id === undefined) continue;
      if (e.action === 'exec_start') open.add(id);
      else if (e.action === 'exec_die') open.delete(id);
    }
    return open.size;
  }

  /** Adds what a read brought back; events and records already known are skipped. */
  absorb(raw: RawEvidence): void {
    if (raw.events !== null) this.absorbEvents(parseEngineEvents(raw.events));
    if (raw.log !== null) this.absorbLog(raw.log, raw.logStat);
  }

  private absorbEvents(events: EngineEvent[]): void {
    if (events.length >= ENGINE_REPLAY_LIMIT && this.events.length > 0)
      this.note(
        'more engine events than the engine keeps happened between two reads; some may be missing',
      );
    for (const event of events) {
      if (this.seen.has(event.key)) continue;
      this.seen.add(event.key);
      this.events.push(event);
      this.factsCache = null;
    }
    const last = events.reduce<EngineEvent | null>(
      (a, b) => (a === null || BigInt(b.timeNano) > BigInt(a.timeNano) ? b : a),
      null,
    );
    if (last) this.cursorValue = { ...this.cursorValue, since: sinceAfter(last.timeNano) };
    trim(this.events);
  }

  private absorbLog(chunk: string, stat: string | null): void {
    const [size, inode = null] = (stat ?? '').trim().split(/\s+/);
    const replaced =
      (inode !== null &&
        this.cursorValue.logInode !== null &&
        inode !== this.cursorValue.logInode) ||
      (size !== undefined && /^\d+$/.test(size) && Number(size) < this.cursorValue.logOffset);
    if (replaced) {
      // Read again from the start next time; records already kept stay, by key.
      this.note('the command log was truncated or replaced in the sandbox');
      this.cursorValue = { ...this.cursorValue, logOffset: 0, logInode: inode };
      return;
    }
    const { records, consumed } = parseCommandLog(chunk);
    for (const record of records) {
      if (this.seen.has(`cmd/${record.key}`)) continue;
      this.seen.add(`cmd/${record.key}`);
      this.commands.push(record);
    }
    trim(this.commands);
    this.cursorValue = {
      ...this.cursorValue,
      logOffset: this.cursorValue.logOffset + consumed,
      logInode: inode ?? this.cursorValue.logInode,
    };
  }

  private note(gap: string): void {
    if (!this.gaps.includes(gap)) this.gaps.push(gap);
  }

  /** The events resolved into per-container facts (cached until new events arrive). */
  facts(): Facts {
    this.factsCache ??= resolveFacts(this.events);
    return this.factsCache;
  }
}

function trim(list: unknown[]): void {
  if (list.length > MAX_KEPT) list.splice(0, list.length - MAX_KEPT);
}

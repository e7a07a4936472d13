/**
 * Live ticks within a second of the reader's action: for each attached session
 * one long-poll exec waits in the sandbox until its engine reports an event or
 * its shell writes a command record past the session's cursor, then returns;
 * the check service re-checks that session at once and starts the next wait
 * from the new cursor. Nothing is read here: the wait only says "something
 * happened", and the check's own World read fetches the evidence.
 */
import { type EvidenceCursor, COMMAND_LOG } from '../grading/grader.ts';

/** Runs a command in a session's sandbox (its handle's exec, bound to its limits). */
export type RunIn = (
  sessionId: string,
  cmd: string[],
  timeoutMs: number,
) => Promise<{ exitCode: number; stdout: string }>;

const FILTER = encodeURIComponent(JSON.stringify({ type: ['container', 'network'] }));

// bash: `read -t` and a fifo opened read-write (so that neither side blocks on open).
// `tail --pid` and `curl --max-time` end the followers even if the exec is killed.
const SCRIPT = `set -u
d=$(mktemp -d /tmp/netlab-watch.XXXXXX) || exit 90
trap 'kill $c $t 2>/dev/null; rm -rf "$d"' EXIT
mkfifo "$d/p"
exec 3<>"$d/p"
curl -sN --max-time "$3" --unix-socket /var/run/docker.sock "http://localhost/events?since=$1&filters=${FILTER}" >&3 2>/dev/null &
c=$!
tail -c "+$(($2 + 1))" --pid=$$ -F ${COMMAND_LOG} >&3 2>/dev/null &
t=$!
if IFS= read -r -t "$3" line <&3; then echo changed; fi`;

/** The command that waits for news past `cursor`; prints "changed" when there is some. */
export function waitCommand(cursor: EvidenceCursor, seconds: number): string[] {
  return ['bash', '-c', SCRIPT, 'watch', cursor.since, String(cursor.logOffset), String(seconds)];
}

/** One wait per session at a time; `onChange` hears of a session whose sandbox has news. */
export class EvidenceWatch {
  private readonly waiting = new Set<string>();
  /** A wait that failed or came back at once is not started again before this time. */
  private readonly calmUntil = new Map<string, number>();
  private readonly run: RunIn;
  private readonly onChange: (sessionId: string) => void;
  private readonly waitSeconds: number;

  /**
   * `waitSeconds`: how long one wait lasts before it is started again (the
   * exec's own timeout is 5 s longer). A wait costs nothing while it waits,
   * but each start is an exec in the sandbox (runc, bash, curl, tail), about
   * what a check's own read costs: with 30 readers and 25 s waits, as many
   * execs started waits as ran the re-checks themselves.
   */
  constructor(run: RunIn, onChange: (sessionId: string) => void, waitSeconds: number) {
    this.run = run;
    this.onChange = onChange;
    this.waitSeconds = waitSeconds;
  }

  /** Starts a wait for the session unless one is under way. */
  ensure(sessionId: string, cursor: EvidenceCursor): void {
    if (this.waiting.has(sessionId) || (this.calmUntil.get(sessionId) ?? 0) > Date.now()) return;
    this.waiting.add(sessionId);
    const started = Date.now();
    const timeoutMs = (this.waitSeconds + 5) * 1000;
    void this.run(sessionId, waitCommand(cursor, this.waitSeconds), timeoutMs)
      .then(
        (r) => r.stdout.includes('changed'),
        () => false,
      )
      .then((changed) => {
        this.waiting.delete(sessionId);
        // A sandbox that cannot wait (no bash, engine down) must not be asked ten times a second.
        if (!changed && Date.now() - started < 1000)
          this.calmUntil.set(sessionId, Date.now() + 2000);
        else this.calmUntil.delete(sessionId);
        if (changed) this.onChange(sessionId);
      });
  }

  /** Forgets a session that ended. */
  forget(sessionId: string): void {
    this.calmUntil.delete(sessionId);
  }

  /** Whether a wait is under way for the session. */
  has(sessionId: string): boolean {
    return this.waiting.has(sessionId);
  }
}

/**
 * When each attached session's next live re-check is due. Each session gets its
 * own phase, drawn at random when it is first seen, so that re-checks of many
 * sessions spread over the interval instead of starting in the same instant:
 * measured with 50 terminals on two cores, that shared instant's burst of execs
 * was what pushed keystroke echo p99 past 20 ms.
 */
export class LiveSchedule {
  private readonly next = new Map<string, number>();
  private readonly intervalMs: number;
  private readonly random: () => number;

  constructor(intervalMs: number, random: () => number = Math.random) {
    this.intervalMs = intervalMs;
    this.random = random;
  }

  /**
   * The sessions among `attached` due for a re-check at `now`; each is then
   * due again one interval later — its own (`intervalOf`), or the schedule's.
   * Sessions no longer attached are forgotten, and get a new phase if they
   * come back.
   */
  due(
    attached: readonly string[],
    now: number,
    intervalOf: (id: string) => number = () => this.intervalMs,
  ): string[] {
    const present = new Set(attached);
    for (const id of this.next.keys()) if (!present.has(id)) this.next.delete(id);
    const due: string[] = [];
    for (const id of attached) {
      const at = this.next.get(id) ?? now + this.random() * this.intervalMs;
      if (at <= now) {
        due.push(id);
        this.next.set(id, now + intervalOf(id));
      } else {
        this.next.set(id, at);
      }
    }
    return due;
  }

  /** Brings a session's next re-check forward to at most `intervalMs` from `now`. */
  soon(id: string, now: number, intervalMs: number): void {
    const at = this.next.get(id);
    if (at === undefined || at > now + intervalMs) this.next.set(id, now + intervalMs);
  }
}

/**
 * An idle session's re-check interval when `sessions` idle sessions share a
 * budget of `perMinute` idle re-checks: the configured interval, stretched once
 * the sessions would exceed the budget. Each re-check is a few `docker exec`s;
 * measured with one reader per sandbox on two cores, 30 readers re-checked
 * every 30 s (one a second) put keystroke echo p99 past 20 ms, 20 did not.
 */
export function idleIntervalMs(baseMs: number, sessions: number, perMinute: number): number {
  return Math.max(baseMs, Math.ceil((sessions * 60_000) / Math.max(1, perMinute)));
}

/** What the tick knows of one attached session. */
export interface AttachedSession {
  id: string;
  /** A shell is open in one of its containers: its commands leave no news. */
  shell: boolean;
  /** It has tasks a re-check could change (not all passed, or a live one). */
  open: boolean;
}

/**
 * Each attached session's re-check interval: `intervalMs` with a shell open in
 * a container, else the idle interval, stretched over the sessions that idle
 * re-checks would read — a session whose tasks are all done is never re-checked,
 * so it takes no share of the budget.
 */
export function intervalsOf(
  sessions: readonly AttachedSession[],
  limits: { intervalMs: number; idleIntervalMs: number; idlePerMinute: number },
): (id: string) => number {
  const shell = new Set(sessions.filter((s) => s.shell).map((s) => s.id));
  const idle = sessions.filter((s) => s.open && !s.shell).length;
  const idleMs = idleIntervalMs(
    Math.max(limits.intervalMs, limits.idleIntervalMs),
    idle,
    limits.idlePerMinute,
  );
  return (id) => (shell.has(id) ? limits.intervalMs : idleMs);
}

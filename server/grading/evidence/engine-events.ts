/**
 * The sandbox engine's own record of what happened: its event stream
 * (`GET /events`, one JSON object a line, Docker 26). Container events carry
 * the container's full id and its name at the time; an exec's command is in
 * the action ("exec_start: ip a", arguments joined by spaces) and its exit code
 * in exec_die; die carries the exit code, kill the signal, rename the old
 * name; network events name the network and carry the container's id.
 */

/** One engine event, reduced to what grading reads. */
export interface EngineEvent {
  /** Unique per event, so that overlapping reads never count one twice. */
  key: string;
  /** Microseconds since the epoch (the engine reports nanoseconds). */
  time: number;
  type: 'container' | 'network';
  /** "create", "start", "die", "kill", "exec_start", "connect", "rename", … */
  action: string;
  /** What follows the action's colon: an exec's command. */
  detail: string;
  /** The container's id (container events) or the network's (network events). */
  actorId: string;
  attributes: Record<string, string>;
  /** Nanoseconds as the engine printed them: the next read starts after this. */
  timeNano: string;
}

/** Parses the API's JSON lines; lines that are not container or network events are skipped. */
export function parseEngineEvents(text: string): EngineEvent[] {
  const events: EngineEvent[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim().startsWith('{')) continue;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      continue;
    }
    // The exact nanoseconds come from the text: a JavaScript number cannot hold them.
    const nano = /"timeNano":\s*(\d+)/.exec(line)?.[1];
    const event = nano === undefined ? null : fromJson(raw, nano);
    if (event) events.push(event);
  }
  return events;
}

function fromJson(raw: unknown, timeNano: string): EngineEvent | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as {
    Type?: unknown;
    Action?: unknown;
    Actor?: { ID?: unknown; Attributes?: unknown };
  };
  if (r.Type !== 'container' && r.Type !== 'network') return null;
  if (typeof r.Action !== 'string' || typeof r.Actor?.ID !== 'string') return null;
  const colon = r.Action.indexOf(':');
  const action = colon < 0 ? r.Action : r.Action.slice(0, colon);
  const detail = colon < 0 ? '' : r.Action.slice(colon + 1).trim();
  const attributes: Record<string, string> = {};
  const attrs = r.Actor.Attributes;
  if (typeof attrs === 'object' && attrs !== null)
    for (const [k, v] of Object.entries(attrs)) if (typeof v === 'string') attributes[k] = v;
  return {
    key: `${timeNano}/${r.Type}/${r.Action}/${r.Actor.ID}/${attributes.execID ?? attributes.container ?? ''}`,
    time: Number(BigInt(timeNano) / 1000n),
    type: r.Type,
    action,
    detail,
    actorId: r.Actor.ID,
    attributes,
    timeNano,
  };
}

/** `--since` for the next read: one nanosecond after the last event seen, as seconds. */
export function sinceAfter(timeNano: string): string {
  const next = BigInt(timeNano) + 1n;
  const seconds = next / 1_000_000_000n;
  const nanos = (next % 1_000_000_000n).toString().padStart(9, '0');
  return `${seconds}.${nanos}`;
}

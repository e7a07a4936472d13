/**
 * Engine events resolved into facts about each container, keyed by its id:
 * the names it had (renames), each run from start to death with how it ended
 * (exit code, killed by a signal or stopped from outside, or by itself), the
 * networks it was on when, and the commands run in it with docker exec. A
 * container is followed by id, so `docker exec <id> …` and `docker exec web1 …`
 * are the same fact, and a container removed and made again under its old
 * name is another container.
 */
import type { EngineEvent } from './engine-events.ts';

/** One run of a container: from a start to its death (null while it runs). */
export interface Run {
  start: number;
  end: number | null;
  exitCode: number | null;
  /** Signals sent with kill events during the run (docker kill, stop, restart, rm -f). */
  signals: number[];
}

/** A command run with docker exec. */
export interface ExecFact {
  containerId: string;
  execId: string;
  /** The command as the engine reports it, arguments joined by spaces. */
  command: string;
  start: number;
  /** Null when it never finished, or never started (a missing program). */
  end: number | null;
  exitCode: number | null;
}

/** Everything the events say about one container. */
export interface ContainerStory {
  id: string;
  /** Its names over time, oldest first. */
  names: { name: string; from: number }[];
  created: number | null;
  destroyed: number | null;
  runs: Run[];
  /** Network memberships: connected at `from`, until `to` (null: still connected). */
  networks: { network: string; from: number; to: number | null; byHand: boolean }[];
  execs: ExecFact[];
}

export interface Facts {
  containers: Map<string, ContainerStory>;
}

/** Resolves events (in any order, without duplicates) into facts. */
export function resolveFacts(events: readonly EngineEvent[]): Facts {
  const containers = new Map<string, ContainerStory>();
  const story = (id: string): ContainerStory => {
    let s = containers.get(id);
    if (!s) {
      s = { id, names: [], created: null, destroyed: null, runs: [], networks: [], execs: [] };
      containers.set(id, s);
    }
    return s;
  };
  const sorted = [...events].sort((a, b) => a.time - b.time || a.key.localeCompare(b.key));
  for (const event of sorted) {
    if (event.type === 'network') networkEvent(event, story);
    else containerEvent(event, story(event.actorId));
  }
  return { containers };
}

function containerEvent(event: EngineEvent, s: ContainerStory): void {
  const { time, attributes } = event;
  const name = attributes.name;
  if (name !== undefined && s.names.at(-1)?.name !== name) s.names.push({ name, from: time });
  const run = s.runs.at(-1);
  const running = run !== undefined && run.end === null ? run : null;
  switch (event.action) {
    case 'create':
      s.created = time;
      break;
    case 'start':
      if (!running) s.runs.push({ start: time, end: null, exitCode: null, signals: [] });
      break;
    case 'kill':
      running?.signals.push(Number(attributes.signal ?? 0));
      break;
    case 'die':
      if (running) {
        running.end = time;
        running.exitCode = numberOrNull(attributes.exitCode);
      }
      break;
    case 'destroy':
      s.destroyed = time;
      break;
    case 'exec_create':
    case 'exec_start':
      execStarted(event, s);
      break;
    case 'exec_die': {
      const exec = s.execs.find((e) => e.execId === attributes.execID);
      if (exec) [exec.end, exec.exitCode] = [time, numberOrNull(attributes.exitCode)];
      break;
    }
  }
}

function execStarted(event: EngineEvent, s: ContainerStory): void {
  const execId = event.attributes.execID ?? '';
  const known = s.execs.find((e) => e.execId === execId);
  if (known) {
    // exec_start follows exec_create: its time is when the command began.
    if (event.action === 'exec_start') known.start = event.time;
    return;
  }
  s.execs.push({
    containerId: s.id,
    execId,
    command: event.detail,
    start: event.time,
    end: null,
    exitCode: null,
  });
}

function networkEvent(event: EngineEvent, story: (id: string) => ContainerStory): void {
  const id = event.attributes.container;
  const network = event.attributes.name;
  if (id === undefined || network === undefined) return;
  const s = story(id);
  if (event.action === 'connect') {
    const run = s.runs.at(-1);
    // Docker connects a container's networks as it starts it (the start event comes
    // right after); a connect while it runs is `docker network connect`.
    const byHand = run !== undefined && run.end === null;
    s.networks.push({ network, from: event.time, to: null, byHand });
  } else if (event.action === 'disconnect') {
    const open = s.networks.findLast((n) => n.network === network && n.to === null);
    if (open) open.to = event.time;
  }
}

function numberOrNull(text: string | undefined): number | null {
  return text !== undefined && /^-?\d+$/.test(text) ? Number(text) : null;
}

/** The container's name at a time (its first name before it had one). */
export function nameAt(s: ContainerStory, time: number): string | null {
  let name = s.names[0]?.name ?? null;
  for (const entry of s.names) if (entry.from <= time) name = entry.name;
  return name;
}

/** The run going on at a time, if any. */
export function runAt(s: ContainerStory, time: number): Run | null {
  return s.runs.find((r) => r.start <= time && (r.end === null || r.end >= time)) ?? null;
}

/** The networks a container was on at a time. */
export function networksAt(s: ContainerStory, time: number): string[] {
  return s.networks
    .filter((n) => n.from <= time && (n.to === null || n.to >= time))
    .map((n) => n.network);
}

/** Containers that had this name at some point, latest first. */
export function storiesNamed(facts: Facts, name: string): ContainerStory[] {
  return [...facts.containers.values()]
    .filter((s) => s.names.some((n) => n.name === name))
    .sort((a, b) => (b.names.at(-1)?.from ?? 0) - (a.names.at(-1)?.from ?? 0));
}

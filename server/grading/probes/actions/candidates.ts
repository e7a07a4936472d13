/**
 * The commands a `ran` check may find, with what each meant and where it ran:
 * from the shell's records for the machine and named netns, from the engine's
 * exec events for a container. Containers are followed by id: the one a check
 * names is the container with that name now, else the latest that had it.
 */
import type { ContainerStory, Facts } from '../../evidence.ts';
import { storiesNamed } from '../../evidence/facts.ts';
import { meaningsOf, meaningsOfRecord, type Meaning } from '../../evidence/meaning.ts';
import { findContainer, type World } from '../world.ts';

/** One command the reader ran, as a check sees it. */
export interface Candidate {
  /** As the reader wrote it (shell) or as the engine reports it (exec). */
  text: string;
  /** Its meanings, each with `where` resolved to a namespace or container name. */
  meanings: Meaning[];
  /** Null when it never finished (or the engine could not start it). */
  status: number | null;
  start: number;
  /** The container it ran in (exec), for conditions on that container's networks. */
  story: ContainerStory | null;
  /** An interactive shell opened with docker exec: what the reader typed in it is not seen. */
  interactiveShell: boolean;
}

/** Where a check's `ns` is: the machine, a named netns, or a container. */
export type PlaceKind = 'host' | 'netns' | 'container';

export function placeKind(world: World, ns: string): PlaceKind {
  if (ns === 'host') return 'host';
  return world.netns.includes(ns) ? 'netns' : 'container';
}

/** The story of the container a check names, or null when the events never saw it. */
export function storyOf(world: World, facts: Facts, ref: string): ContainerStory | null {
  const current = findContainer(world, ref);
  if (current) return facts.containers.get(current.id) ?? null;
  const byId =
    ref.length >= 12 ? [...facts.containers.values()].find((s) => s.id.startsWith(ref)) : undefined;
  return byId ?? storiesNamed(facts, ref)[0] ?? null;
}

/** Commands typed on the machine, their `where` resolved ("here" is the machine). */
export function shellCandidates(world: World, records: World['evidence']): Candidate[] {
  if (!records) return [];
  return records.commands.map((record) => ({
    text: record.text,
    meanings: meaningsOfRecord(record.text).map((m) => ({
      ...m,
      where: placeName(world, m.where),
    })),
    status: record.status,
    start: record.start,
    story: null,
    interactiveShell: false,
  }));
}

function placeName(world: World, where: string): string {
  if (where === 'here') return 'host';
  const pid = /^pid:(\d+)$/.exec(where)?.[1];
  if (pid === undefined) return where;
  // nsenter -t <pid> -n: the container whose process that is.
  return world.containers.find((c) => c.pid === Number(pid))?.name ?? where;
}

/** Commands run with docker exec in one container; `name` is how the check calls it. */
export function execCandidates(story: ContainerStory | null, name: string): Candidate[] {
  if (!story) return [];
  return story.execs.map((exec) => {
    const words = exec.command.split(/\s+/).filter((w) => w !== '');
    const program = (words[0] ?? '').replace(/^.*\//, '');
    return {
      text: exec.command,
      meanings: meaningsOf(words, 'here', true).map((m) => ({
        ...m,
        where: m.where === 'here' ? name : m.where,
      })),
      status: exec.exitCode,
      start: exec.start,
      story,
      interactiveShell: ['sh', 'bash', 'ash', 'dash'].includes(program) && words.length === 1,
    };
  });
}

import type { Lab } from '../labs.ts';
import type { TaskResult } from '../protocol.ts';

/**
 * A session's task list after new results: in the lab's order, a task that
 * passed stays passed unless the lab marks it `live`, and an answer task keeps
 * its answer's verdict when a state check runs.
 */
export function mergeResults(
  lab: Lab,
  previous: readonly TaskResult[],
  fresh: readonly TaskResult[],
): TaskResult[] {
  const before = new Map(previous.map((r) => [r.id, r]));
  const now = new Map(fresh.map((r) => [r.id, r]));
  return lab.tasks.map((task) => {
    const old = before.get(task.id);
    const next = now.get(task.id);
    if (!next) return old ?? { id: task.id, passed: false, detail: null };
    if (old?.passed && !task.live) return old;
    return next;
  });
}

/** The fresh results of tasks whose standing (after the passed-stays-passed rule) flipped. */
export function flipped(
  before: readonly TaskResult[],
  after: readonly TaskResult[],
  fresh: readonly TaskResult[],
): TaskResult[] {
  const was = new Map(before.map((t) => [t.id, t.passed]));
  const now = new Map(after.map((t) => [t.id, t.passed]));
  return fresh.filter((r) => was.get(r.id) !== now.get(r.id));
}

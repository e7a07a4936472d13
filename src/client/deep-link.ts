/**
 * Links that open a chapter's lab at a task:
 *
 *   /bridge-network/?lab=bridge&task=run-busybox1
 *   /bridge-network/?task=run-busybox1         (the lab of the page that has the task)
 *   /bridge-network/?lab=bridge                (the lab, no task singled out)
 *
 * `embed` may be added for an LMS iframe (the page without the site's chrome;
 * see src/styles/netlab.css). Pure: the page's labs are passed in.
 */

export interface DeepLink {
  lab: string | null;
  task: string | null;
}

export interface PageLab {
  lab: string;
  tasks: readonly string[];
}

export interface ResolvedLink {
  lab: string;
  /** The task the link names, if any. */
  task: string | null;
  /** The link names a task the lab does not have (the lab still opens). */
  unknownTask: boolean;
}

/** Lab and task ids are short words with dashes; anything else is not a link of ours. */
const ID = /^[\w-]{1,64}$/;

/** The link's lab and task from a query string, or null when it names neither. */
export function readDeepLink(search: string): DeepLink | null {
  const params = new URLSearchParams(search);
  const id = (name: string): string | null => {
    const value = params.get(name);
    return value !== null && ID.test(value) ? value : null;
  };
  const link = { lab: id('lab'), task: id('task') };
  return link.lab === null && link.task === null ? null : link;
}

/** Which of the page's labs the link opens, and at which task; null when none of them. */
export function resolveDeepLink(link: DeepLink, labs: readonly PageLab[]): ResolvedLink | null {
  const { task } = link;
  let found: PageLab | undefined;
  if (link.lab !== null) found = labs.find((l) => l.lab === link.lab);
  else if (task !== null) found = labs.find((l) => l.tasks.includes(task)) ?? labs[0];
  if (!found) return null;
  const known = task !== null && found.tasks.includes(task);
  return { lab: found.lab, task, unknownTask: task !== null && !known };
}

/**
 * What the page itself holds for its labs: the lab (and task) its address links
 * to, and which lab was open when it unloaded (reopened on reload).
 */
import { readDeepLink, resolveDeepLink, type ResolvedLink } from '../deep-link.ts';

/** The lab of this page (and task) the address links to, if any. */
export function pageDeepLink(): ResolvedLink | null {
  const link = readDeepLink(location.search);
  if (!link) return null;
  const labs = Array.from(document.querySelectorAll<HTMLElement>('netlab-lab'))
    .filter((el) => el.dataset.sessionSource !== 'external')
    .map((el) => ({
      lab: el.dataset.lab ?? '',
      tasks: Array.from(
        el.querySelector('template')?.content.querySelectorAll<HTMLElement>('[data-task-id]') ?? [],
        (task) => task.dataset.taskId ?? '',
      ),
    }));
  return resolveDeepLink(link, labs);
}

export function readFlag(key: string): boolean {
  try {
    return localStorage.getItem(key) === '1';
  } catch {
    return false;
  }
}

export function writeFlag(key: string, on: boolean): void {
  try {
    if (on) localStorage.setItem(key, '1');
    else localStorage.removeItem(key);
  } catch {
    // storage disabled: nothing reopens on reload
  }
}

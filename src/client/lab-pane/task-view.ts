/**
 * The task list of an open pane: shows each result against its task (status
 * dot, expected and found), keeps the done count, tells the lab log what is
 * news (task-news.ts), and points at a task a deep link names.
 */
import type { TaskResult } from '../../../server/protocol.ts';
import { t, type UiLocale } from '../i18n.ts';
import { taskNews, type TaskSource, type TaskStatus } from './task-news.ts';

export interface TaskView {
  render(results: readonly TaskResult[], source: TaskSource): void;
  /** Scrolls to a task, marks it as the linked one and focuses it; false when the lab has no such task. */
  target(id: string): boolean;
}

export function taskView(
  pane: HTMLElement,
  locale: UiLocale,
  say: (text: string) => void,
): TaskView {
  const item = (id: string): HTMLElement | null =>
    pane.querySelector<HTMLElement>(`[data-task-id="${CSS.escape(id)}"]`);
  const items = (): HTMLElement[] =>
    Array.from(pane.querySelectorAll<HTMLElement>('[data-task-id]'));

  return {
    render(results, source) {
      const before = new Map<string, TaskStatus>();
      const titles = new Map<string, string>();
      for (const el of items()) {
        const id = el.dataset.taskId ?? '';
        before.set(id, (el.dataset.status ?? 'pending') as TaskStatus);
        // The title as shown, with the session's parameters filled in.
        titles.set(id, el.querySelector('.netlab-task__title [data-template]')?.textContent ?? id);
      }
      for (const result of results) {
        const el = item(result.id);
        if (el) show(el, result, locale);
      }
      const all = items();
      const done = all.filter((el) => el.dataset.status === 'passed');
      const count = pane.querySelector('[data-task-count]');
      if (count) count.textContent = `${done.length}/${all.length}`;
      for (const text of taskNews({ source, results, before, titles, locale })) say(text);
    },
    target(id) {
      const el = item(id);
      if (!el) return false;
      for (const other of items()) other.removeAttribute('aria-current');
      el.setAttribute('aria-current', 'step');
      el.closest('details')?.setAttribute('open', '');
      el.tabIndex = -1;
      el.scrollIntoView({ block: 'nearest' });
      el.focus({ preventScroll: true });
      return true;
    },
  };
}

function show(el: HTMLElement, result: TaskResult, locale: UiLocale): void {
  el.dataset.status = result.passed ? 'passed' : 'failed';
  const dot = el.querySelector<HTMLElement>('[data-task-status]');
  const label = t(locale, result.passed ? 'task.passed' : 'task.failed');
  dot?.setAttribute('aria-label', label);
  dot?.setAttribute('title', label);
  const detail = el.querySelector<HTMLElement>('[data-task-detail]');
  if (detail) {
    detail.hidden = result.passed || !result.detail;
    const expected = detail.querySelector('[data-task-expected]');
    const actual = detail.querySelector('[data-task-actual]');
    if (expected) expected.textContent = result.detail?.expected ?? '';
    if (actual) actual.textContent = result.detail?.actual ?? '';
  }
}

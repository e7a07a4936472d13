/**
 * What the lab log says about task results, by where they came from. Pure.
 *
 * - `push`: the server re-checks open tasks every few seconds while a terminal
 *   is attached; only a task that has just passed is news.
 * - `check`: the reader pressed "Check my work": each task just passed, each
 *   open task with what was expected and found, then the count.
 * - `answer`: the result of the answer just submitted.
 * - `initial`: the state when the pane opens; the task list shows it, nothing is said.
 */
import type { TaskResult } from '../../../server/protocol.ts';
import { t, type UiLocale } from '../i18n.ts';

export type TaskSource = 'initial' | 'push' | 'check' | 'answer';
export type TaskStatus = 'pending' | 'passed' | 'failed';

export interface TaskNewsInput {
  source: TaskSource;
  results: readonly TaskResult[];
  /** Each task's status before these results, by id. */
  before: ReadonlyMap<string, TaskStatus>;
  /** Each task's title as shown, by id (in the order of the list). */
  titles: ReadonlyMap<string, string>;
  locale: UiLocale;
}

export function taskNews(input: TaskNewsInput): string[] {
  const { source, results, before, titles, locale } = input;
  if (source === 'initial') return [];
  const news: string[] = [];
  for (const result of results) {
    const title = titles.get(result.id);
    if (title === undefined) continue;
    const was = before.get(result.id) ?? 'pending';
    if (result.passed) {
      if (was !== 'passed') news.push(t(locale, 'log.taskPassed', { title }));
    } else if (source !== 'push') {
      news.push(
        result.detail && (result.detail.expected || result.detail.actual)
          ? t(locale, 'log.taskFailed', {
              title,
              expected: result.detail.expected,
              actual: result.detail.actual,
            })
          : t(locale, 'log.taskNotYet', { title }),
      );
    }
  }
  if (source === 'check') {
    const after = new Map(before);
    for (const result of results) after.set(result.id, result.passed ? 'passed' : 'failed');
    const done = [...titles.keys()].filter((id) => after.get(id) === 'passed').length;
    news.push(t(locale, 'log.summary', { done, total: titles.size }));
  }
  return news;
}

/**
 * The task list's controls: "Check my work", the answer boxes of answer tasks,
 * and the session's parameters filled into task texts (`{{subnet}}` → its value).
 */
import type { TaskResult } from '../../server/protocol.ts';
import type { LabClient, StoredSession } from './lab-api.ts';
import type { TaskSource } from './lab-pane/task-news.ts';
import { describeLabError } from './lab-api.ts';
import { t, type UiLocale } from './i18n.ts';

export interface TaskControls {
  pane: HTMLElement;
  client: LabClient;
  session: StoredSession;
  locale: UiLocale;
  params: Record<string, string>;
  /** Shows results; `source` says whether they answer "Check my work" or an answer box. */
  render: (results: TaskResult[], source: Extract<TaskSource, 'check' | 'answer'>) => void;
  listen: (target: EventTarget, type: string, handler: (event: Event) => void) => void;
}

/** Replaces `{{name}}` with the session's value; unknown names stay as written. */
export function fillParams(text: string, params: Record<string, string>): string {
  return text.replace(/\{\{\s*([\w-]+)\s*\}\}/g, (whole, name: string) => params[name] ?? whole);
}

export function wireTasks(c: TaskControls): void {
  for (const el of c.pane.querySelectorAll<HTMLElement>('[data-template]')) {
    el.textContent = fillParams(el.textContent, c.params);
  }
  const check = c.pane.querySelector<HTMLButtonElement>('[data-tasks-check]');
  if (check) {
    c.listen(check, 'click', () => {
      check.disabled = true;
      check.textContent = t(c.locale, 'task.checking');
      c.client
        .check(c.session, c.locale)
        .then(
          (results) => c.render(results, 'check'),
          (error: unknown) => showError(c, describeLabError(error, c.locale)),
        )
        .finally(() => {
          check.disabled = false;
          check.textContent = t(c.locale, 'task.check');
        });
    });
  }
  for (const form of c.pane.querySelectorAll<HTMLFormElement>('[data-task-answer]')) {
    c.listen(form, 'submit', (event) => {
      event.preventDefault();
      const task = form.closest<HTMLElement>('[data-task-id]')?.dataset.taskId;
      const input = form.elements.namedItem('answer') as HTMLInputElement | null;
      if (!task || !input) return;
      c.client.answer(c.session, c.locale, task, input.value).then(
        (result) => c.render([result], 'answer'),
        (error: unknown) => showError(c, describeLabError(error, c.locale)),
      );
    });
  }
}

function showError(c: TaskControls, text: string): void {
  const message = c.pane.querySelector<HTMLElement>('[data-pane-message]');
  if (message) message.textContent = text;
}

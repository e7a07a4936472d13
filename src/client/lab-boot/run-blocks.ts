/**
 * The "Run this" buttons of `[data-netlab-run]` code blocks (lab/Run.astro):
 * each types its block's commands into a lab's terminal, opening the lab first.
 */
import { t, toUiLocale } from '../i18n.ts';
import { describeLabError } from '../lab-api.ts';
import { codeText, commandsFrom } from '../run-commands.ts';

/** The lab a block runs in: the one it names, else the page's open (or first) lab. */
export type FindLab = (lab: string | undefined) => { run(command: string): Promise<void> } | null;

/** Adds a "Run this" button after each code block inside `[data-netlab-run]` (once). */
export function enhanceRunBlocks(root: ParentNode, findLab: FindLab): void {
  for (const container of root.querySelectorAll<HTMLElement>('[data-netlab-run]')) {
    const blocks = container.matches('pre')
      ? [container]
      : Array.from(container.querySelectorAll('pre'));
    for (const pre of blocks) {
      if (pre.dataset.netlabRunReady) continue;
      const command = commandsFrom(codeText(pre));
      if (!command) continue;
      pre.dataset.netlabRunReady = '1';
      const lab = container.dataset.netlabRun || undefined;
      const anchor = pre.closest('.expressive-code') ?? pre.closest('figure') ?? pre;
      anchor.after(runButton(command, lab, findLab));
    }
  }
}

function runButton(command: string, lab: string | undefined, findLab: FindLab): HTMLElement {
  const locale = toUiLocale(document.documentElement.lang);
  const bar = document.createElement('div');
  bar.className = 'netlab-run__bar not-content';
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'netlab-run__button';
  button.dataset.netlabRunButton = '';
  button.textContent = `▶ ${t(locale, 'run.button')}`;
  button.setAttribute('aria-label', `${t(locale, 'run.label')}: ${command}`);
  const status = document.createElement('span');
  status.className = 'netlab-run__status';
  status.setAttribute('role', 'status');
  bar.append(button, status);
  button.addEventListener('click', () => {
    const target = findLab(lab);
    if (!target) return;
    button.disabled = true;
    status.textContent = '';
    target
      .run(command)
      .then(
        () => {
          status.textContent = t(locale, 'run.ran');
          setTimeout(() => (status.textContent = ''), 2000);
        },
        (error: unknown) => (status.textContent = describeLabError(error, locale)),
      )
      .finally(() => (button.disabled = false));
  });
  return bar;
}

/**
 * The open lab pane: mounts LabPane.astro's template beside the article,
 * connects its terminal, keeps the task list current, and composes its parts:
 * size and collapse (lab-pane/size.ts), the task list (lab-pane/task-view.ts),
 * the screen-reader switch and log (lab-pane/screen-reader-setting.ts), room
 * for a phone keyboard (lab-pane/keyboard-inset.ts), the warning before the
 * machine ends with its "Extend" (lab-pane/expiry-warning.ts), the notice of
 * what a rebuild did (lab-pane/rebuild-notice.ts), and ending the lab.
 * Loaded with xterm.js when the reader starts a lab (lab-boot.ts imports it
 * dynamically).
 */
import { wireTasks } from './lab-tasks.ts';
import type { ErrorCode, RebuildReport, TaskResult } from '../../server/protocol.ts';
import { t, type UiLocale } from './i18n.ts';
import type { LabClient, StartedLab, StoredSession } from './lab-api.ts';
import { wireExpiryWarning } from './lab-pane/expiry-warning.ts';
import { followKeyboard } from './lab-pane/keyboard-inset.ts';
import { showRebuildNotice } from './lab-pane/rebuild-notice.ts';
import { wireScreenReader } from './lab-pane/screen-reader-setting.ts';
import { wirePaneSize } from './lab-pane/size.ts';
import { taskView } from './lab-pane/task-view.ts';
import { NetlabLabLogElement } from './netlab-lab-log.ts';
import { NetlabTerminalElement, type StateEventDetail } from './netlab-terminal.ts';

export interface LabPaneOptions {
  /** The `<netlab-lab>` element holding the pane's template. */
  host: HTMLElement;
  started: StartedLab;
  client: LabClient;
  baseUrl: string;
  locale: UiLocale;
  /** What rebuilt this session's machine, when the reader just had it rebuilt: the pane says so. */
  rebuild?: RebuildReport | null | undefined;
  /**
   * The pane closed because the lab ended: by the reader's "End lab" (`gone`
   * false) or on the server (`gone` true: the session may be worth rebuilding).
   */
  onEnded: (message: string, gone: boolean) => void;
}

export interface LabPaneController {
  readonly session: StoredSession;
  readonly terminal: NetlabTerminalElement;
  /** Types a command into the terminal and presses Enter (showing the pane first). */
  run(command: string): Promise<void>;
  show(options?: { focus?: boolean }): void;
  /** Points the task list at a task (a deep link's); false when the lab has no such task. */
  showTask(id: string): boolean;
  collapse(): void;
  /** Ends the session on the server and closes the pane. */
  end(): Promise<void>;
  /** Closes the pane and its terminal, leaving the session alive. */
  destroy(): void;
}

/** Error codes a terminal ends with that mean the session itself is gone (not the socket). */
const SESSION_GONE: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'NETLAB_ERR_UNAUTHORIZED',
  'NETLAB_ERR_FORBIDDEN',
  'NETLAB_ERR_SESSION_ENDED',
]);

export function openLabPane(options: LabPaneOptions): LabPaneController {
  const { host, started, client, locale } = options;
  const template = host.querySelector<HTMLTemplateElement>('template[data-lab-pane]');
  if (!template) throw new Error('LabPane: the pane template is missing');
  const fragment = document.importNode(template.content, true);
  const pane = fragment.querySelector<HTMLElement>('[data-netlab-pane]');
  const showButton = fragment.querySelector<HTMLButtonElement>('[data-pane-show]');
  if (!pane || !showButton) throw new Error('LabPane: the pane template is incomplete');
  document.body.append(fragment);
  const root = document.documentElement;
  root.classList.add('netlab-lab-open');

  const terminal = pane.querySelector<NetlabTerminalElement>('netlab-terminal');
  if (!(terminal instanceof NetlabTerminalElement))
    throw new Error('LabPane: the terminal element is missing');
  const message = pane.querySelector<HTMLElement>('[data-pane-message]');
  const collapseButton = pane.querySelector<HTMLButtonElement>('[data-pane-collapse]');
  const endButton = pane.querySelector<HTMLButtonElement>('[data-pane-end]');
  const handle = pane.querySelector<HTMLElement>('[data-pane-handle]');
  const cleanups: (() => void)[] = [];
  let destroyed = false;

  const listen = (target: EventTarget, type: string, handler: (event: Event) => void): void => {
    target.addEventListener(type, handler);
    cleanups.push(() => target.removeEventListener(type, handler));
  };

  const setCollapsed = wirePaneSize({
    pane,
    showButton,
    collapseButton,
    handle,
    focusTarget: terminal,
    listen,
  });
  cleanups.push(followKeyboard(root));

  // ---- screen reader and tasks ------------------------------------------------------
  const log = pane.querySelector('netlab-lab-log');
  const say = wireScreenReader({
    pane,
    terminal,
    log: log instanceof NetlabLabLogElement ? log : null,
    toggle: pane.querySelector<HTMLButtonElement>('[data-pane-sr]'),
    locale,
    listen,
  });
  // The generation the machine runs, beside the pane's title.
  pane
    .querySelector<HTMLElement>(`[data-pane-generation="${started.session.generation}"]`)
    ?.removeAttribute('hidden');
  const tasks = taskView(pane, locale, say);
  tasks.render(started.view.tasks, 'initial');
  wireTasks({
    pane,
    client,
    session: started.session,
    locale,
    params: started.view.params,
    render: (results, source) => tasks.render(results, source),
    listen,
  });
  listen(pane, 'netlab-terminal:tasks', (event) => {
    const results = (event as CustomEvent<{ tasks: TaskResult[] }>).detail.tasks;
    if (Array.isArray(results)) tasks.render(results, 'push');
  });

  // ---- the machine's end coming, and how it was rebuilt ------------------------------
  const tell = (text: string, kind: 'info' | 'error' = 'info'): void => {
    setText(message, text);
    if (message) message.dataset.kind = kind;
  };
  const focusTerminal = (): void => terminal.focus();
  cleanups.push(
    wireExpiryWarning({
      pane,
      client,
      session: started.session,
      view: started.view,
      locale,
      listen,
      say,
      tell,
      focusAfter: focusTerminal,
    }),
  );
  if (options.rebuild) {
    showRebuildNotice({
      pane,
      report: options.rebuild,
      locale,
      listen,
      say,
      focusAfter: focusTerminal,
    });
  }

  // ---- the session ending -----------------------------------------------------------
  let checking = false;
  /** Set while the reader's own "End lab" is under way: the terminal's end is expected then. */
  let ending = false;
  const sessionGone = (text: string): void => {
    if (destroyed || ending) return;
    controller.destroy();
    options.onEnded(text, true);
  };
  listen(pane, 'netlab-terminal:state', (event) => {
    const detail = (event as CustomEvent<StateEventDetail>).detail;
    if (detail.state === 'ended' && detail.code !== undefined && SESSION_GONE.has(detail.code)) {
      sessionGone(detail.message ?? t(locale, 'pane.ended'));
    } else if (detail.state === 'reconnecting' && (detail.attempt ?? 0) >= 2 && !checking) {
      // Repeated failures: is the session still there? (A refused upgrade carries no reason.)
      checking = true;
      client
        .status(started.session)
        .then(
          (view) => {
            if (view.status === 'ended' || view.status === 'failed')
              sessionGone(t(locale, 'error.ended'));
          },
          (error: unknown) => {
            const kind = (error as { kind?: string }).kind;
            if (kind === 'not-found' || kind === 'ended' || kind === 'forbidden')
              sessionGone(t(locale, 'error.notFound'));
          },
        )
        .finally(() => (checking = false));
    }
  });

  if (endButton) {
    listen(endButton, 'click', () => {
      if (!window.confirm(t(locale, 'pane.endConfirm'))) return;
      endButton.disabled = true;
      void controller.end().catch((error: unknown) => {
        endButton.disabled = false;
        tell(error instanceof Error ? error.message : String(error), 'error');
      });
    });
  }

  const controller: LabPaneController = {
    session: started.session,
    terminal,
    async run(command) {
      controller.show({ focus: false });
      await terminal.run(command);
    },
    show({ focus = true } = {}) {
      setCollapsed(false, false);
      if (focus) terminal.focus();
    },
    showTask(id) {
      setCollapsed(false, false);
      return tasks.target(id);
    },
    collapse() {
      setCollapsed(true);
    },
    async end() {
      ending = true;
      try {
        await client.end(started.session);
      } finally {
        ending = false;
      }
      controller.destroy();
      options.onEnded(t(locale, 'pane.ended'), false);
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      for (const cleanup of cleanups.splice(0)) cleanup();
      terminal.disconnect();
      pane.remove();
      showButton.remove();
      root.classList.remove('netlab-lab-open', 'netlab-lab-collapsed');
    },
  };

  terminal.connect(started.session, { baseUrl: options.baseUrl });
  if (!pane.hidden) terminal.focus();
  return controller;
}

function setText(node: Element | null, text: string): void {
  if (node) node.textContent = text;
}

/**
 * The open lab pane: mounts LabPane.astro's template beside the article,
 * connects its terminal, keeps the task list current, and handles resizing
 * (drag handle and keyboard), collapsing and ending the lab. Loaded with
 * xterm.js when the reader starts a lab (lab-boot.ts imports it dynamically).
 */
import { wireTasks } from './lab-tasks.ts';
import type { TaskResult } from '../../server/protocol.ts';
import { t, type UiLocale } from './i18n.ts';
import type { LabClient, StartedLab, StoredSession } from './lab-api.ts';
import { NetlabTerminalElement, type StateEventDetail } from './netlab-terminal.ts';

export interface LabPaneOptions {
  /** The `<netlab-lab>` element holding the pane's template. */
  host: HTMLElement;
  started: StartedLab;
  client: LabClient;
  baseUrl: string;
  locale: UiLocale;
  /** The pane closed because the lab ended (by the reader or the server). */
  onEnded: (message: string) => void;
}

export interface LabPaneController {
  readonly session: StoredSession;
  readonly terminal: NetlabTerminalElement;
  /** Types a command into the terminal and presses Enter (showing the pane first). */
  run(command: string): Promise<void>;
  show(options?: { focus?: boolean }): void;
  collapse(): void;
  /** Ends the session on the server and closes the pane. */
  end(): Promise<void>;
  /** Closes the pane and its terminal, leaving the session alive. */
  destroy(): void;
}

const WIDTH_KEY = 'netlab:pane-width';
const COLLAPSED_KEY = 'netlab:pane-collapsed';
const MIN_WIDTH = 20;
const MAX_WIDTH = 80;
const DEFAULT_WIDTH = 50;
/** Below this the pane is a full-width drawer over the article (LabPane.astro's CSS agrees). */
const NARROW = '(max-width: 63.99rem)';
/** Terminal close codes meaning the session itself is gone. */
const SESSION_GONE = new Set([4401, 4403, 4404, 4410]);

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

  const listen = <K extends keyof HTMLElementEventMap>(
    target: HTMLElement | Window,
    type: K,
    handler: (event: HTMLElementEventMap[K]) => void,
  ): void => {
    target.addEventListener(type, handler as EventListener);
    cleanups.push(() => target.removeEventListener(type, handler as EventListener));
  };

  // ---- width and collapse -------------------------------------------------------
  // The width is a share (percent) of the space right of the site's sidebar.
  const setWidth = (percent: number, persist = true): void => {
    const value = Math.round(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, percent)));
    root.style.setProperty('--netlab-pane-share', String(value / 100));
    handle?.setAttribute('aria-valuenow', String(value));
    handle?.setAttribute('aria-valuetext', `${value}%`);
    if (persist) store(WIDTH_KEY, String(value));
  };
  setWidth(Number(read(WIDTH_KEY)) || DEFAULT_WIDTH, false);

  const setCollapsed = (collapsed: boolean, focus = false): void => {
    pane.hidden = collapsed;
    showButton.hidden = !collapsed;
    root.classList.toggle('netlab-lab-collapsed', collapsed);
    collapseButton?.setAttribute('aria-expanded', String(!collapsed));
    store(COLLAPSED_KEY, collapsed ? '1' : '0');
    if (focus) (collapsed ? showButton : terminal).focus();
  };
  const narrow = matchMedia(NARROW);
  setCollapsed(read(COLLAPSED_KEY) === '1' && !narrow.matches);

  if (collapseButton) listen(collapseButton, 'click', () => setCollapsed(true, true));
  listen(showButton, 'click', () => setCollapsed(false, true));

  if (handle) {
    let dragging = false;
    /** Width of the space the pane shares with the article, measured when a drag starts. */
    let area = 0;
    listen(handle, 'pointerdown', (event) => {
      if (event.button !== 0) return;
      dragging = true;
      const share = (Number(handle.getAttribute('aria-valuenow')) || DEFAULT_WIDTH) / 100;
      area = pane.getBoundingClientRect().width / share;
      handle.setPointerCapture(event.pointerId);
      handle.dataset.dragging = '';
      root.classList.add('netlab-pane-dragging');
      event.preventDefault();
    });
    listen(handle, 'pointermove', (event) => {
      if (dragging && area > 0) setWidth(((window.innerWidth - event.clientX) / area) * 100);
    });
    const stop = (event: PointerEvent): void => {
      if (!dragging) return;
      dragging = false;
      if (handle.hasPointerCapture(event.pointerId)) handle.releasePointerCapture(event.pointerId);
      delete handle.dataset.dragging;
      root.classList.remove('netlab-pane-dragging');
    };
    listen(handle, 'pointerup', stop);
    listen(handle, 'pointercancel', stop);
    listen(handle, 'keydown', (event) => {
      const now = Number(handle.getAttribute('aria-valuenow')) || DEFAULT_WIDTH;
      const step = event.shiftKey ? 10 : 2;
      const next =
        event.key === 'ArrowLeft' || event.key === 'ArrowUp'
          ? now + step
          : event.key === 'ArrowRight' || event.key === 'ArrowDown'
            ? now - step
            : event.key === 'Home'
              ? MIN_WIDTH
              : event.key === 'End'
                ? MAX_WIDTH
                : null;
      if (event.key === 'Enter') {
        event.preventDefault();
        setCollapsed(true, true);
      } else if (next !== null) {
        event.preventDefault();
        setWidth(next);
      }
    });
  }

  // ---- tasks ----------------------------------------------------------------------
  const renderTasks = (results: TaskResult[]): void => {
    for (const result of results) {
      const item = pane.querySelector<HTMLElement>(`[data-task-id="${CSS.escape(result.id)}"]`);
      if (!item) continue;
      const status = result.passed ? 'passed' : 'failed';
      item.dataset.status = status;
      const dot = item.querySelector<HTMLElement>('[data-task-status]');
      const label = t(locale, result.passed ? 'task.passed' : 'task.failed');
      dot?.setAttribute('aria-label', label);
      dot?.setAttribute('title', label);
      const detail = item.querySelector<HTMLElement>('[data-task-detail]');
      if (detail) {
        detail.hidden = result.passed || !result.detail;
        setText(detail.querySelector('[data-task-expected]'), result.detail?.expected ?? '');
        setText(detail.querySelector('[data-task-actual]'), result.detail?.actual ?? '');
      }
    }
    const all = pane.querySelectorAll('[data-task-id]');
    const done = pane.querySelectorAll('[data-task-id][data-status="passed"]');
    setText(pane.querySelector('[data-task-count]'), `${done.length}/${all.length}`);
  };
  renderTasks(started.view.tasks);
  wireTasks({
    pane,
    client,
    session: started.session,
    locale,
    params: started.view.params,
    render: renderTasks,
    listen: (target, type, handler) => {
      target.addEventListener(type, handler);
      cleanups.push(() => target.removeEventListener(type, handler));
    },
  });
  listen(pane, 'netlab-terminal:tasks' as keyof HTMLElementEventMap, (event) => {
    const tasks = (event as CustomEvent<{ tasks: TaskResult[] }>).detail.tasks;
    if (Array.isArray(tasks)) renderTasks(tasks);
  });

  // ---- the session ending -----------------------------------------------------------
  let checking = false;
  /** Set while the reader's own "End lab" is under way: the terminal's end is expected then. */
  let ending = false;
  const sessionGone = (text: string): void => {
    if (destroyed || ending) return;
    client.forget(started.session.lab);
    controller.destroy();
    options.onEnded(text);
  };
  listen(pane, 'netlab-terminal:state' as keyof HTMLElementEventMap, (event) => {
    const detail = (event as CustomEvent<StateEventDetail>).detail;
    if (
      detail.state === 'ended' &&
      detail.closeCode !== undefined &&
      SESSION_GONE.has(detail.closeCode)
    ) {
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
        setText(message, error instanceof Error ? error.message : String(error));
        if (message) message.dataset.kind = 'error';
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
      options.onEnded(t(locale, 'pane.ended'));
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

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function store(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // storage disabled: the pane forgets its width
  }
}

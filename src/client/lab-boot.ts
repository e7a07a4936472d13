/**
 * The small script every page with a LabPane ships (no xterm.js here): it
 * defines `<netlab-lab>`, whose "Start lab" button starts or resumes the lab's
 * session and then loads the pane (lab-pane.ts, with xterm.js) with a dynamic
 * import, and gives `[data-netlab-run]` code blocks their "Run this" buttons.
 * A lab that was open when the page unloaded reopens by itself on reload; a
 * deep link (`?lab=…&task=…`, deep-link.ts) opens its lab at its task instead.
 * A page may hand a lab its session instead (`data-session-source="external"`
 * and `sessionSource`): a workshop's learner page does, with the learner's own.
 */
import { readDeepLink, resolveDeepLink, type ResolvedLink } from './deep-link.ts';
import { t, toUiLocale, type UiLocale } from './i18n.ts';
import { describeLabError, LabClient, type StartedLab } from './lab-api.ts';
import type { LabPaneController } from './lab-pane.ts';
import { codeText, commandsFrom } from './run-commands.ts';
import { generationPicker } from './lab-boot/generation.ts';

const OPEN_PREFIX = 'netlab:open:';
let paneModule: Promise<typeof import('./lab-pane.ts')> | null = null;
const loadPane = (): Promise<typeof import('./lab-pane.ts')> =>
  (paneModule ??= import('./lab-pane.ts'));
/** Gives a lab with `data-session-source="external"` its (ready) session. */
export type SessionSource = (lab: string) => Promise<StartedLab>;

/** One lab pane is open per page at a time. */
let active: NetlabLabElement | null = null;
/** The page's deep link is followed once, not again when an element is moved. */
let linkFollowed = false;

export class NetlabLabElement extends HTMLElement {
  #controller: LabPaneController | null = null;
  #opening: Promise<LabPaneController> | null = null;
  #client: LabClient | null = null;
  #source: SessionSource | null = null;

  get lab(): string {
    return this.dataset.lab ?? '';
  }

  get locale(): UiLocale {
    return toUiLocale(this.dataset.locale ?? document.documentElement.lang);
  }

  /** Where the session comes from when the page provides it (see `data-session-source`). */
  get sessionSource(): SessionSource | null {
    return this.#source;
  }

  set sessionSource(source: SessionSource | null) {
    this.#source = source;
  }

  /** The page provides the session: nothing is stored or resumed by this element. */
  get external(): boolean {
    return this.dataset.sessionSource === 'external';
  }

  /** The open pane, if any. */
  get controller(): LabPaneController | null {
    return this.#controller;
  }

  connectedCallback(): void {
    const button = this.#startButton();
    if (button && !button.dataset.wired) {
      button.dataset.wired = '1';
      button.addEventListener('click', () => void this.open().catch(() => undefined));
    }
    const link = this.external ? null : pageDeepLink();
    const stored = this.external ? null : this.#labClient().stored(this.lab);
    generationPicker(this).show(stored?.generation ?? null);
    if (stored) {
      if (button) button.textContent = t(this.locale, 'lab.resume');
      // The lab was open when the page unloaded: reopen it on the same machine (never a new one),
      // unless a deep link asks for a lab of its own.
      if (readFlag(OPEN_PREFIX + this.lab) && !active && !link) {
        void this.open({ focus: false, resumeOnly: true }).catch(() => undefined);
      }
    }
    if (link?.lab === this.lab && !linkFollowed) {
      linkFollowed = true;
      void this.#follow(link).catch(() => undefined);
    }
    enhanceRunBlocks(document);
  }

  /** Opens the lab a deep link names and points at its task. */
  async #follow(link: ResolvedLink): Promise<void> {
    const controller = await this.open({ focus: false });
    // As if the reader had pressed Start lab: the pane shows even if it was left collapsed.
    if (link.task === null || link.unknownTask) controller.show({ focus: true });
    if (link.task === null) return;
    if (link.unknownTask || !controller.showTask(link.task)) {
      this.#say(t(this.locale, 'link.unknownTask', { task: link.task }), 'error');
    }
  }

  /** Starts (or resumes) the lab and opens its pane; shows the pane when already open. */
  open(options: { focus?: boolean; resumeOnly?: boolean } = {}): Promise<LabPaneController> {
    if (this.#controller) {
      this.#controller.show(options);
      return Promise.resolve(this.#controller);
    }
    this.#opening ??= this.#open(options.focus ?? true, options.resumeOnly ?? false).finally(
      () => (this.#opening = null),
    );
    return this.#opening;
  }

  /** Types a command into this lab's terminal, opening the lab first if needed. */
  async run(command: string): Promise<void> {
    const controller = await this.open({ focus: false });
    await controller.run(command);
  }

  async #open(focus: boolean, resumeOnly: boolean): Promise<LabPaneController> {
    // One pane per page: another open lab closes (its session lives on).
    if (active && active !== this) active.#release();
    activate(this);
    const locale = this.locale;
    const button = this.#startButton();
    if (button) button.disabled = true;
    this.#say(t(locale, 'lab.starting'));
    const client = this.#labClient();
    try {
      const panePromise = loadPane(); // xterm.js downloads while the machine starts
      const started: StartedLab = this.external
        ? await this.#external()
        : await client.start(this.lab, { resumeOnly, generation: generationPicker(this).picked() });
      generationPicker(this).show(started.session.generation);
      this.#say(t(locale, 'lab.opening'));
      const { openLabPane } = await panePromise;
      const controller = openLabPane({
        host: this,
        started,
        client,
        baseUrl: location.origin,
        locale,
        onEnded: (text) => this.#closed(text),
      });
      this.#controller = controller;
      writeFlag(OPEN_PREFIX + this.lab, true);
      if (button) {
        button.disabled = false;
        button.textContent = t(locale, 'lab.show');
      }
      this.#say(t(locale, 'lab.open'));
      if (focus) controller.show({ focus: true });
      return controller;
    } catch (error) {
      if (active === this) activate(null);
      writeFlag(OPEN_PREFIX + this.lab, false);
      if (button) {
        button.disabled = false;
        button.textContent = t(locale, this.#canResume() ? 'lab.resume' : 'lab.start');
      }
      this.#say(describeLabError(error, locale), 'error');
      throw error;
    }
  }

  #external(): Promise<StartedLab> {
    if (!this.#source) return Promise.reject(new Error('this lab has no session yet'));
    return this.#source(this.lab);
  }

  /** Closes the pane, leaving the session running (another lab of the page opens). */
  #release(): void {
    this.#controller?.destroy();
    this.#closed('');
  }

  #closed(text: string): void {
    this.#controller = null;
    if (!this.external)
      generationPicker(this).show(this.#labClient().stored(this.lab)?.generation ?? null);
    if (active === this) activate(null);
    writeFlag(OPEN_PREFIX + this.lab, false);
    const button = this.#startButton();
    if (button) {
      button.disabled = false;
      button.textContent = t(this.locale, this.#canResume() ? 'lab.resume' : 'lab.start');
    }
    this.#say(text);
  }

  #canResume(): boolean {
    return !this.external && this.#labClient().stored(this.lab) !== null;
  }

  #labClient(): LabClient {
    this.#client ??= new LabClient({ baseUrl: location.origin });
    return this.#client;
  }

  #startButton(): HTMLButtonElement | null {
    return this.querySelector<HTMLButtonElement>('[data-lab-start]');
  }

  #say(text: string, kind: 'info' | 'error' = 'info'): void {
    const message = this.querySelector<HTMLElement>('[data-lab-message]');
    if (!message) return;
    message.textContent = text;
    message.dataset.kind = kind;
  }
}

/** Adds a "Run this" button after each code block inside `[data-netlab-run]` (once). */
export function enhanceRunBlocks(root: ParentNode): void {
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
      anchor.after(runButton(command, lab));
    }
  }
}

function runButton(command: string, lab: string | undefined): HTMLElement {
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

/** The lab of this page (and task) the address links to, if any. */
function pageDeepLink(): ResolvedLink | null {
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

function activate(lab: NetlabLabElement | null): void {
  active = lab;
}

function findLab(lab: string | undefined): NetlabLabElement | null {
  const labs = Array.from(document.querySelectorAll('netlab-lab')).filter(
    (el): el is NetlabLabElement => el instanceof NetlabLabElement,
  );
  return (lab ? labs.find((el) => el.lab === lab) : (active ?? labs[0])) ?? null;
}

function readFlag(key: string): boolean {
  try {
    return localStorage.getItem(key) === '1';
  } catch {
    return false;
  }
}

function writeFlag(key: string, on: boolean): void {
  try {
    if (on) localStorage.setItem(key, '1');
    else localStorage.removeItem(key);
  } catch {
    // storage disabled: nothing reopens on reload
  }
}

if (!customElements.get('netlab-lab')) customElements.define('netlab-lab', NetlabLabElement);

declare global {
  interface HTMLElementTagNameMap {
    'netlab-lab': NetlabLabElement;
  }
}

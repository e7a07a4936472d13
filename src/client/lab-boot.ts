/**
 * The small script every page with a LabPane ships (no xterm.js here): it
 * defines `<netlab-lab>`, whose "Start lab" button starts or resumes the lab's
 * session and then loads the pane (lab-pane.ts, with xterm.js) with a dynamic
 * import, and gives `[data-netlab-run]` code blocks their "Run this" buttons.
 * A lab that was open when the page unloaded reopens by itself on reload; a
 * deep link (`?lab=…&task=…`, deep-link.ts) opens its lab at its task instead.
 * When the lab's machine ended by its time limit, idling or a failure, the card
 * offers to rebuild it (lab-boot/rebuild-offer.ts) rather than starting afresh.
 * A page may hand a lab its session instead (`data-session-source="external"`
 * and `sessionSource`): a workshop's learner page does, with the learner's own.
 */
import type { SessionView } from '../../server/protocol.ts';
import type { ResolvedLink } from './deep-link.ts';
import { t, toUiLocale, type UiLocale } from './i18n.ts';
import { LabApiError, LabClient, type StartedLab, type StoredSession } from './lab-api.ts';
import type { LabPaneController } from './lab-pane.ts';
import { generationPicker } from './lab-boot/generation.ts';
import { offerButtons, rebuildOfferOf, type RebuildOffer } from './lab-boot/rebuild-offer.ts';
import { pageDeepLink, readFlag, writeFlag } from './lab-boot/page.ts';
import { enhanceRunBlocks } from './lab-boot/run-blocks.ts';
import { acquire, afterFailure, type OpenMode, type SessionSource } from './lab-boot/session.ts';

const OPEN_PREFIX = 'netlab:open:';
let paneModule: Promise<typeof import('./lab-pane.ts')> | null = null;
const loadPane = (): Promise<typeof import('./lab-pane.ts')> =>
  (paneModule ??= import('./lab-pane.ts'));

export type { SessionSource, SourceOptions } from './lab-boot/session.ts';

/** One lab pane is open per page at a time. */
let active: NetlabLabElement | null = null;
/** The page's deep link is followed once, not again when an element is moved. */
let linkFollowed = false;

export class NetlabLabElement extends HTMLElement {
  #controller: LabPaneController | null = null;
  #opening: Promise<LabPaneController> | null = null;
  #client: LabClient | null = null;
  #source: SessionSource | null = null;
  #offer: RebuildOffer | null = null;

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
    this.#wireButtons();
    const client = this.#labClient();
    const link = this.external ? null : pageDeepLink();
    const stored = this.external ? null : client.stored(this.lab);
    generationPicker(this).show(stored?.generation ?? null);
    if (stored) {
      this.#label();
      // The lab was open when the page unloaded: reopen it on the same machine (never a new one),
      // unless a deep link asks for a lab of its own.
      if (readFlag(OPEN_PREFIX + this.lab) && !active && !link) {
        void this.open({ focus: false, resumeOnly: true }).catch(() => undefined);
      } else if (client.expired(stored)) {
        void this.#settle(stored);
      }
    } else {
      const ended = this.external ? null : client.ended(this.lab);
      if (ended && !this.#controller) this.#rebuildOffer().show(ended.reason);
    }
    if (link?.lab === this.lab && !linkFollowed) {
      linkFollowed = true;
      void this.#follow(link).catch(() => undefined);
    }
    enhanceRunBlocks(document, findLab);
  }

  #wireButtons(): void {
    const wire = (button: HTMLButtonElement | null, action: () => Promise<unknown>): void => {
      if (!button || button.dataset.wired) return;
      button.dataset.wired = '1';
      button.addEventListener('click', () => void action().catch(() => undefined));
    };
    const { rebuild, fresh } = offerButtons(this);
    wire(this.#startButton(), () => this.open());
    wire(rebuild, () => this.rebuild());
    wire(fresh, () => this.startAfresh());
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
    return this.#openAs(options.resumeOnly ? 'resume' : 'start', options.focus ?? true, options);
  }

  /** "Rebuild my machine": the ended session's work replayed on a new machine. */
  rebuild(): Promise<LabPaneController> {
    return this.#openAs('rebuild', true);
  }

  /** "Start afresh": a new machine; the ended one is no longer offered. */
  startAfresh(): Promise<LabPaneController> {
    return this.#openAs('fresh', true);
  }

  /** Offers to rebuild the lab's ended session (a workshop page, which knows of one). */
  offerRebuild(reason: string | null): void {
    if (!this.#controller && !this.#opening) this.#rebuildOffer().show(reason);
  }

  #openAs(
    mode: OpenMode,
    focus: boolean,
    options: { focus?: boolean } = {},
  ): Promise<LabPaneController> {
    if (this.#controller) {
      this.#controller.show(options);
      return Promise.resolve(this.#controller);
    }
    // The page's session ended and its card offers it back: only the reader's choice opens it.
    if (this.external && !this.#opening && this.#offer?.shown && mode === 'start') {
      return Promise.reject(new LabApiError('rebuildable', 'rebuild the machine or start afresh'));
    }
    this.#opening ??= this.#open(focus, mode).finally(() => (this.#opening = null));
    return this.#opening;
  }

  /** Types a command into this lab's terminal, opening the lab first if needed. */
  async run(command: string): Promise<void> {
    const controller = await this.open({ focus: false });
    await controller.run(command);
  }

  async #open(focus: boolean, mode: OpenMode): Promise<LabPaneController> {
    // One pane per page: another open lab closes (its session lives on).
    if (active && active !== this) active.#release();
    activate(this);
    const locale = this.locale;
    const offer = this.#rebuildOffer();
    let rebuilding = mode === 'rebuild';
    const onStatus = (view: SessionView): void => {
      rebuilding ||= view.rebuild?.state === 'running';
      if (rebuilding) this.#say(offer.progress(view));
    };
    this.#busy(true);
    this.#say(rebuilding ? offer.progress(null) : t(locale, 'lab.starting'));
    try {
      const panePromise = loadPane(); // xterm.js downloads while the machine starts
      const started = await this.#acquire(mode, onStatus);
      const rebuilt = rebuilding ? (started.view.rebuild ?? null) : null;
      offer.close(rebuilt ? 'done' : null);
      generationPicker(this).show(started.session.generation);
      this.#say(t(locale, 'lab.opening'));
      const { openLabPane } = await panePromise;
      const controller = openLabPane({
        host: this,
        started,
        client: this.#labClient(),
        baseUrl: location.origin,
        locale,
        rebuild: rebuilt,
        onEnded: (text, gone) => this.#closed(text, gone ? started.session : null),
      });
      this.#controller = controller;
      writeFlag(OPEN_PREFIX + this.lab, true);
      this.#busy(false);
      this.#say(t(locale, 'lab.open'));
      if (focus) controller.show({ focus: true });
      return controller;
    } catch (error) {
      if (active === this) activate(null);
      writeFlag(OPEN_PREFIX + this.lab, false);
      this.#failed(error, mode);
      throw error;
    }
  }

  #acquire(mode: OpenMode, onStatus: (view: SessionView) => void): Promise<StartedLab> {
    const parts = {
      lab: this.lab,
      client: this.#labClient(),
      source: this.#source,
      external: this.external,
      generation: generationPicker(this).picked(),
    };
    return acquire(parts, mode, onStatus);
  }

  /** Why the lab did not open, and what the card offers next. */
  #failed(error: unknown, mode: OpenMode): void {
    const rebuildable = this.external || this.#labClient().ended(this.lab) !== null;
    const outcome = afterFailure(error, mode, rebuildable, this.locale);
    const offer = this.#rebuildOffer();
    if (outcome.offer === 'offer') offer.show(outcome.reason);
    else if (outcome.offer === 'retry') offer.failed();
    else offer.close(null);
    this.#busy(false);
    this.#say(outcome.text, outcome.kind);
  }

  /** Closes the pane, leaving the session running (another lab of the page opens). */
  #release(): void {
    this.#controller?.destroy();
    this.#closed('', null);
  }

  /** The pane closed; `gone` is the session when the server ended it (it may be rebuilt). */
  #closed(text: string, gone: StoredSession | null): void {
    this.#controller = null;
    if (!this.external)
      generationPicker(this).show(this.#labClient().stored(this.lab)?.generation ?? null);
    if (active === this) activate(null);
    writeFlag(OPEN_PREFIX + this.lab, false);
    this.#busy(false);
    this.#say(text);
    if (gone && this.external) this.#offerAfterEnd(null);
    else if (gone) void this.#settle(gone);
  }

  /** Asks the server whether a session that looks over is; offers to rebuild it if so. */
  async #settle(session: StoredSession): Promise<void> {
    const client = this.#labClient();
    const settled = await client.settle(session).catch(() => null);
    if (settled?.live !== false || this.#controller || this.#opening) return;
    generationPicker(this).show(null);
    this.#label();
    const ended = client.ended(this.lab);
    if (ended) this.#offerAfterEnd(ended.reason);
  }

  #offerAfterEnd(reason: string | null): void {
    this.#rebuildOffer().show(reason);
    this.#say(t(this.locale, 'error.rebuildable'));
    // The terminal that had the keyboard is gone: the offer takes it.
    if (document.activeElement === document.body) offerButtons(this).rebuild?.focus();
  }

  #rebuildOffer(): RebuildOffer {
    this.#offer ??= rebuildOfferOf(this, this.locale);
    return this.#offer;
  }

  /** The card's buttons are disabled while a machine starts. */
  #busy(busy: boolean): void {
    const { rebuild, fresh } = offerButtons(this);
    for (const button of [this.#startButton(), rebuild, fresh]) if (button) button.disabled = busy;
    if (!busy) this.#label();
  }

  /** "Show lab" while open, "Resume lab" while a session is stored, else "Start lab". */
  #label(): void {
    const start = this.#startButton();
    if (!start) return;
    const key = this.#controller ? 'lab.show' : this.#canResume() ? 'lab.resume' : 'lab.start';
    start.textContent = t(this.locale, key);
  }

  #canResume(): boolean {
    return !this.external && this.#labClient().stored(this.lab) !== null;
  }

  #labClient(): LabClient {
    // A page-provided session is the page's to keep: nothing of it goes into this lab's storage.
    this.#client ??= new LabClient({
      baseUrl: location.origin,
      ...(this.external && { storage: null }),
    });
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

function activate(lab: NetlabLabElement | null): void {
  active = lab;
}

function findLab(lab: string | undefined): NetlabLabElement | null {
  const labs = Array.from(document.querySelectorAll('netlab-lab')).filter(
    (el): el is NetlabLabElement => el instanceof NetlabLabElement,
  );
  return (lab ? labs.find((el) => el.lab === lab) : (active ?? labs[0])) ?? null;
}

if (!customElements.get('netlab-lab')) customElements.define('netlab-lab', NetlabLabElement);

declare global {
  interface HTMLElementTagNameMap {
    'netlab-lab': NetlabLabElement;
  }
}

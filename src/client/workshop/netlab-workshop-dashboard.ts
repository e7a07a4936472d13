/**
 * `<netlab-workshop-dashboard>`: the instructor's live view of a workshop
 * (WorkshopDashboard.astro). The workshop id comes from `?id=`, the instructor
 * secret from `#secret=`; the grid follows the EventSource on
 * /api/workshops/:id/events, opened by a one-time ticket so that the secret
 * never goes in a URL. Peek opens the learner's terminal read-only (the
 * server forces read-only for the instructor secret). `data-state`: loading |
 * live | reconnecting | ended | error; `data-stuck-minutes` is the stuck threshold.
 */
import type { WorkshopDashboard, WorkshopEvent } from '../../../server/protocol.ts';
import { pick, toUiLocale, type UiLocale } from '../i18n.ts';
import { LabApiError } from '../lab-api.ts';
import { describeWorkshopError, WorkshopApi } from './api.ts';
import { renderGrid } from './dashboard-grid.ts';
import { download, el, setText } from './dom.ts';
import { applyEvent, parseSecret } from './model.ts';
import { wt } from './strings.ts';

/** How often "stuck" is re-evaluated without events, ms. */
const STUCK_TICK_MS = 15_000;
/** Wait before reopening a lost event stream, ms. */
const RECONNECT_MS = 2000;

export class NetlabWorkshopDashboardElement extends HTMLElement {
  #api = new WorkshopApi();
  #id = '';
  #secret = '';
  #dashboard: WorkshopDashboard | null = null;
  #labTitles: Record<string, string> = {};
  #source: EventSource | null = null;
  #timer = 0;
  #retry = 0;
  #wired = false;

  get locale(): UiLocale {
    return toUiLocale(this.dataset.locale);
  }

  /** The dashboard as last rendered (tests read it). */
  get dashboard(): WorkshopDashboard | null {
    return this.#dashboard;
  }

  connectedCallback(): void {
    if (this.#wired) return;
    this.#wired = true;
    this.#id = new URLSearchParams(location.search).get('id') ?? '';
    this.#secret = parseSecret(location.hash) ?? '';
    if (!this.#id || !this.#secret) {
      this.#fail(wt(this.locale, 'dash.noSecret'));
      return;
    }
    this.#wire();
    void this.#api.labs().then(
      (labs) => {
        for (const lab of labs) this.#labTitles[lab.id] = pick(lab.title, this.locale);
        this.#render();
      },
      () => undefined, // lab ids stand in for titles
    );
    void this.#connect();
    this.#timer = window.setInterval(() => this.#render(), STUCK_TICK_MS);
  }

  disconnectedCallback(): void {
    this.#source?.close();
    clearInterval(this.#timer);
    clearTimeout(this.#retry);
  }

  #wire(): void {
    const stuck = this.querySelector<HTMLSelectElement>('[data-ws-stuck]');
    stuck?.addEventListener('change', () => {
      this.dataset.stuckMinutes = stuck.value;
      this.#render();
    });
    for (const button of this.querySelectorAll<HTMLButtonElement>('[data-ws-export]')) {
      button.addEventListener('click', () => void this.#export(button));
    }
    this.querySelector('[data-ws-end]')?.addEventListener('click', () => void this.#end());
    const form = this.querySelector<HTMLFormElement>('[data-ws-broadcast]');
    form?.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.#broadcast(form);
    });
    const dialog = this.querySelector<HTMLDialogElement>('[data-ws-peek]');
    this.querySelector('[data-ws-peek-close]')?.addEventListener('click', () => dialog?.close());
    dialog?.addEventListener('close', () => {
      dialog
        .querySelector<HTMLElement & { disconnect?: () => void }>('netlab-terminal')
        ?.disconnect?.();
      this.dataset.peek = '';
    });
  }

  async #connect(): Promise<void> {
    let ticket: string;
    try {
      ({ ticket } = await this.#api.eventsTicket(this.#id, this.#secret));
    } catch (error) {
      // Unreachable or restarting: try again; refused (bad secret, unknown workshop): say why.
      if (error instanceof LabApiError && ['offline', 'restarting'].includes(error.kind))
        this.#reconnect();
      else this.#fail(describeWorkshopError(error, this.locale));
      return;
    }
    if (!this.isConnected) return;
    const source = new EventSource(this.#api.eventsUrl(this.#id, ticket));
    this.#source = source;
    source.onmessage = (message: MessageEvent<string>) => {
      let event: WorkshopEvent;
      try {
        event = JSON.parse(message.data) as WorkshopEvent;
      } catch {
        return;
      }
      this.#dashboard = applyEvent(this.#dashboard, event);
      if (event.type === 'ended') source.close();
      this.#render();
    };
    source.onopen = () => this.#live(true);
    // EventSource would retry with the same URL, whose ticket is spent: reopen with a new one.
    source.onerror = () => {
      source.close();
      if (this.#dashboard?.workshop.status !== 'ended') this.#reconnect();
    };
  }

  #reconnect(): void {
    this.#live(false);
    clearTimeout(this.#retry);
    this.#retry = window.setTimeout(() => void this.#connect(), RECONNECT_MS);
  }

  #live(live: boolean): void {
    if (this.#dashboard?.workshop.status === 'ended') return;
    this.dataset.state = live ? 'live' : 'reconnecting';
    setText(
      this.querySelector('[data-ws-live]'),
      wt(this.locale, live ? 'dash.live' : 'dash.reconnecting'),
    );
  }

  #render(): void {
    const dashboard = this.#dashboard;
    if (!dashboard) return;
    const locale = this.locale;
    setText(this.querySelector('[data-ws-status]'), '');
    const main = this.querySelector<HTMLElement>('[data-ws-main]');
    if (main) main.hidden = false;
    const { workshop } = dashboard;
    setText(this.querySelector('[data-ws-title]'), workshop.title);
    const status = this.querySelector<HTMLElement>('[data-ws-workshop-status]');
    setText(status, wt(locale, `dash.status.${workshop.status}`));
    if (status) status.dataset.status = workshop.status;
    setText(
      this.querySelector('[data-ws-count]'),
      wt(locale, 'dash.learners', { count: dashboard.learners.length }),
    );
    const empty = this.querySelector<HTMLElement>('[data-ws-empty]');
    if (empty) empty.hidden = dashboard.learners.length > 0;
    const table = this.querySelector<HTMLTableElement>('[data-ws-grid]');
    if (table) {
      renderGrid(table, dashboard, {
        locale,
        now: Date.now(),
        stuckMinutes: Number(this.dataset.stuckMinutes) || 10,
        labTitles: this.#labTitles,
        onPeek: (learnerId, lab) => void this.#peek(learnerId, lab),
      });
    }
    this.#renderFailures(dashboard);
    if (workshop.status === 'ended') {
      this.dataset.state = 'ended';
      setText(this.querySelector('[data-ws-live]'), wt(locale, 'dash.ended'));
      for (const control of this.querySelectorAll<HTMLButtonElement | HTMLInputElement>(
        '[data-ws-end], [data-ws-broadcast] input, [data-ws-broadcast] button',
      ))
        control.disabled = true;
    }
  }

  #renderFailures(dashboard: WorkshopDashboard): void {
    const box = this.querySelector<HTMLElement>('[data-ws-failures]');
    const list = this.querySelector<HTMLElement>('[data-ws-failure-list]');
    if (!box || !list) return;
    box.hidden = dashboard.webhookFailures.length === 0;
    list.replaceChildren(
      ...dashboard.webhookFailures
        .slice(0, 20)
        .map((f) =>
          el(
            'li',
            '',
            `${new Date(f.at).toLocaleTimeString()} · ${f.learner} · ${f.task}: ${f.error}`,
          ),
        ),
    );
  }

  async #peek(learnerId: string, lab: string): Promise<void> {
    const learner = this.#dashboard?.learners.find((l) => l.id === learnerId);
    const sessionId = learner?.sessions[lab];
    const dialog = this.querySelector<HTMLDialogElement>('[data-ws-peek]');
    if (!learner || !sessionId || !dialog) return;
    const labTitle = this.#labTitles[lab] ?? lab;
    setText(
      dialog.querySelector('[data-ws-peek-title]'),
      wt(this.locale, 'dash.peekTitle', { learner: learner.name, lab: labTitle }),
    );
    dialog.showModal();
    this.dataset.peek = `${learnerId}/${lab}`;
    await import('../netlab-terminal.ts');
    const terminal = dialog.querySelector('netlab-terminal');
    // The instructor secret opens the learner's session; the server makes it read-only.
    terminal?.connect({ id: sessionId, token: this.#secret }, { baseUrl: location.origin });
  }

  async #export(button: HTMLButtonElement): Promise<void> {
    const format = button.dataset.wsExport === 'json' ? 'json' : 'csv';
    button.disabled = true;
    try {
      const blob = await this.#api.results(this.#id, this.#secret, format);
      download(blob, `workshop-${this.#id}.${format}`);
    } catch (error) {
      setText(this.querySelector('[data-ws-error]'), describeWorkshopError(error, this.locale));
    } finally {
      button.disabled = false;
    }
  }

  async #broadcast(form: HTMLFormElement): Promise<void> {
    const input = form.elements.namedItem('text') as HTMLInputElement | null;
    const status = this.querySelector('[data-ws-broadcast-status]');
    const text = input?.value.trim() ?? '';
    if (!input || !text) {
      input?.focus();
      return;
    }
    try {
      await this.#api.broadcast(this.#id, this.#secret, text);
      input.value = '';
      setText(status, wt(this.locale, 'dash.sent'));
    } catch (error) {
      setText(status, describeWorkshopError(error, this.locale));
    }
  }

  async #end(): Promise<void> {
    if (!window.confirm(wt(this.locale, 'dash.endConfirm'))) return;
    try {
      const workshop = await this.#api.end(this.#id, this.#secret);
      if (this.#dashboard) this.#dashboard = { ...this.#dashboard, workshop };
      this.#render();
    } catch (error) {
      setText(this.querySelector('[data-ws-error]'), describeWorkshopError(error, this.locale));
    }
  }

  #fail(text: string): void {
    this.dataset.state = 'error';
    setText(this.querySelector('[data-ws-status]'), '');
    setText(this.querySelector('[data-ws-error]'), text);
  }
}

if (!customElements.get('netlab-workshop-dashboard')) {
  customElements.define('netlab-workshop-dashboard', NetlabWorkshopDashboardElement);
}

declare global {
  interface HTMLElementTagNameMap {
    'netlab-workshop-dashboard': NetlabWorkshopDashboardElement;
  }
}

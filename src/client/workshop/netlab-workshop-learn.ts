/**
 * `<netlab-workshop-learn>`: the learner's workspace (WorkshopLearn.astro).
 * Finds the place (link or this browser), loads GET /api/workshops/:id/me, shows
 * the workshop's labs as buttons and, for the chosen one, the course's lab card
 * whose session comes from POST /api/workshops/:id/me/sessions (the lab pane and
 * terminal are the chapters' own). A lab whose machine ended (`rebuildable`)
 * offers "Rebuild my machine" on its card, so that a learner on another device
 * gets their work back. Broadcasts arrive on the learner's event stream as a
 * banner; `ended` ends the page's labs.
 * `data-state`: loading | ready | ended | no-place | error.
 */
import type {
  CreateSessionResponse,
  LearnerEvent,
  ParticipantView,
} from '../../../server/protocol.ts';
import { toUiLocale, type UiLocale } from '../i18n.ts';
import { LabClient, safeLocalStorage } from '../lab-api.ts';
import type { NetlabLabElement } from '../lab-boot.ts';
import { describeWorkshopError, WorkshopApi } from './api.ts';
import { copyText, el, setText } from './dom.ts';
import { learnLink, placeFrom, readPlace, writePlace, type StoredPlace } from './place.ts';
import { openStream } from './sse.ts';
import { wt } from './strings.ts';

export class NetlabWorkshopLearnElement extends HTMLElement {
  #api = new WorkshopApi();
  #labClient = new LabClient({ storage: null });
  #place: StoredPlace | null = null;
  #view: ParticipantView | null = null;
  #stream: { close(): void } | null = null;
  #wired = false;

  get locale(): UiLocale {
    return toUiLocale(this.dataset.locale);
  }

  connectedCallback(): void {
    if (this.#wired) return;
    this.#wired = true;
    this.querySelector('[data-ws-banner-close]')?.addEventListener('click', () => {
      const banner = this.querySelector<HTMLElement>('[data-ws-banner]');
      if (banner) banner.hidden = true;
    });
    this.querySelector('[data-ws-copy-keep]')?.addEventListener('click', () => {
      const link = this.querySelector('[data-ws-keep]')?.textContent ?? '';
      void copyText(link).then((ok) =>
        setText(
          this.querySelector('[data-ws-copy-status]'),
          ok ? wt(this.locale, 'new.copied') : '',
        ),
      );
    });
    void this.#load();
  }

  disconnectedCallback(): void {
    this.#stream?.close();
  }

  async #load(): Promise<void> {
    const locale = this.locale;
    const storage = safeLocalStorage();
    const place = placeFrom(new URL(location.href), readPlace(storage));
    if (!place) {
      this.#status(wt(locale, 'learn.noPlace'));
      this.dataset.state = 'no-place';
      return;
    }
    this.#place = place;
    try {
      const view = await this.#api.me(place.workshopId, place.token);
      this.#view = view;
      writePlace(storage, place);
      this.#render(view, place);
      this.#listen(place);
    } catch (error) {
      this.#status('');
      setText(this.querySelector('[data-ws-error]'), describeWorkshopError(error, locale));
      this.dataset.state = 'error';
    }
  }

  #render(view: ParticipantView, place: StoredPlace): void {
    const locale = this.locale;
    this.#status('');
    setText(this.querySelector('[data-ws-title]'), view.workshop.title);
    setText(
      this.querySelector('[data-ws-you]'),
      wt(locale, 'learn.you', { name: view.participant.name }),
    );
    const link = learnLink(location.origin, locale === 'zh-cn' ? '/zh-cn' : '', place);
    const keep = this.querySelector<HTMLAnchorElement>('[data-ws-keep]');
    if (keep) {
      keep.href = link;
      keep.textContent = link;
    }
    // The address bar shows the reopenable link too (bookmarking it works).
    history.replaceState(null, '', link);
    if (view.workshop.message) this.#banner(view.workshop.message.text);
    const tabs = this.querySelector<HTMLElement>('[data-ws-tabs]');
    for (const labId of view.workshop.labs) {
      const host = this.#labHost(labId);
      if (!host || !tabs) continue;
      // The title comes localized from the server-rendered lab card.
      const title = host.querySelector('.netlab-lab__title')?.textContent ?? labId;
      const item = el('li');
      const button = el('button', 'netlab-ws__tab', title);
      button.type = 'button';
      button.dataset.wsTab = labId;
      button.setAttribute('aria-pressed', 'false');
      if (isRebuildable(view, labId)) button.dataset.wsRebuildable = '';
      button.addEventListener('click', () => void this.#choose(labId, true));
      item.append(button);
      tabs.append(item);
      void this.#wireLab(labId);
    }
    const main = this.querySelector<HTMLElement>('[data-ws-main]');
    if (main) main.hidden = false;
    this.dataset.state = view.workshop.status === 'ended' ? 'ended' : 'ready';
    if (view.workshop.status === 'ended') this.#ended();
    const first = view.workshop.labs[0];
    if (first) void this.#choose(first, first in view.sessions);
  }

  async #wireLab(labId: string): Promise<void> {
    await customElements.whenDefined('netlab-lab');
    const lab = this.#labElement(labId);
    if (!lab) return;
    lab.sessionSource = async (id, { rebuild, onStatus }) => {
      const place = this.#place;
      if (!place) throw new Error('no workshop place');
      const created = await this.#api.mySession(place.workshopId, place.token, id, rebuild);
      const session = {
        id: created.id,
        token: created.token,
        lab: created.lab,
        generation: created.generation,
        expiresAt: created.expiresAt,
      };
      const resumed = this.#view?.sessions[id]?.id === created.id;
      this.#remember(id, created);
      const view = await this.#labClient.waitReady(session, { onStatus });
      return { session, view, resumed };
    };
    if (this.#view && isRebuildable(this.#view, labId)) lab.offerRebuild(null);
  }

  /** The lab has a live session now: nothing of it is offered for rebuilding any more. */
  #remember(labId: string, created: CreateSessionResponse): void {
    if (!this.#view) return;
    const rebuildable = Object.fromEntries(
      Object.entries(rebuildableOf(this.#view)).filter(([lab]) => lab !== labId),
    );
    this.#view = {
      ...this.#view,
      sessions: { ...this.#view.sessions, [labId]: created },
      rebuildable,
    };
    this.querySelector<HTMLElement>(`[data-ws-tab="${CSS.escape(labId)}"]`)?.removeAttribute(
      'data-ws-rebuildable',
    );
  }

  /** Shows a lab's card; `open` also starts (or reopens) its session and pane. */
  async #choose(labId: string, open: boolean): Promise<void> {
    for (const button of this.querySelectorAll<HTMLElement>('[data-ws-tab]')) {
      button.setAttribute('aria-pressed', String(button.dataset.wsTab === labId));
    }
    for (const host of this.querySelectorAll<HTMLElement>('[data-ws-lab]')) {
      host.hidden = host.dataset.wsLab !== labId;
    }
    this.dataset.lab = labId;
    if (!open || this.dataset.state === 'ended') return;
    await this.#wireLab(labId);
    // Its card offers the rebuild, or a fresh start: the learner chooses.
    if (this.#view && isRebuildable(this.#view, labId)) return;
    await this.#labElement(labId)
      ?.open()
      .catch(() => undefined); // the card shows why
  }

  #listen(place: StoredPlace): void {
    this.#stream = openStream({
      url: this.#api.myEventsUrl(place.workshopId),
      token: place.token,
      // A refused token or a gone workshop will not come back by retrying.
      shouldRetry: (status) => status === 0 || status >= 500 || status === 200,
      onEvent: (data) => {
        const event = data as LearnerEvent;
        if (event.type === 'message') this.#banner(event.message.text);
        else this.#ended();
      },
    });
  }

  #banner(text: string): void {
    const banner = this.querySelector<HTMLElement>('[data-ws-banner]');
    setText(this.querySelector('[data-ws-banner-text]'), text);
    if (banner) banner.hidden = false;
  }

  #ended(): void {
    this.dataset.state = 'ended';
    const ended = this.querySelector<HTMLElement>('[data-ws-ended]');
    if (ended) ended.hidden = false;
    this.#stream?.close();
    for (const lab of this.querySelectorAll<NetlabLabElement>('netlab-lab')) {
      lab.controller?.destroy();
      for (const button of lab.querySelectorAll<HTMLButtonElement>(
        '[data-lab-start], [data-lab-rebuild] button',
      ))
        button.disabled = true;
    }
    document.documentElement.classList.remove('netlab-lab-open', 'netlab-lab-collapsed');
  }

  #labHost(labId: string): HTMLElement | null {
    return this.querySelector<HTMLElement>(`[data-ws-lab="${CSS.escape(labId)}"]`);
  }

  #labElement(labId: string): NetlabLabElement | null {
    return this.#labHost(labId)?.querySelector<NetlabLabElement>('netlab-lab') ?? null;
  }

  #status(text: string): void {
    const status = this.querySelector<HTMLElement>('[data-ws-status]');
    setText(status, text);
    if (status) status.hidden = !text;
  }
}

/** The learner has no live session of the lab, but an ended one the server can rebuild. */
function isRebuildable(view: ParticipantView, labId: string): boolean {
  return !(labId in view.sessions) && labId in rebuildableOf(view);
}

/** Typed as optional: a lab server older than rebuilds sends no such list. */
function rebuildableOf(
  view: Partial<Pick<ParticipantView, 'rebuildable'>>,
): Record<string, string> {
  return view.rebuildable ?? {};
}

if (!customElements.get('netlab-workshop-learn')) {
  customElements.define('netlab-workshop-learn', NetlabWorkshopLearnElement);
}

declare global {
  interface HTMLElementTagNameMap {
    'netlab-workshop-learn': NetlabWorkshopLearnElement;
  }
}

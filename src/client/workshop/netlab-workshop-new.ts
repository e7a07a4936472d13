/**
 * `<netlab-workshop-new>`: the instructor's "new workshop" form
 * (WorkshopNew.astro). Lists the labs from GET /api/labs as checkboxes, sends
 * POST /api/workshops with the admin token (kept in sessionStorage, this tab
 * only), then shows the join code and the links. `data-state`: form | created.
 */
import type { CreateWorkshopRequest, CreateWorkshopResponse } from '../../../server/protocol.ts';
import { pick, toUiLocale, type UiLocale } from '../i18n.ts';
import { describeWorkshopError, WorkshopApi } from './api.ts';
import { copyText, field, setText } from './dom.ts';
import { fromLocalInput } from './model.ts';
import { wt } from './strings.ts';

const ADMIN_KEY = 'netlab:admin-token';

export class NetlabWorkshopNewElement extends HTMLElement {
  #api = new WorkshopApi();
  #wired = false;

  get locale(): UiLocale {
    return toUiLocale(this.dataset.locale);
  }

  connectedCallback(): void {
    if (this.#wired) return;
    this.#wired = true;
    const form = this.querySelector<HTMLFormElement>('[data-ws-form]');
    if (!form) return;
    const admin = field(form, 'admin');
    admin.value = readSession(ADMIN_KEY);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.#submit(form);
    });
    for (const button of this.querySelectorAll<HTMLButtonElement>('[data-ws-copy]')) {
      button.addEventListener('click', () => void this.#copy(button));
    }
    void this.#loadLabs();
  }

  async #loadLabs(): Promise<void> {
    const box = this.querySelector<HTMLElement>('[data-ws-labs]');
    const status = this.querySelector<HTMLElement>('[data-ws-labs-status]');
    if (!box) return;
    try {
      const labs = await this.#api.labs();
      labs.sort((a, b) => a.chapter - b.chapter || a.id.localeCompare(b.id));
      for (const lab of labs) {
        const row = document.createElement('div');
        row.className = 'netlab-ws__check';
        const input = document.createElement('input');
        input.type = 'checkbox';
        input.name = 'labs';
        input.value = lab.id;
        input.id = `ws-lab-${lab.id}`;
        const label = document.createElement('label');
        label.htmlFor = input.id;
        label.textContent = `${lab.chapter}. ${pick(lab.title, this.locale)}`;
        row.append(input, label);
        box.append(row);
      }
      status?.remove();
    } catch (error) {
      setText(status, describeWorkshopError(error, this.locale));
      status?.setAttribute('data-kind', 'error');
    }
  }

  async #submit(form: HTMLFormElement): Promise<void> {
    const locale = this.locale;
    const error = this.querySelector<HTMLElement>('[data-ws-error]');
    const submit = this.querySelector<HTMLButtonElement>('[data-ws-submit]');
    setText(error, '');
    const invalid = Array.from(form.querySelectorAll<HTMLInputElement>('input')).find(
      (input) => !input.checkValidity(),
    );
    if (invalid) {
      invalid.focus();
      invalid.reportValidity();
      return;
    }
    const labs = Array.from(
      form.querySelectorAll<HTMLInputElement>('input[name="labs"]:checked'),
      (input) => input.value,
    );
    if (labs.length === 0) {
      setText(error, wt(locale, 'new.pickLab'));
      form.querySelector<HTMLInputElement>('input[name="labs"]')?.focus();
      return;
    }
    const adminToken = field(form, 'admin').value.trim();
    writeSession(ADMIN_KEY, adminToken);
    const offset = new Date().getTimezoneOffset();
    const startsAt = fromLocalInput(field(form, 'startsAt').value, offset);
    const endsAt = fromLocalInput(field(form, 'endsAt').value, offset);
    const webhookUrl = field(form, 'webhookUrl').value.trim();
    const request: CreateWorkshopRequest = {
      title: field(form, 'title').value.trim(),
      labs,
      capacity: Number(field(form, 'capacity').value),
      randomParams: field(form, 'randomParams').checked,
      ...(startsAt && { startsAt }),
      ...(endsAt && { endsAt }),
      ...(webhookUrl && { webhookUrl }),
    };
    if (submit) {
      submit.disabled = true;
      submit.textContent = wt(locale, 'new.creating');
    }
    try {
      this.#show(await this.#api.create(adminToken, request));
    } catch (failure) {
      setText(error, describeWorkshopError(failure, locale));
    } finally {
      if (submit) {
        submit.disabled = false;
        submit.textContent = wt(locale, 'new.create');
      }
    }
  }

  #show(created: CreateWorkshopResponse): void {
    const absolute = (path: string): string => new URL(path, location.origin).href;
    // The links point at this page's language.
    const localized = (path: string): string =>
      absolute(this.locale === 'zh-cn' && !path.startsWith('/zh-cn/') ? `/zh-cn${path}` : path);
    const join = localized(created.joinUrl);
    const instructor = localized(created.instructorUrl);
    setText(this.querySelector('[data-ws-code]'), created.code);
    for (const [selector, href] of [
      ['[data-ws-join-link]', join],
      ['[data-ws-instructor-link]', instructor],
    ] as const) {
      const link = this.querySelector<HTMLAnchorElement>(selector);
      if (link) {
        link.href = href;
        link.textContent = href;
      }
    }
    const dashboard = this.querySelector<HTMLAnchorElement>('[data-ws-dashboard]');
    if (dashboard) dashboard.href = instructor;
    for (const row of this.querySelectorAll<HTMLElement>('[data-ws-webhook-row]')) {
      row.hidden = !created.webhookSecret;
    }
    setText(this.querySelector('[data-ws-webhook-secret]'), created.webhookSecret ?? '');
    this.querySelector<HTMLFormElement>('[data-ws-form]')?.setAttribute('hidden', '');
    const section = this.querySelector<HTMLElement>('[data-ws-created]');
    if (section) {
      section.hidden = false;
      section.focus();
    }
    this.dataset.state = 'created';
  }

  async #copy(button: HTMLButtonElement): Promise<void> {
    const which = button.dataset.wsCopy;
    const source =
      which === 'webhook'
        ? this.querySelector('[data-ws-webhook-secret]')
        : this.querySelector(`[data-ws-${which === 'join' ? 'join' : 'instructor'}-link]`);
    const ok = await copyText(source?.textContent ?? '');
    setText(this.querySelector('[data-ws-copy-status]'), ok ? wt(this.locale, 'new.copied') : '');
  }
}

function readSession(key: string): string {
  try {
    return sessionStorage.getItem(key) ?? '';
  } catch {
    return '';
  }
}

function writeSession(key: string, value: string): void {
  try {
    sessionStorage.setItem(key, value);
  } catch {
    // storage disabled: the token is typed again next time
  }
}

if (!customElements.get('netlab-workshop-new')) {
  customElements.define('netlab-workshop-new', NetlabWorkshopNewElement);
}

declare global {
  interface HTMLElementTagNameMap {
    'netlab-workshop-new': NetlabWorkshopNewElement;
  }
}

/**
 * `<netlab-workshop-join>`: the learner's join form (WorkshopJoin.astro). The
 * code comes prefilled from `?code=`; the server's refusal (wrong code, full,
 * ended, not started) is shown in its own words. On success the place is kept
 * in localStorage and the learn page opens with the reopenable link.
 * `data-state`: form | joining | joined.
 */
import { toUiLocale, type UiLocale } from '../i18n.ts';
import { LabApiError, safeLocalStorage } from '../lab-api.ts';
import { describeWorkshopError, WorkshopApi } from './api.ts';
import { field, setText } from './dom.ts';
import { learnLink, writePlace } from './place.ts';
import { wt } from './strings.ts';

export class NetlabWorkshopJoinElement extends HTMLElement {
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
    const code = field(form, 'code');
    code.value = new URLSearchParams(location.search).get('code') ?? '';
    (code.value ? field(form, 'name') : code).focus();
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.#submit(form);
    });
  }

  async #submit(form: HTMLFormElement): Promise<void> {
    const locale = this.locale;
    const error = this.querySelector<HTMLElement>('[data-ws-error]');
    const submit = this.querySelector<HTMLButtonElement>('[data-ws-submit]');
    const code = field(form, 'code');
    const name = field(form, 'name');
    setText(error, '');
    for (const input of [code, name]) {
      input.value = input.value.trim();
      input.removeAttribute('aria-invalid');
      if (!input.checkValidity()) {
        input.setAttribute('aria-invalid', 'true');
        input.focus();
        input.reportValidity();
        return;
      }
    }
    if (submit) {
      submit.disabled = true;
      submit.textContent = wt(locale, 'join.joining');
    }
    this.dataset.state = 'joining';
    try {
      const joined = await this.#api.join({ code: code.value, name: name.value });
      const place = {
        workshopId: joined.workshopId,
        participantId: joined.participantId,
        token: joined.participantToken,
      };
      writePlace(safeLocalStorage(), place);
      this.dataset.state = 'joined';
      location.assign(learnLink(location.origin, locale === 'zh-cn' ? '/zh-cn' : '', place));
    } catch (failure) {
      this.dataset.state = 'form';
      setText(error, describeWorkshopError(failure, locale));
      // Only a wrong code is the code's fault; full, ended or not started are not.
      if (failure instanceof LabApiError && failure.status === 404) {
        code.setAttribute('aria-invalid', 'true');
      }
      code.focus();
    } finally {
      if (submit) {
        submit.disabled = false;
        submit.textContent = wt(locale, 'join.submit');
      }
    }
  }
}

if (!customElements.get('netlab-workshop-join')) {
  customElements.define('netlab-workshop-join', NetlabWorkshopJoinElement);
}

declare global {
  interface HTMLElementTagNameMap {
    'netlab-workshop-join': NetlabWorkshopJoinElement;
  }
}

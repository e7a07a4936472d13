/**
 * `<netlab-key-bar>`: the row of keys a phone keyboard lacks (Ctrl, Esc, Tab,
 * arrows, `|`, `~`, `/`, `-`), inside a `<netlab-terminal>`. Shown on touch
 * screens only (terminal.css, `pointer: coarse`). Loaded with the terminal.
 *
 * Ctrl is one-shot: pressing it arms it (`data-ctrl="armed"`, aria-pressed)
 * and the next key, from the bar or from the phone's keyboard, is sent with
 * Ctrl; then it disarms. The bar does not send bytes itself: it reports the
 * key and the terminal encodes it (terminal/key-bytes.ts), since the encoding
 * of arrows depends on the terminal's mode.
 *
 * Event (bubbling): `netlab-key-bar:key`, detail `{ key: BarKey, ctrl: boolean }`.
 * API: `takeCtrl()` returns whether Ctrl was armed, and disarms it.
 * Buttons keep the focus where it was, so the phone keyboard stays open.
 */
import { BAR_KEYS, type BarKey } from './terminal/key-bytes.ts';

export interface KeyBarEventDetail {
  key: BarKey;
  ctrl: boolean;
}

export class NetlabKeyBarElement extends HTMLElement {
  #wired = false;
  /** The element focused when a button was pressed, to give the focus back to. */
  #focusBefore: Element | null = null;

  get ctrlArmed(): boolean {
    return this.dataset.ctrl === 'armed';
  }

  connectedCallback(): void {
    if (this.#wired) return;
    this.#wired = true;
    this.dataset.ctrl ??= 'off';
    // A button that took the focus would close the phone keyboard the reader is typing on.
    const keep = (event: Event): void => {
      if (!(event.target as Element | null)?.closest('button')) return;
      this.#focusBefore = document.activeElement;
      event.preventDefault();
    };
    this.addEventListener('pointerdown', keep);
    this.addEventListener('mousedown', keep);
    this.addEventListener('click', (event) => {
      const button = (event.target as Element | null)?.closest<HTMLButtonElement>(
        'button[data-key]',
      );
      if (!button) return;
      this.#press(button.dataset.key ?? '');
      const before = this.#focusBefore;
      this.#focusBefore = null;
      if (before instanceof HTMLElement && before !== document.activeElement) before.focus();
    });
  }

  /** Whether Ctrl was armed for the key being typed now; disarms it. */
  takeCtrl(): boolean {
    const armed = this.ctrlArmed;
    if (armed) this.#setCtrl(false);
    return armed;
  }

  #press(key: string): void {
    if (key === 'ctrl') {
      this.#setCtrl(!this.ctrlArmed);
      return;
    }
    if (!isBarKey(key)) return;
    const detail: KeyBarEventDetail = { key, ctrl: this.takeCtrl() };
    this.dispatchEvent(new CustomEvent('netlab-key-bar:key', { detail, bubbles: true }));
  }

  #setCtrl(armed: boolean): void {
    this.dataset.ctrl = armed ? 'armed' : 'off';
    this.querySelector('button[data-key="ctrl"]')?.setAttribute('aria-pressed', String(armed));
  }
}

function isBarKey(key: string): key is BarKey {
  return (BAR_KEYS as readonly string[]).includes(key);
}

if (!customElements.get('netlab-key-bar')) {
  customElements.define('netlab-key-bar', NetlabKeyBarElement);
}

declare global {
  interface HTMLElementTagNameMap {
    'netlab-key-bar': NetlabKeyBarElement;
  }
}

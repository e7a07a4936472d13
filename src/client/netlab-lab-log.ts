/**
 * `<netlab-lab-log>`: the lab pane's accessible log, shown in screen-reader
 * mode. Its entries sit in an ARIA live region (`role="log"`, polite), so a
 * screen reader reads each new one once: a command with its output, in the
 * chunks terminal/transcript.ts makes, and the results of checks. The entries
 * stay, for reading back with the reader's own cursor; the oldest go past
 * MAX_ENTRIES so a long session does not grow the page without end.
 *
 * Markup (LabPane.astro): a title and `[data-log-entries]`, the live region.
 * State: `data-entries` (how many are shown). Loaded with the lab pane.
 */
import { toUiLocale, type UiLocale } from './i18n.ts';
import { describeChunk } from './terminal/transcript-text.ts';
import type { TranscriptChunk } from './terminal/transcript.ts';

const MAX_ENTRIES = 200;

export class NetlabLabLogElement extends HTMLElement {
  /** Lines per command the transcript reads out (said in the log when it cuts output short). */
  maxLines = 20;

  get locale(): UiLocale {
    return toUiLocale(this.dataset.locale ?? document.documentElement.lang);
  }

  /** Adds a chunk of the terminal's transcript. */
  addChunk(chunk: TranscriptChunk): void {
    const text = describeChunk(chunk, this.locale, this.maxLines);
    const entry = this.#entry('terminal');
    entry.append(paragraph('netlab-log__head', text.heading));
    if (text.lines.length) {
      const pre = document.createElement('pre');
      pre.className = 'netlab-log__out';
      pre.textContent = text.lines.join('\n');
      entry.append(pre);
    }
    if (text.footer) entry.append(paragraph('netlab-log__foot', text.footer));
    this.#add(entry);
  }

  /** Adds one sentence (a check result, a notice). */
  say(text: string, kind: 'check' | 'notice' = 'notice'): void {
    const entry = this.#entry(kind);
    entry.append(paragraph('netlab-log__head', text));
    this.#add(entry);
  }

  clear(): void {
    this.#entries()?.replaceChildren();
    this.dataset.entries = '0';
  }

  #entry(kind: string): HTMLElement {
    const entry = document.createElement('div');
    entry.className = 'netlab-log__entry';
    entry.dataset.kind = kind;
    return entry;
  }

  #add(entry: HTMLElement): void {
    const list = this.#entries();
    if (!list) return;
    list.append(entry);
    while (list.childElementCount > MAX_ENTRIES) list.firstElementChild?.remove();
    this.dataset.entries = String(list.childElementCount);
    // Follow the newest entry, as a terminal does, unless the reader scrolled back.
    const nearEnd =
      list.scrollHeight - list.scrollTop - list.clientHeight < entry.offsetHeight + 48;
    if (nearEnd) list.scrollTop = list.scrollHeight;
  }

  #entries(): HTMLElement | null {
    return this.querySelector<HTMLElement>('[data-log-entries]');
  }
}

function paragraph(className: string, text: string): HTMLElement {
  const p = document.createElement('p');
  p.className = className;
  p.textContent = text;
  return p;
}

if (!customElements.get('netlab-lab-log')) {
  customElements.define('netlab-lab-log', NetlabLabLogElement);
}

declare global {
  interface HTMLElementTagNameMap {
    'netlab-lab-log': NetlabLabLogElement;
  }
}

/**
 * The DOM of a `<netlab-terminal>`: the bar (badge, hint, Reconnect), the
 * screen xterm.js draws into, and the phone key bar. Terminal.astro renders the
 * same markup on the server; this builds it when the element is created from
 * script.
 */
import { t, type UiLocale } from '../i18n.ts';
import type { NetlabKeyBarElement } from '../netlab-key-bar.ts';
import { KEY_BAR } from './key-bar-layout.ts';

export interface TerminalParts {
  badge: HTMLElement;
  hint: HTMLElement;
  reconnect: HTMLButtonElement;
  screen: HTMLElement;
  /** The phone key bar (absent from markup written before it existed). */
  keys: NetlabKeyBarElement | null;
}

let nextId = 0;

export function ensureTerminalMarkup(host: HTMLElement, locale: UiLocale): TerminalParts {
  if (!host.hasAttribute('role')) host.setAttribute('role', 'group');
  if (!host.getAttribute('aria-label')) host.setAttribute('aria-label', t(locale, 'term.label'));
  host.classList.add('netlab-terminal');
  host.dataset.state ??= 'idle';
  if (!host.querySelector('[data-term-screen]')) {
    host.replaceChildren(
      el('div', 'netlab-terminal__bar', { 'data-term-bar': '' }, [
        el(
          'span',
          'netlab-terminal__badge',
          {
            'data-term-badge': '',
            role: 'status',
            'aria-live': 'polite',
            'aria-atomic': 'true',
          },
          t(locale, 'term.state.idle'),
        ),
        el('span', 'netlab-terminal__hint', { 'data-term-hint': '' }, t(locale, 'term.escapeHint')),
        el(
          'button',
          'netlab-terminal__reconnect',
          {
            type: 'button',
            'data-term-reconnect': '',
            hidden: '',
          },
          t(locale, 'term.reconnect'),
        ),
      ]),
      el('div', 'netlab-terminal__screen', { 'data-term-screen': '' }),
      keyBar(locale),
    );
  }
  const parts = {
    badge: host.querySelector<HTMLElement>('[data-term-badge]'),
    hint: host.querySelector<HTMLElement>('[data-term-hint]'),
    reconnect: host.querySelector<HTMLButtonElement>('[data-term-reconnect]'),
    screen: host.querySelector<HTMLElement>('[data-term-screen]'),
    keys: host.querySelector('netlab-key-bar'),
  };
  if (!parts.badge || !parts.hint || !parts.reconnect || !parts.screen) {
    throw new Error('netlab-terminal: its markup is incomplete');
  }
  parts.hint.id ||= `netlab-term-hint-${++nextId}`;
  return parts as TerminalParts;
}

/** The same markup as Terminal.astro's key bar. */
function keyBar(locale: UiLocale): HTMLElement {
  const bar = el('netlab-key-bar', 'netlab-keys', {
    role: 'group',
    'aria-label': t(locale, 'keys.label'),
    'data-ctrl': 'off',
  });
  for (const { key, face, label } of KEY_BAR) {
    const attrs: Record<string, string> = {
      type: 'button',
      'data-key': key,
      'aria-label': t(locale, label),
    };
    if (key === 'ctrl') attrs['aria-pressed'] = 'false';
    bar.append(el('button', 'netlab-keys__key', attrs, face));
  }
  return bar;
}

function el(
  tag: string,
  className: string,
  attrs: Record<string, string>,
  content?: string | HTMLElement[],
): HTMLElement {
  const node = document.createElement(tag);
  node.className = className;
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  if (typeof content === 'string') node.textContent = content;
  else if (content) node.append(...content);
  return node;
}

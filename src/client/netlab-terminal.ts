/**
 * `<netlab-terminal>`: an xterm.js terminal attached to one window of a lab
 * session through a TerminalConnection. Loaded only when a lab opens.
 *
 * Markup (server-rendered by Terminal.astro, built here when missing): a bar
 * with the connection badge (aria-live), the keyboard hint and a Reconnect
 * button, and the screen.
 *
 * API:
 *   el.connect({ id, token }, { baseUrl? })  opens the terminal of that session
 *   el.run(command)     types the command and presses Enter (waits until live)
 *   el.focus()          focuses the terminal
 *   el.reconnect()      reconnects after an end / skips a pending retry
 *   el.disconnect()     closes for good
 *   el.state            'idle' | 'connecting' | 'live' | 'reconnecting' | 'ended' (also `data-state`)
 *   el.terminal         the xterm.js Terminal
 *   el.screenReader     xterm.js's screen-reader mode plus transcript events (see below)
 * Events (bubbling): `netlab-terminal:state` (detail: StateEventDetail),
 * `netlab-terminal:tasks` (detail: { tasks }), and in screen-reader mode
 * `netlab-terminal:transcript` (detail: TranscriptChunk, a command and its output).
 * Attributes: window (default "main"), readonly, data-locale; data-renderer
 * ("webgl" | "dom") is set by the element.
 *
 * Scrolling back after output longer than the screen first attaches again, so
 * that the scrollback holds the lines tmux never drew (terminal/lost-lines.ts),
 * then moves the view up a page.
 *
 * Keyboard: Tab goes to the shell; Esc then Tab (or Shift+Tab) moves focus out
 * of the terminal. On touch screens a `<netlab-key-bar>` adds the keys a phone
 * keyboard lacks. Copy: selecting copies, as does Ctrl+Shift+C (right-click
 * copies a selection). Paste: Ctrl+Shift+V, Cmd+V, or right-click.
 */
import type { FitAddon } from '@xterm/addon-fit';
import type { Terminal } from '@xterm/xterm';
import { pageLocale, t, toUiLocale, type UiLocale } from './i18n.ts';
import { TerminalConnection, type StateChange } from './terminal-connection.ts';
import { wireInput } from './terminal/input.ts';
import { ensureTerminalMarkup, type TerminalParts } from './terminal/markup.ts';
import {
  statusView,
  type ElementStateChange,
  type TerminalElementState,
} from './terminal/status-text.ts';
import { TerminalScreenReader } from './terminal/screen-reader.ts';
import { wireScrollBack } from './terminal/scroll-back.ts';
import { createXterm, loadWebgl } from './terminal/xterm-setup.ts';
import './netlab-key-bar.ts';

export type { TerminalElementState } from './terminal/status-text.ts';

export interface TerminalSession {
  id: string;
  token: string;
}

export type StateEventDetail = ElementStateChange & {
  /** Why it ended or is retrying, in the page's language, when there is something to say. */
  message?: string;
};

export class NetlabTerminalElement extends HTMLElement {
  #parts: TerminalParts | null = null;
  #term: Terminal | null = null;
  #fit: FitAddon | null = null;
  #connection: TerminalConnection | null = null;
  #state: TerminalElementState = 'idle';
  #hadOutput = false;
  /** The screen still shows an earlier attach's output; cleared as the next attach's first output comes, never blank in between. */
  #stale = false;
  #fitFrame = 0;
  #liveWaiters: { resolve: () => void; reject: (error: Error) => void }[] = [];
  #cleanups: (() => void)[] = [];
  #screenReader: TerminalScreenReader | null = null;
  #screenReaderOn = false;

  get state(): TerminalElementState {
    return this.#state;
  }

  /** The xterm.js Terminal (tests read its buffer). */
  get terminal(): Terminal | null {
    return this.#term;
  }

  get locale(): UiLocale {
    return this.dataset.locale ? toUiLocale(this.dataset.locale) : pageLocale();
  }

  /** Screen-reader mode (also `data-screen-reader`): see terminal/screen-reader.ts. */
  get screenReader(): boolean {
    return this.#screenReaderOn;
  }

  set screenReader(on: boolean) {
    this.#screenReaderOn = on;
    this.toggleAttribute('data-screen-reader', on);
    if (on) this.#screenReader?.enable();
    else this.#screenReader?.disable();
  }

  connectedCallback(): void {
    this.#parts ??= this.#wireMarkup();
    if (!this.#term) this.#openTerminal(this.#parts);
  }

  disconnectedCallback(): void {
    // A move within the page reconnects at once; only a real removal disposes.
    queueMicrotask(() => {
      if (!this.isConnected) this.#dispose();
    });
  }

  /** Opens the terminal of a session (replacing any previous connection). */
  connect(session: TerminalSession, options: { baseUrl?: string } = {}): void {
    this.#closeConnection();
    this.#fitNow();
    const term = this.#term;
    // Events of a connection this element has let go of are ignored.
    const current = (): boolean => this.#connection === connection;
    const connection: TerminalConnection = new TerminalConnection({
      baseUrl: options.baseUrl ?? location.origin,
      sessionId: session.id,
      token: session.token,
      window: this.getAttribute('window') || 'main',
      readOnly: this.hasAttribute('readonly'),
      lang: this.locale,
      ...(term && { cols: term.cols, rows: term.rows }),
      listeners: {
        data: (bytes, rendered) => {
          if (!current() || !this.#term) return rendered();
          this.#hadOutput = true;
          if (this.#stale) this.#term.write('\x1bc');
          this.#stale = false;
          this.#term.write(bytes, rendered);
        },
        state: (change) => {
          if (current()) this.#onState(change);
        },
        tasks: (tasks) => {
          if (current()) this.#emit('netlab-terminal:tasks', { tasks });
        },
        // The reader's scroll back that asked for the history moves the view, once it is written.
        historyPrinted: () => {
          const printed = this.#term;
          if (current() && printed) printed.write('', () => printed.scrollPages(-1));
        },
      },
    });
    this.#connection = connection;
    this.#setState({ state: 'connecting' });
    connection.connect();
  }

  /** Closes the connection for good; the element shows "Not connected". */
  disconnect(): void {
    this.#closeConnection();
    this.#setState({ state: 'idle' });
  }

  reconnect(): void {
    this.#connection?.reconnect();
  }

  /** Types `command` into the shell and presses Enter; resolves once it was sent. */
  async run(command: string): Promise<void> {
    const connection = this.#connection;
    if (!connection || this.#state === 'idle') {
      throw new Error('the terminal is not connected to a lab');
    }
    if (this.#state === 'ended') connection.reconnect();
    await this.#whenLive();
    connection.send(command.replace(/\r?\n/g, '\r').replace(/\r*$/, '\r'));
    this.#term?.scrollToBottom();
  }

  override focus(options?: FocusOptions): void {
    if (this.#term) this.#term.focus();
    else super.focus(options);
  }

  // ---- setup -------------------------------------------------------------------

  #wireMarkup(): TerminalParts {
    const parts = ensureTerminalMarkup(this, this.locale);
    parts.reconnect.addEventListener('click', () => {
      this.reconnect();
      this.focus();
    });
    return parts;
  }

  #openTerminal(parts: TerminalParts): void {
    const { term, fit } = createXterm(parts.screen);
    this.#term = term;
    this.#fit = fit;
    loadWebgl(term, (renderer) => (this.dataset.renderer = renderer));
    term.textarea?.setAttribute('aria-describedby', parts.hint.id);
    this.#cleanups.push(
      wireInput({
        term,
        parts,
        send: (data) => this.#connection?.send(data),
        note: (key) => this.#flashHint(t(this.locale, key)),
      }),
    );
    const resized = term.onResize(({ cols, rows }) => this.#connection?.resize(cols, rows));
    this.#cleanups.push(() => resized.dispose());
    this.#cleanups.push(
      wireScrollBack(parts.screen, term, () => this.#connection?.refreshScrollback()),
    );
    // Back online: retry now rather than at the end of the backoff.
    this.#listen(window, 'online', () => {
      if (this.#state === 'reconnecting') this.reconnect();
    });
    this.#screenReader = new TerminalScreenReader(term, (chunk) =>
      this.#emit('netlab-terminal:transcript', chunk),
    );
    if (this.#screenReaderOn) this.#screenReader.enable();
    const observer = new ResizeObserver(() => this.#scheduleFit());
    observer.observe(parts.screen);
    this.#cleanups.push(() => observer.disconnect());
    this.#fitNow();
  }

  #listen(target: EventTarget, type: string, handler: (event: Event) => void): void {
    target.addEventListener(type, handler);
    this.#cleanups.push(() => target.removeEventListener(type, handler));
  }

  #scheduleFit(): void {
    if (this.#fitFrame) return;
    this.#fitFrame = requestAnimationFrame(() => {
      this.#fitFrame = 0;
      this.#fitNow();
    });
  }

  #fitNow(): void {
    try {
      this.#fit?.fit();
    } catch {
      // not laid out yet (hidden); the next resize fits
    }
  }

  #flashHint(text: string): void {
    const hint = this.#parts?.hint;
    if (!hint) return;
    const before = hint.textContent;
    hint.textContent = text;
    setTimeout(() => {
      if (hint.textContent === text) hint.textContent = before;
    }, 2500);
  }

  // ---- state -------------------------------------------------------------------

  #onState(change: StateChange): void {
    if (change.state === 'live' && this.#term) {
      // The server replays the window's scrollback and redraws the screen: start clean.
      this.#stale = this.#hadOutput;
      this.#term.options.disableStdin = change.readOnly === true;
      this.#fitNow();
      this.#screenReader?.resync();
    }
    this.#setState(change);
  }

  #setState(change: ElementStateChange): void {
    const { state } = change;
    this.#state = state;
    this.dataset.state = state;
    const view = statusView(change, this.locale);
    if (this.#parts) {
      this.#parts.badge.textContent = view.badge;
      this.#parts.hint.textContent = view.hint;
      this.#parts.reconnect.hidden = !view.showReconnect;
    }
    if (state === 'live') this.#settleWaiters(null);
    else if (state === 'ended' || state === 'idle') {
      this.#settleWaiters(new Error(view.message ?? 'the terminal is not connected'));
    }
    const detail: StateEventDetail = {
      ...change,
      ...(view.message !== undefined && { message: view.message }),
    };
    this.#emit('netlab-terminal:state', detail);
  }

  #whenLive(): Promise<void> {
    if (this.#state === 'live') return Promise.resolve();
    return new Promise((resolve, reject) => this.#liveWaiters.push({ resolve, reject }));
  }

  #settleWaiters(error: Error | null): void {
    for (const waiter of this.#liveWaiters.splice(0)) {
      if (error) waiter.reject(error);
      else waiter.resolve();
    }
  }

  #emit(type: string, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  #closeConnection(): void {
    const connection = this.#connection;
    this.#connection = null;
    connection?.close();
  }

  #dispose(): void {
    this.#closeConnection();
    if (this.#fitFrame) cancelAnimationFrame(this.#fitFrame);
    this.#fitFrame = 0;
    for (const cleanup of this.#cleanups.splice(0)) cleanup();
    this.#screenReader?.disable();
    this.#screenReader = null;
    this.#term?.dispose();
    this.#term = null;
    this.#fit = null;
  }
}

if (!customElements.get('netlab-terminal')) {
  customElements.define('netlab-terminal', NetlabTerminalElement);
}

declare global {
  interface HTMLElementTagNameMap {
    'netlab-terminal': NetlabTerminalElement;
  }
}

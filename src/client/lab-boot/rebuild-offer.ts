/**
 * The lab card's offer to rebuild an ended machine (`[data-lab-rebuild]` in
 * LabPane.astro): why it ended, "Rebuild my machine" and "Start afresh" in
 * place of "Start lab", and the rebuild's progress in the card's message.
 * State on the `<netlab-lab>` element: `data-rebuild` = offered | running |
 * done | error, absent when there is nothing to rebuild.
 */
import type { SessionView } from '../../../server/protocol.ts';
import type { UiLocale } from '../i18n.ts';
import { rebuildOffer, rebuildProgress } from '../rebuild-text.ts';

export type RebuildState = 'offered' | 'running' | 'done' | 'error';

export interface RebuildOffer {
  /** Offers the rebuild; `reason` is the server's, null when unknown. */
  show(reason: string | null): void;
  /** The rebuild is under way; returns the line to show for this view. */
  progress(view: SessionView | null): string;
  /** The offer stays, marked failed (the reader may try again or start afresh). */
  failed(): void;
  /** No offer any more: the machine was rebuilt (`done`), or there is nothing to rebuild. */
  close(state: 'done' | null): void;
  readonly shown: boolean;
}

export function rebuildOfferOf(card: HTMLElement, locale: UiLocale): RebuildOffer {
  const box = card.querySelector<HTMLElement>('[data-lab-rebuild]');
  const text = box?.querySelector<HTMLElement>('[data-lab-rebuild-text]');
  const start = card.querySelector<HTMLButtonElement>('[data-lab-start]');
  const setState = (state: RebuildState | null): void => {
    if (state) card.dataset.rebuild = state;
    else delete card.dataset.rebuild;
  };
  const setShown = (shown: boolean): void => {
    if (box) box.hidden = !shown;
    if (start) start.hidden = shown;
  };
  return {
    get shown() {
      return box ? !box.hidden : false;
    },
    show(reason) {
      if (text) text.textContent = rebuildOffer(reason, locale);
      setShown(true);
      setState('offered');
    },
    progress(view) {
      setState('running');
      return rebuildProgress(view ?? {}, locale);
    },
    failed() {
      setShown(true);
      setState('error');
    },
    close(state) {
      setShown(false);
      setState(state);
    },
  };
}

/** The offer's buttons, to enable, disable and focus. */
export function offerButtons(card: HTMLElement): {
  rebuild: HTMLButtonElement | null;
  fresh: HTMLButtonElement | null;
} {
  return {
    rebuild: card.querySelector<HTMLButtonElement>('[data-lab-rebuild] [data-action="rebuild"]'),
    fresh: card.querySelector<HTMLButtonElement>('[data-lab-rebuild] [data-action="start-fresh"]'),
  };
}

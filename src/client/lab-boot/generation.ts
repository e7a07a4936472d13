/**
 * The lab card's choice of Docker generation (LabPane.astro renders one radio
 * button per generation). The reader's last pick is kept for every lab of the
 * site; while a session lives, its machine's generation is shown and the choice
 * is locked, since switching means a new machine.
 */
import type { Generation } from '../../../server/generations.ts';
import { asGeneration } from '../lab-api.ts';

const PREFERENCE = 'netlab:generation';

export interface GenerationPicker {
  /** The generation a new session should run; undefined where the card offers no choice. */
  picked(): Generation | undefined;
  /** Shows the running session's generation and locks the choice; null unlocks it. */
  show(running: Generation | null): void;
}

export function generationPicker(card: ParentNode): GenerationPicker {
  const inputs = Array.from(card.querySelectorAll<HTMLInputElement>('input[data-lab-generation]'));
  const note = card.querySelector<HTMLElement>('[data-lab-generation-note]');
  const select = (generation: Generation): void => {
    for (const input of inputs) input.checked = input.value === generation;
  };
  for (const input of inputs) {
    if (input.dataset.wired) continue;
    input.dataset.wired = '1';
    input.addEventListener('change', () => {
      if (input.checked) writePreference(input.value);
    });
  }
  return {
    picked: () => asGeneration(inputs.find((input) => input.checked)?.value) ?? undefined,
    show(running) {
      if (running) select(running);
      else {
        const preferred = asGeneration(readPreference());
        if (preferred) select(preferred);
      }
      for (const input of inputs) input.disabled = running !== null;
      if (note) note.hidden = running === null;
    },
  };
}

function readPreference(): string | null {
  try {
    return localStorage.getItem(PREFERENCE);
  } catch {
    return null;
  }
}

function writePreference(value: string): void {
  try {
    localStorage.setItem(PREFERENCE, value);
  } catch {
    // storage disabled: the default stays the default
  }
}

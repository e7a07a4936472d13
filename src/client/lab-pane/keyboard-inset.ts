/**
 * Keeps the pane above a phone's on-screen keyboard. Browsers shrink the
 * visual viewport when the keyboard opens but (iOS Safari, and Chrome by
 * default) not the layout viewport that `position: fixed` follows, so the
 * bottom of the pane, the terminal's prompt, would sit under the keyboard. The
 * covered height goes into `--netlab-keyboard-inset`, which lab-pane.css
 * subtracts on narrow screens, and `data-netlab-keyboard` marks the root while
 * the keyboard is up, when the pane gives the terminal the task list's room;
 * the terminal refits to what is left.
 */

export interface VisualViewportLike {
  height: number;
  offsetTop: number;
  scale: number;
}

/** Pixels of the layout viewport's bottom hidden by the keyboard (0 while pinch-zoomed). */
export function keyboardInset(layoutHeight: number, visual: VisualViewportLike): number {
  // Zooming in also shrinks the visual viewport; that is not a keyboard.
  if (Math.abs(visual.scale - 1) > 0.01) return 0;
  return Math.max(0, Math.round(layoutHeight - visual.height - visual.offsetTop));
}

/** Follows the visual viewport until the returned function is called. */
export function followKeyboard(root: HTMLElement): () => void {
  const visual = window.visualViewport;
  if (!visual) return () => undefined;
  const update = (): void => {
    const inset = keyboardInset(window.innerHeight, visual);
    root.style.setProperty('--netlab-keyboard-inset', `${inset}px`);
    // A keyboard is taller than this; smaller differences are browser toolbars sliding.
    root.toggleAttribute('data-netlab-keyboard', inset > 120);
  };
  visual.addEventListener('resize', update);
  visual.addEventListener('scroll', update);
  update();
  return () => {
    visual.removeEventListener('resize', update);
    visual.removeEventListener('scroll', update);
    root.style.removeProperty('--netlab-keyboard-inset');
    root.removeAttribute('data-netlab-keyboard');
  };
}

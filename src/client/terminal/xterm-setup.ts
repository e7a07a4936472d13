/// <reference types="astro/client" />
/**
 * xterm.js as the lab uses it: theme, fonts, fit and web-links addons, WebGL
 * rendering with a fallback to the DOM renderer when WebGL is missing or its
 * context is lost, and xterm's stylesheet installed once per page.
 */
import { FitAddon } from '@xterm/addon-fit';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { WebglAddon } from '@xterm/addon-webgl';
import { Terminal } from '@xterm/xterm';
import xtermCss from '@xterm/xterm/css/xterm.css?inline';

export type Renderer = 'webgl' | 'dom';

let cssInstalled = false;

export function createXterm(screen: HTMLElement): { term: Terminal; fit: FitAddon } {
  installXtermCss();
  const term = new Terminal({
    cursorBlink: true,
    fontFamily:
      'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", "Noto Sans Mono CJK SC", monospace',
    fontSize: 14,
    scrollback: 5000,
    theme: {
      background: '#0d1117',
      foreground: '#e6edf3',
      cursor: '#e6edf3',
      selectionBackground: '#264f78',
      scrollbarSliderBackground: 'rgba(139, 148, 158, 0.25)',
      scrollbarSliderHoverBackground: 'rgba(139, 148, 158, 0.4)',
      scrollbarSliderActiveBackground: 'rgba(139, 148, 158, 0.5)',
    },
  });
  const fit = new FitAddon();
  term.loadAddon(fit);
  term.loadAddon(new WebLinksAddon());
  term.open(screen);
  return { term, fit };
}

/** Loads the WebGL renderer; reports the renderer in use now and after a context loss. */
export function loadWebgl(term: Terminal, onRenderer: (renderer: Renderer) => void): void {
  try {
    const webgl = new WebglAddon();
    webgl.onContextLoss(() => {
      webgl.dispose(); // xterm.js draws with its DOM renderer again
      onRenderer('dom');
    });
    term.loadAddon(webgl);
    onRenderer('webgl');
  } catch {
    onRenderer('dom');
  }
}

function installXtermCss(): void {
  if (cssInstalled) return;
  cssInstalled = true;
  const style = document.createElement('style');
  style.dataset.netlab = 'xterm';
  style.textContent = xtermCss;
  document.head.append(style);
}

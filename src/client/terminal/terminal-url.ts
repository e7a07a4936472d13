/**
 * The terminal websocket's address: the session, window, size, read-only and
 * language as query parameters. The token never goes here (URLs end up in
 * logs); it is the socket's first message.
 */
export interface TerminalTarget {
  baseUrl: string;
  sessionId: string;
  window: string;
  cols: number;
  rows: number;
  readOnly: boolean;
  lang?: string | undefined;
}

export function terminalUrl(target: TerminalTarget): string {
  const base = new URL(target.baseUrl);
  base.protocol = base.protocol === 'https:' ? 'wss:' : 'ws:';
  const url = new URL(`/api/sessions/${encodeURIComponent(target.sessionId)}/terminal`, base);
  url.searchParams.set('window', target.window);
  url.searchParams.set('cols', String(target.cols));
  url.searchParams.set('rows', String(target.rows));
  if (target.readOnly) url.searchParams.set('readonly', '1');
  if (target.lang) url.searchParams.set('lang', target.lang);
  return url.toString();
}

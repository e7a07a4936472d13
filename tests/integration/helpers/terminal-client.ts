/**
 * A terminal client speaking the browser's protocol over a real websocket:
 * collects output, acknowledges it (unless told not to), and waits for text.
 * Given a token, it opens the socket as non-browser clients do: with a one-time
 * ticket in the URL, got with the token in the Authorization header.
 */
import WebSocket from 'ws';
import type { ServerMessage, TicketResponse } from '../../../server/protocol.ts';
import type { SocketFactory, SocketLike } from '../../../src/client/terminal-connection.ts';

/** Sockets for the browser's own TerminalConnection, from Node (the `ws` package). */
export const nodeSockets: SocketFactory = (url) => {
  const socket = new WebSocket(url);
  socket.binaryType = 'arraybuffer';
  return socket as unknown as SocketLike;
};

/** Terminal output without escape sequences (tmux redraws add erase codes to lines). */
const ESCAPES =
  // eslint-disable-next-line no-control-regex -- matching escape sequences is the point
  /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-B]|\x1b[=>]/g;

export function plain(text: string): string {
  return text.replace(ESCAPES, '');
}

export interface TerminalClient {
  socket: WebSocket;
  /** Everything received so far, as text (escape sequences included). */
  output: () => string;
  received: () => number;
  messages: ServerMessage[];
  type: (text: string) => void;
  control: (message: object) => void;
  waitFor: (pattern: RegExp, timeoutMs?: number) => Promise<RegExpExecArray>;
  /**
   * A websocket ping and its pong: the pong comes after every frame the server
   * sent before it, so a round trip is an event that orders output, not a clock.
   */
  roundTrip: () => Promise<void>;
  closed: Promise<{ code: number; reason: string }>;
  close: () => Promise<void>;
}

export interface ConnectOptions {
  /** A bearer token: a ticket is got with it and put in the URL. */
  token?: string;
  /** A ticket to put in the URL as it is. */
  ticket?: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  ack?: boolean;
}

/** POST /api/sessions/:id/terminal/tickets with `token`: the status and, when 201, the ticket. */
export async function terminalTicket(
  base: string,
  sessionId: string,
  token: string,
): Promise<{ status: number; ticket: string }> {
  const response = await fetch(`${base}/api/sessions/${sessionId}/terminal/tickets`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  });
  const body = (await response.json()) as Partial<TicketResponse>;
  return { status: response.status, ticket: body.ticket ?? '' };
}

/** The terminal's URL, with `query` (and a ticket, when given) as they are. */
export function terminalUrl(
  base: string,
  sessionId: string,
  query: Record<string, string> = {},
): string {
  const url = new URL(`/api/sessions/${sessionId}/terminal`, base.replace(/^http/, 'ws'));
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  return url.toString();
}

export async function connectTerminal(
  base: string,
  sessionId: string,
  options: ConnectOptions = {},
): Promise<TerminalClient> {
  let ticket = options.ticket;
  if (options.token !== undefined) {
    const minted = await terminalTicket(base, sessionId, options.token);
    if (minted.status !== 201) throw new Error(`no terminal ticket: HTTP ${minted.status}`);
    ticket = minted.ticket;
  }
  const query = { ...options.query, ...(ticket === undefined ? {} : { ticket }) };
  const socket = new WebSocket(terminalUrl(base, sessionId, query), {
    headers: options.headers ?? {},
  });
  let text = '';
  let bytes = 0;
  const messages: ServerMessage[] = [];
  socket.on('message', (data: Buffer, isBinary: boolean) => {
    if (!isBinary) return void messages.push(JSON.parse(data.toString('utf8')) as ServerMessage);
    text += data.toString('utf8');
    bytes += data.length;
    if (options.ack !== false) socket.send(JSON.stringify({ type: 'ack', bytes: data.length }));
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return {
    socket,
    output: () => text,
    received: () => bytes,
    messages,
    type: (t) => socket.send(Buffer.from(t), { binary: true }),
    control: (m) => socket.send(JSON.stringify(m)),
    waitFor: async (pattern, timeoutMs = 10_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const match = pattern.exec(plain(text));
        if (match) return match;
        if (Date.now() > deadline)
          throw new Error(`no ${String(pattern)} in terminal output:\n${text.slice(-2000)}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    roundTrip: () =>
      new Promise<void>((resolve) => {
        socket.once('pong', () => resolve());
        socket.ping();
      }),
    closed,
    close: async () => {
      socket.close();
      await closed;
    },
  };
}

/** The HTTP status with which the server refuses an upgrade, or 101 if it accepts. */
export function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, { headers });
    socket.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('open', () => {
      resolve(101);
      socket.close();
    });
    socket.once('error', () => undefined);
  });
}

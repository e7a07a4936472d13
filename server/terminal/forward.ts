/**
 * A terminal on a session whose machine another lab server holds: this server
 * opens the same terminal on the holder (http/forward.ts says why proxying)
 * and carries frames both ways unchanged, the holder's status messages and
 * close code included, so the reader's shell (tmux on the holder's sandbox)
 * is the one they had, whichever server their device reaches. The holder
 * authenticates the forwarded socket with the reader's own token, as its first
 * message. Output waits when the reader's socket holds more than the high
 * watermark unsent, as it would on the holder.
 */
import type { WebSocket as ServerSocket } from '@fastify/websocket';
import WebSocket from 'ws';
import { NetlabError } from '../errors.ts';
import type { Peers } from '../http/forward.ts';
import { FORWARDED_HEADER } from '../http/forward.ts';
import {
  TERMINAL_HIGH_WATERMARK,
  TERMINAL_LOW_WATERMARK,
  type TerminalQuery,
} from '../protocol.ts';
import type { SessionHandle } from '../sessions.ts';

/** Close codes a peer may not send itself; the reader gets "going away" instead. */
const RESERVED = new Set([1005, 1006, 1015]);

export interface ForwardTerminal {
  peers: Pick<Peers, 'urlOf' | 'instance'>;
  /** The forwarding server of this upgrade, if it was forwarded already. */
  forwardedBy: string | undefined;
  maxPayload: number;
}

/** Pipes `client` to the same terminal on the session's holder; resolves when either side closes. */
export async function forwardTerminal(
  client: ServerSocket,
  query: TerminalQuery,
  access: { session: SessionHandle; token: string },
  deps: ForwardTerminal,
): Promise<void> {
  const early: [Buffer, boolean][] = [];
  const collect = (data: Buffer, isBinary: boolean): void => void early.push([data, isBinary]);
  client.on('message', collect);
  const { session, token } = access;
  const base = await deps.peers.urlOf(session.instance, deps.forwardedBy);
  const upstream = await open(holderUrl(base, session.id, query), deps);
  client.off('message', collect);
  upstream.send(JSON.stringify({ type: 'auth', token }));
  for (const [data, isBinary] of early) upstream.send(data, { binary: isBinary });
  return pipe(client, upstream);
}

function holderUrl(base: string, sessionId: string, query: TerminalQuery): URL {
  const url = new URL(`/api/sessions/${encodeURIComponent(sessionId)}/terminal`, base);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const { window, cols, rows, readonly, lang } = query;
  const params: Record<string, string | undefined> = {
    ...{ window, cols: String(cols), rows: String(rows) },
    ...{ readonly, lang },
  };
  for (const [name, value] of Object.entries(params))
    if (value !== undefined) url.searchParams.set(name, value);
  return url;
}

function open(url: URL, deps: ForwardTerminal): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const upstream = new WebSocket(url, {
      headers: { [FORWARDED_HEADER]: deps.peers.instance },
      perMessageDeflate: false,
      maxPayload: deps.maxPayload,
    });
    const fail = (cause: unknown): void => {
      upstream.terminate();
      reject(
        new NetlabError(
          'NETLAB_ERR_OTHER_SERVER',
          `This session's lab machine runs on another lab server, which this one cannot reach now; try again in a moment.`,
          { cause },
        ),
      );
    };
    upstream.once('open', () => {
      upstream.off('error', fail);
      resolve(upstream);
    });
    upstream.once('error', fail);
    // A refused upgrade: the holder's HTTP answer says why (e.g. 429 too many terminals).
    upstream.once('unexpected-response', (_request, response) =>
      fail(new Error(`the holder answered HTTP ${response.statusCode}`)),
    );
  });
}

function pipe(client: ServerSocket, upstream: WebSocket): Promise<void> {
  client.on('message', (data: Buffer, isBinary: boolean) => {
    if (upstream.readyState === upstream.OPEN) upstream.send(data, { binary: isBinary });
  });
  upstream.on('message', (data: Buffer, isBinary: boolean) => {
    if (client.readyState !== client.OPEN) return;
    client.send(data, { binary: isBinary }, () => {
      if (client.bufferedAmount < TERMINAL_LOW_WATERMARK) upstream.resume();
    });
    if (client.bufferedAmount > TERMINAL_HIGH_WATERMARK) upstream.pause();
  });
  return new Promise((resolve) => {
    upstream.once('close', (code: number, reason: Buffer) => {
      if (client.readyState === client.OPEN)
        client.close(RESERVED.has(code) ? 1001 : code, reason.toString());
      resolve();
    });
    upstream.once('error', () => client.terminate());
    client.once('close', () => {
      if (upstream.readyState === upstream.OPEN || upstream.readyState === upstream.CONNECTING)
        upstream.close(1000, 'the reader left');
    });
  });
}

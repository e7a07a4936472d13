/**
 * The terminal websocket, `WS /api/sessions/:id/terminal`: checks the Origin
 * and who is asking (terminal/authenticate.ts), enforces the per-session
 * terminal limit (counted by the hub, terminal/hub.ts) and the heartbeat, and
 * hands each connection to terminal/connection.ts, attached through the
 * session's handle; a terminal on a session another lab server holds is
 * forwarded there (terminal/forward.ts).
 *
 * Query (protocol.ts, terminalQuery): ticket (or send {"type":"auth"} first),
 * window (tmux window, default "main"), readonly=1, cols, rows, lang.
 */
import websocket from '@fastify/websocket';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebSocket } from '@fastify/websocket';
import type { Config } from './config.ts';
import { NetlabError, isNetlabError } from './errors.ts';
import type { Logger } from './logger.ts';
import { terminalQuery, type TerminalQuery } from './protocol.ts';
import type { SessionHandle, SessionManager } from './sessions.ts';
import type { Tickets } from './tickets.ts';
import { FORWARDED_HEADER, type Peers } from './http/forward.ts';
import { TerminalAuth } from './terminal/authenticate.ts';
import { pipeTerminal, send, truncateReason } from './terminal/connection.ts';
import { forwardTerminal } from './terminal/forward.ts';
import type { TerminalHub } from './terminal/hub.ts';
import { PendingAuth } from './terminal/pending-auth.ts';

export const TERMINAL_MAX_PAYLOAD = 64 * 1024;
const AUTH_TIMEOUT_MS = 5000;

type TerminalRequest = FastifyRequest<{ Params: { id: string }; Querystring: unknown }>;

export interface TerminalDeps {
  sessions: Pick<SessionManager, 'access' | 'setLocale'>;
  /** Every open terminal on this server; live re-checks follow it. */
  hub: TerminalHub;
  /** The other lab servers: a terminal on a session one of them holds is forwarded there. */
  peers: Pick<Peers, 'urlOf' | 'instance'>;
  tickets: Tickets;
  config: Config['terminal'];
  allowedOrigins: readonly string[];
  log: Logger;
}

export async function terminalRoutes(app: FastifyInstance, deps: TerminalDeps): Promise<void> {
  const auth = new TerminalAuth({
    sessions: deps.sessions,
    tickets: deps.tickets,
    pending: new PendingAuth(deps.config.pendingPerClient),
    allowedOrigins: deps.allowedOrigins,
    authTimeoutMs: AUTH_TIMEOUT_MS,
  });
  await app.register(websocket, {
    options: { maxPayload: TERMINAL_MAX_PAYLOAD, perMessageDeflate: false },
  });
  heartbeat(app, deps.config.heartbeatMs);

  app.get<{ Params: { id: string }; Querystring: unknown }>(
    '/api/sessions/:id/terminal',
    {
      websocket: true,
      // Refused here, before the upgrade, a client gets a plain HTTP answer (400, 401, 403, 429).
      preValidation: (request: TerminalRequest) => auth.beforeUpgrade(request),
    },
    async (socket, request) => {
      try {
        const access = await auth.afterUpgrade(socket, request);
        const query = terminalQuery.parse(request.query ?? {});
        if (access.session.local) await serve(socket, query, access.session, access.readOnly, deps);
        else
          await forwardTerminal(socket, query, access, {
            peers: deps.peers,
            forwardedBy: forwardedBy(request),
            maxPayload: TERMINAL_MAX_PAYLOAD,
          });
      } catch (error) {
        closeWith(socket, error, deps.log);
      }
    },
  );
}

async function serve(
  socket: WebSocket,
  query: TerminalQuery,
  session: SessionHandle,
  /**
   * A workshop instructor watching: read-only whatever the query says, with
   * slots of its own, so that it never takes the learner's terminals nor keeps
   * the session from idling out.
   */
  peek: boolean,
  deps: TerminalDeps,
): Promise<void> {
  const { hub } = deps;
  if (hub.count(session.id, peek) >= deps.config.perSession)
    throw new NetlabError('NETLAB_ERR_TOO_MANY_TERMINALS');
  const readOnly = peek || query.readonly === '1';
  // Keystrokes and a resize may arrive while the shell is being attached.
  const early: [Buffer, boolean][] = [];
  const collect = (data: Buffer, isBinary: boolean): void => void early.push([data, isBinary]);
  socket.on('message', collect);
  hub.add(session.id, socket, peek);
  if (!readOnly) deps.sessions.setLocale(session.id, query.lang === 'zh-cn' ? 'zh-cn' : 'en');
  try {
    const { window, cols, rows } = query;
    const proc = await session.attach({
      cmd: ['/opt/netlab/terminal.sh', window, readOnly ? 'ro' : 'rw', String(rows), String(cols)],
      cols,
      rows,
    });
    socket.off('message', collect);
    if (socket.readyState !== socket.OPEN) return proc.close();
    await pipeTerminal(socket, proc, {
      early,
      tasks: [...session.tasks()],
      window,
      readOnly,
      inputBytesPerSecond: deps.config.inputBytesPerSecond,
      batchMs: deps.config.batchMs,
      log: deps.log,
      onLive: () => hub.markLive(socket),
    });
  } finally {
    hub.remove(session.id, socket);
  }
}

function closeWith(socket: WebSocket, error: unknown, log: Logger): void {
  const netlab = isNetlabError(error)
    ? error
    : new NetlabError('NETLAB_ERR_INTERNAL', undefined, { cause: error });
  if (netlab.code === 'NETLAB_ERR_INTERNAL') log.error({ err: error }, 'terminal failed');
  send(socket, {
    type: 'status',
    state: 'ended',
    code: netlab.code,
    retry: netlab.retry,
    reason: netlab.message,
  });
  if (socket.readyState === socket.OPEN)
    socket.close(netlab.closeCode, truncateReason(netlab.message));
}

/** Pings every client each interval; one that did not answer the previous ping is dropped. */
function heartbeat(app: FastifyInstance, intervalMs: number): void {
  const alive = new WeakSet<WebSocket>();
  const timer = setInterval(() => {
    for (const socket of app.websocketServer.clients) {
      if (!alive.has(socket)) {
        socket.terminate();
        continue;
      }
      alive.delete(socket);
      socket.ping();
    }
  }, intervalMs);
  app.websocketServer.on('connection', (socket: WebSocket) => {
    alive.add(socket);
    socket.on('pong', () => alive.add(socket));
  });
  app.addHook('onClose', () => clearInterval(timer));
}

function forwardedBy(request: TerminalRequest): string | undefined {
  const value = request.headers[FORWARDED_HEADER];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The terminal websocket, `WS /api/sessions/:id/terminal`: checks the Origin
 * and who is asking (terminal/authenticate.ts), enforces the per-session
 * terminal limit and the heartbeat, and hands each connection to
 * terminal/connection.ts.
 *
 * Query: ticket (or send {"type":"auth"} first), window (tmux window, default
 * "main"), readonly=1, cols, rows.
 */
import websocket from '@fastify/websocket';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebSocket } from '@fastify/websocket';
import type { CheckService } from './checks.ts';
import type { Config } from './config.ts';
import { NetlabError, isNetlabError } from './errors.ts';
import type { Logger } from './logger.ts';
import type { SandboxDriver } from './sandbox/driver.ts';
import type { LiveSession, SessionManager } from './sessions.ts';
import type { Tickets } from './tickets.ts';
import { TerminalAuth } from './terminal/authenticate.ts';
import { pipeTerminal, send } from './terminal/connection.ts';
import { PendingAuth } from './terminal/pending-auth.ts';

export const TERMINAL_MAX_PAYLOAD = 64 * 1024;
const AUTH_TIMEOUT_MS = 5000;

interface Query {
  /** A one-time ticket (server/tickets.ts); without one the first message must be `auth`. */
  ticket?: string;
  window?: string;
  readonly?: string;
  cols?: string;
  rows?: string;
  lang?: string;
}

type TerminalRequest = FastifyRequest<{ Params: { id: string }; Querystring: Query }>;

export interface TerminalDeps {
  sessions: SessionManager;
  tickets: Tickets;
  driver: SandboxDriver;
  config: Config['terminal'];
  allowedOrigins: readonly string[];
  log: Logger;
  /** Re-checks open tasks while terminals are attached and pushes the results. */
  checks: CheckService;
  checkIntervalMs: number;
}

/** The server's open terminals by session id, and which of them are instructors' peeks. */
interface Sockets {
  open: Map<string, Set<WebSocket>>;
  peeks: WeakSet<WebSocket>;
}

export async function terminalRoutes(app: FastifyInstance, deps: TerminalDeps): Promise<void> {
  const sockets: Sockets = { open: new Map(), peeks: new WeakSet() };
  const { open } = sockets;
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
  const stopLive = deps.checks.startLive(deps.checkIntervalMs, (id, tasks) => {
    for (const socket of open.get(id) ?? []) send(socket, { type: 'tasks', tasks });
  });
  app.addHook('onClose', () => stopLive());
  deps.sessions.onEnd((id, _status, reason) => {
    for (const socket of open.get(id) ?? []) {
      send(socket, {
        type: 'status',
        state: 'ended',
        code: 'NETLAB_ERR_SESSION_ENDED',
        retry: 'final',
        reason: reason ?? 'ended',
      });
      socket.close(4410, truncateReason(reason ?? 'the session ended'));
    }
  });

  app.get<{ Params: { id: string }; Querystring: Query }>(
    '/api/sessions/:id/terminal',
    {
      websocket: true,
      // Refused here, before the upgrade, a client gets a plain HTTP answer (400, 401, 403, 429).
      preValidation: (request: TerminalRequest) => auth.beforeUpgrade(request),
    },
    async (socket, request) => {
      try {
        const { session, readOnly } = await auth.afterUpgrade(socket, request);
        await serve(socket, request, session, readOnly, deps, sockets);
      } catch (error) {
        closeWith(socket, error, deps.log);
      }
    },
  );
}

async function serve(
  socket: WebSocket,
  request: TerminalRequest,
  session: LiveSession,
  /**
   * A workshop instructor watching: read-only whatever the query says, with
   * slots of its own, so that it never takes the learner's terminals nor keeps
   * the session from idling out.
   */
  peek: boolean,
  deps: TerminalDeps,
  { open, peeks }: Sockets,
): Promise<void> {
  const containerId = deps.sessions.sandboxOf(session);
  const sockets = open.get(session.row.id) ?? new Set<WebSocket>();
  const alike = [...sockets].filter((s) => peeks.has(s) === peek).length;
  if (alike >= deps.config.perSession) throw new NetlabError('NETLAB_ERR_TOO_MANY_TERMINALS');
  if (peek) peeks.add(socket);
  const window = /^[a-z0-9-]{1,16}$/.test(request.query.window ?? '')
    ? (request.query.window ?? 'main')
    : 'main';
  const readOnly = peek || request.query.readonly === '1';
  const cols = dimension(request.query.cols, 80);
  const rows = dimension(request.query.rows, 24);
  // Keystrokes and a resize may arrive while the shell is being attached.
  const early: [Buffer, boolean][] = [];
  const collect = (data: Buffer, isBinary: boolean): void => void early.push([data, isBinary]);
  socket.on('message', collect);
  sockets.add(socket);
  open.set(session.row.id, sockets);
  if (!peek) deps.sessions.terminalAttached(session);
  if (!readOnly) session.locale = request.query.lang === 'zh-cn' ? 'zh-cn' : 'en';
  try {
    const proc = await deps.driver.attach(containerId, {
      cmd: ['/opt/netlab/terminal.sh', window, readOnly ? 'ro' : 'rw', String(rows)],
      cols,
      rows,
    });
    socket.off('message', collect);
    if (socket.readyState !== socket.OPEN) return proc.close();
    await pipeTerminal(socket, proc, {
      early,
      tasks: session.tasks,
      window,
      readOnly,
      inputBytesPerSecond: deps.config.inputBytesPerSecond,
      log: deps.log,
    });
  } finally {
    sockets.delete(socket);
    if (!sockets.size) open.delete(session.row.id);
    if (!peek) deps.sessions.terminalDetached(session);
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

function dimension(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= 1000 ? n : fallback;
}

/** Close reasons are limited to 123 bytes by the websocket protocol. */
function truncateReason(reason: string): string {
  const buf = Buffer.from(reason);
  return buf.length <= 120 ? reason : `${buf.subarray(0, 117).toString('utf8')}...`;
}

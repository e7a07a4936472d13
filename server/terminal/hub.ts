/**
 * The terminal hub: every terminal socket open on this server, by session.
 * Built in main.ts and shared by the terminal route (which adds and removes
 * sockets) and the live re-checks (which subscribe to it as their Presence).
 * It tells the session manager whether a reader's terminal is attached (a
 * session without one idles out), pushes each session's task list to its
 * terminals when the manager reports results, and ends them when the session
 * ends. An instructor's peek counts apart: it neither attaches a session nor
 * takes a reader's slot.
 */
import type { WebSocket } from '@fastify/websocket';
import type { Presence } from '../checks/live-checks.ts';
import type { TaskResult } from '../protocol.ts';
import type { SessionManager } from '../sessions.ts';
import { send, truncateReason } from './connection.ts';

/** Close code of a terminal whose session ended (4000 + 410, as the catalogue's). */
const CLOSE_SESSION_ENDED = 4410;

export class TerminalHub implements Presence {
  private readonly open = new Map<string, Set<WebSocket>>();
  private readonly peeks = new WeakSet<WebSocket>();
  /** Sockets whose shell is attached and told so: task lists go only to them, after their "live". */
  private readonly live = new WeakSet<WebSocket>();
  private readonly listeners = new Set<(sessionId: string, attached: boolean) => void>();
  private readonly sessions: Pick<SessionManager, 'on' | 'markAttached'>;
  private readonly stops: (() => void)[];

  constructor(sessions: Pick<SessionManager, 'on' | 'markAttached'>) {
    this.sessions = sessions;
    this.stops = [
      sessions.on('results', ({ id, tasks }) => this.broadcast(id, tasks)),
      sessions.on('ended', ({ id, reason }) => this.endAll(id, reason)),
    ];
  }

  /** Terminals open on a session: readers' (peek false) or an instructor's peeks. */
  count(sessionId: string, peek: boolean): number {
    return [...(this.open.get(sessionId) ?? [])].filter((s) => this.peeks.has(s) === peek).length;
  }

  add(sessionId: string, socket: WebSocket, peek: boolean): void {
    if (peek) this.peeks.add(socket);
    const wasAttached = this.readers(sessionId) > 0;
    const sockets = this.open.get(sessionId) ?? new Set<WebSocket>();
    sockets.add(socket);
    this.open.set(sessionId, sockets);
    if (!peek && !wasAttached) this.changed(sessionId, true);
  }

  remove(sessionId: string, socket: WebSocket): void {
    const sockets = this.open.get(sessionId);
    if (!sockets?.delete(socket)) return;
    if (!sockets.size) this.open.delete(sessionId);
    if (!this.peeks.has(socket) && this.readers(sessionId) === 0) this.changed(sessionId, false);
  }

  /** The socket's shell is attached and it has had its "live" status and task list. */
  markLive(socket: WebSocket): void {
    this.live.add(socket);
  }

  /** Sessions with a reader's terminal open now. */
  attached(): string[] {
    return [...this.open.keys()].filter((id) => this.readers(id) > 0);
  }

  onChange(listener: (sessionId: string, attached: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stops following the session manager (the server is shutting down). */
  close(): void {
    for (const stop of this.stops.splice(0)) stop();
  }

  private readers(sessionId: string): number {
    return this.count(sessionId, false);
  }

  private changed(sessionId: string, attached: boolean): void {
    this.sessions.markAttached(sessionId, attached);
    for (const listener of this.listeners) listener(sessionId, attached);
  }

  private broadcast(sessionId: string, tasks: TaskResult[]): void {
    for (const socket of this.open.get(sessionId) ?? [])
      if (this.live.has(socket)) send(socket, { type: 'tasks', tasks });
  }

  private endAll(sessionId: string, reason: string): void {
    for (const socket of this.open.get(sessionId) ?? []) {
      send(socket, {
        type: 'status',
        state: 'ended',
        code: 'NETLAB_ERR_SESSION_ENDED',
        retry: 'final',
        reason,
      });
      socket.close(CLOSE_SESSION_ENDED, truncateReason(reason));
    }
  }
}

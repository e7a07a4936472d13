/**
 * One terminal per peer, behind one small interface, so that the same typist
 * measures all three:
 * - Netlab: the browser's own TerminalConnection (src/client), over a real
 *   websocket — it authenticates, acknowledges what it "rendered" in the
 *   browser's 16 KiB / 100 ms batches, and goes through tmux in the sandbox;
 * - WeTTY 3.2: its socket.io protocol, acknowledging ("commit") per 256 KiB as
 *   its own browser client does, its node-pty running `docker exec -it`;
 * - the floor: a raw `docker exec` TTY stream read directly (the project's
 *   Docker driver), with no websocket, no server and no tmux.
 */
import { io, type Socket } from 'socket.io-client';
import type { DockerDriver } from '../../server/sandbox/docker-driver.ts';
import { TerminalConnection } from '../../src/client/terminal-connection.ts';
import { nodeSockets } from '../../tests/integration/helpers/terminal-client.ts';
import { plainText } from './echo.ts';

export interface PeerTerminal {
  type(text: string): void;
  /** Every output frame, as it arrives. */
  onFrame(listener: (frame: string) => void): () => void;
  close(): Promise<void>;
}

const decoder = new TextDecoder();

/** Netlab's terminal as the browser opens it. */
export function netlabTerminal(
  baseUrl: string,
  session: { id: string; token: string },
  window: string,
): Promise<PeerTerminal> {
  const listeners = new Set<(frame: string) => void>();
  return new Promise((resolve, reject) => {
    const connection = new TerminalConnection({
      baseUrl,
      sessionId: session.id,
      token: session.token,
      window,
      socketFactory: nodeSockets,
      listeners: {
        data: (bytes, rendered) => {
          const frame = decoder.decode(bytes);
          for (const l of listeners) l(frame);
          rendered();
        },
        state: (change) => {
          if (change.state === 'live')
            resolve({
              type: (text) => connection.send(text),
              onFrame: (l) => (listeners.add(l), () => listeners.delete(l)),
              close: () => Promise.resolve(connection.close()),
            });
          if (change.state === 'ended') reject(new Error(`terminal ended: ${change.reason ?? ''}`));
        },
      },
    });
    connection.connect();
  });
}

/** A WeTTY terminal (its server runs `docker exec -it <sandbox> bash` for each connection). */
export function wettyTerminal(port: number): Promise<PeerTerminal> {
  const listeners = new Set<(frame: string) => void>();
  const socket: Socket = io(`http://127.0.0.1:${port}`, {
    path: '/wetty/socket.io',
    transports: ['websocket'],
  });
  let uncommitted = 0;
  socket.on('data', (data: string) => {
    for (const l of listeners) l(data);
    // WeTTY's client commits rendered bytes per 256 KiB.
    uncommitted += data.length;
    if (uncommitted >= 262_144) {
      socket.emit('commit', uncommitted);
      uncommitted = 0;
    }
  });
  return new Promise((resolve, reject) => {
    socket.once('connect_error', reject);
    socket.once('login', () => {
      socket.emit('resize', { cols: 80, rows: 24 });
      resolve({
        type: (text) => socket.emit('input', text),
        onFrame: (l) => (listeners.add(l), () => listeners.delete(l)),
        close: () => Promise.resolve(void socket.disconnect()),
      });
    });
  });
}

/** The floor: bash on a raw TTY exec stream into the sandbox. */
export async function floorTerminal(
  driver: DockerDriver,
  containerId: string,
): Promise<PeerTerminal> {
  const proc = await driver.attach(containerId, { cmd: ['bash', '-l'], cols: 80, rows: 24 });
  const listeners = new Set<(frame: string) => void>();
  proc.stream.on('data', (chunk: Buffer) => {
    const frame = chunk.toString('utf8');
    for (const l of listeners) l(frame);
  });
  proc.stream.resume();
  return {
    type: (text) => proc.stream.write(text),
    onFrame: (l) => (listeners.add(l), () => listeners.delete(l)),
    close: () => Promise.resolve(proc.close()),
  };
}

/** Resolves once the terminal's output, from now on, matches `pattern`. */
export function waitForOutput(t: PeerTerminal, pattern: RegExp, timeoutMs = 30_000): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => {
      off();
      reject(
        new Error(
          `timed out waiting for ${String(pattern)}; last: ${JSON.stringify(seen.slice(-200))}`,
        ),
      );
    }, timeoutMs);
    const off = t.onFrame((frame) => {
      seen = (seen + frame).slice(-4096);
      if (!pattern.test(plainText(seen).trimEnd() + ' ') && !pattern.test(plainText(seen))) return;
      clearTimeout(timer);
      off();
      resolve();
    });
  });
}

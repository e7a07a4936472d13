/**
 * One terminal websocket attached to one tmux window of a sandbox: bytes both
 * ways, resize, flow control, input cap; everything released when either side
 * goes away.
 */
import type { WebSocket } from '@fastify/websocket';
import type { Logger } from '../logger.ts';
import type { ServerMessage, TaskResult } from '../protocol.ts';
import { TERMINAL_HIGH_WATERMARK, TERMINAL_LOW_WATERMARK } from '../protocol.ts';
import type { TtyProcess } from '../sessions.ts';
import { FlowControl } from './flow-control.ts';
import { InputLimiter } from './input-limiter.ts';
import { parseClientMessage } from './messages.ts';
import { OutputBatcher } from './output-batcher.ts';

/** Input waiting for the rate cap beyond this is dropped (a paste of ~4 s at the default rate). */
const MAX_QUEUED_INPUT = 256 * 1024;
/** Held output goes out at this size, window or not: frames stay small beside the flow control's watermarks. */
const MAX_FRAME = 32 * 1024;

export interface ConnectionOptions {
  /** The session's task list, sent once the terminal is live. */
  tasks: TaskResult[];
  /** Messages that arrived before the shell was attached, replayed first. */
  early: [Buffer, boolean][];
  window: string;
  readOnly: boolean;
  inputBytesPerSecond: number;
  /** Output that streams is held this long after its last frame, to go out as one (output-batcher.ts). */
  batchMs: number;
  log: Logger;
  /** Called once the socket has had its "live" status and task list. */
  onLive?: () => void;
}

export function send(socket: WebSocket, message: ServerMessage): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
}

/** Close reasons are limited to 123 bytes by the websocket protocol. */
export function truncateReason(reason: string): string {
  const buf = Buffer.from(reason);
  return buf.length <= 120 ? reason : `${buf.subarray(0, 117).toString('utf8')}...`;
}

/** Wires a socket to a TTY process; resolves when the connection is over. */
export function pipeTerminal(
  socket: WebSocket,
  proc: TtyProcess,
  options: ConnectionOptions,
): Promise<void> {
  const { stream } = proc;
  const flow = new FlowControl({
    high: TERMINAL_HIGH_WATERMARK,
    low: TERMINAL_LOW_WATERMARK,
    queued: () => socket.bufferedAmount,
    pause: () => stream.pause(),
    resume: () => stream.resume(),
  });
  const input = new InputLimiter({
    rate: options.inputBytesPerSecond,
    maxQueued: MAX_QUEUED_INPUT,
    write: (data) => stream.write(data),
  });

  const output = new OutputBatcher({
    windowMs: options.batchMs,
    maxBytes: MAX_FRAME,
    send: (chunk) => {
      if (socket.readyState !== socket.OPEN) return;
      // The callback runs once the socket has handed the chunk to the kernel.
      socket.send(chunk, { binary: true }, () => flow.drained());
      flow.sent(chunk.length);
    },
  });

  stream.on('data', (chunk: Buffer) => {
    if (socket.readyState === socket.OPEN) output.push(chunk);
  });
  const onMessage = (data: Buffer, isBinary: boolean): void => {
    if (isBinary) {
      if (!options.readOnly && !input.push(data))
        options.log.debug('terminal input over the cap dropped');
      return;
    }
    const message = parseClientMessage(data.toString('utf8'));
    if (message?.type === 'ack') flow.acked(message.bytes);
    else if (message?.type === 'resize' && !options.readOnly) {
      proc.resize(message.cols, message.rows).catch(() => undefined);
    }
  };
  for (const [data, isBinary] of options.early) onMessage(data, isBinary);
  socket.on('message', onMessage);
  send(socket, {
    type: 'status',
    state: 'live',
    window: options.window,
    readOnly: options.readOnly,
  });
  if (options.tasks.length) send(socket, { type: 'tasks', tasks: options.tasks });
  options.onLive?.();
  stream.resume();

  return new Promise((resolve) => {
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      // The shell's last words (its exit, say) go out before the close.
      output.flush();
      output.stop();
      input.stop();
      proc.close();
      if (socket.readyState === socket.OPEN) socket.close(1000, 'the shell exited');
      resolve();
    };
    stream.once('end', finish);
    stream.once('close', finish);
    stream.once('error', finish);
    socket.once('close', finish);
  });
}

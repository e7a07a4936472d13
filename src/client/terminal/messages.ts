/**
 * The terminal websocket's text frames, both ways (types from server/protocol.ts):
 * encoding what the browser sends, and reading what the server sends without
 * trusting its shape.
 */
import type {
  ClientMessage,
  RetryClass,
  ServerMessage,
  TaskResult,
} from '../../../server/protocol.ts';

const RETRY_CLASSES: readonly string[] = ['retry', 'later', 'final'] satisfies RetryClass[];

export type StatusMessage = Extract<ServerMessage, { type: 'status' }>;

export type ParsedServerMessage =
  | { type: 'live'; readOnly: boolean }
  | { type: 'ended'; code?: StatusMessage['code']; retry?: RetryClass; reason?: string }
  | { type: 'tasks'; tasks: TaskResult[] };

export function encodeClientMessage(message: ClientMessage): string {
  return JSON.stringify(message);
}

/** A server text frame, or null for anything this client does not understand. */
export function parseServerMessage(text: string): ParsedServerMessage | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const message = parsed as Record<string, unknown>;
  if (message.type === 'tasks') {
    return Array.isArray(message.tasks)
      ? { type: 'tasks', tasks: message.tasks as TaskResult[] }
      : null;
  }
  if (message.type !== 'status') return null;
  if (message.state === 'live') return { type: 'live', readOnly: message.readOnly === true };
  if (message.state !== 'ended') return null;
  return {
    type: 'ended',
    ...(typeof message.code === 'string' && { code: message.code as StatusMessage['code'] }),
    ...(typeof message.retry === 'string' &&
      RETRY_CLASSES.includes(message.retry) && { retry: message.retry as RetryClass }),
    ...(typeof message.reason === 'string' && { reason: message.reason }),
  };
}

/** A binary frame's bytes, whatever the socket delivered them as; null for anything else. */
export function frameBytes(data: unknown): Uint8Array | null {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data))
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return null;
}

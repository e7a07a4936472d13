/**
 * The terminal websocket, `WS /api/sessions/:id/terminal`. Binary frames carry
 * terminal bytes both ways; text frames carry these messages, JSON. What the
 * server reads (the query, the client's messages) is a zod schema it parses
 * with, its type inferred; what it only sends is an interface.
 */
import { z } from 'zod';
import type { ErrorCode, RetryClass } from '../errors.ts';
import type { TaskResult } from './rest.ts';

/** Bytes the client may leave unacknowledged before the server stops reading. */
export const TERMINAL_HIGH_WATERMARK = 128 * 1024;
/** Unacknowledged bytes below which the server reads again. */
export const TERMINAL_LOW_WATERMARK = 32 * 1024;

const MAX_DIMENSION = 1000;
const dimension = z.number().int().min(1).max(MAX_DIMENSION);

export const clientMessage = z.discriminatedUnion('type', [
  /** First message when the URL has no ticket (browsers): the bearer token, never put in the URL. */
  z.object({ type: z.literal('auth'), token: z.string() }),
  z.object({ type: z.literal('resize'), cols: dimension, rows: dimension }),
  /** Bytes of output the client has rendered since its last ack. */
  z.object({ type: z.literal('ack'), bytes: z.number().min(0) }),
]);
export type ClientMessage = z.infer<typeof clientMessage>;

/** A query value that is malformed falls back to its default, as a browser's odd URL should. */
const dimensionParam = (fallback: number) =>
  z.coerce.number().int().min(1).max(MAX_DIMENSION).catch(fallback).default(fallback);

/**
 * The terminal's query: a one-time ticket (or send `auth` first), the tmux
 * window (default "main"), readonly=1, the size, the reader's language.
 */
export const terminalQuery = z.object({
  ticket: z.string().optional(),
  window: z
    .string()
    .regex(/^[a-z0-9-]{1,16}$/)
    .catch('main')
    .default('main'),
  readonly: z.string().optional(),
  cols: dimensionParam(80),
  rows: dimensionParam(24),
  lang: z.string().optional(),
});
export type TerminalQuery = z.infer<typeof terminalQuery>;

export type TerminalState = 'live' | 'ended';

export interface StatusMessage {
  type: 'status';
  state: TerminalState;
  /** The tmux window this terminal shows. */
  window?: string;
  readOnly?: boolean;
  /** Why the terminal ended: the catalogue's code, which the client decides from. */
  code?: ErrorCode;
  /** What reconnecting would do (with `code`). */
  retry?: RetryClass;
  reason?: string;
}

export type ServerMessage = StatusMessage | { type: 'tasks'; tasks: TaskResult[] };

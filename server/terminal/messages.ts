import type { ClientMessage } from '../protocol.ts';

const MAX_DIMENSION = 1000;

/** Parses a text frame from the client; null for anything malformed. */
export function parseClientMessage(text: string): ClientMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const m = value as Record<string, unknown>;
  switch (m.type) {
    case 'auth':
      return typeof m.token === 'string' ? { type: 'auth', token: m.token } : null;
    case 'resize':
      return isDimension(m.cols) && isDimension(m.rows)
        ? { type: 'resize', cols: m.cols, rows: m.rows }
        : null;
    case 'ack':
      return typeof m.bytes === 'number' && Number.isFinite(m.bytes) && m.bytes >= 0
        ? { type: 'ack', bytes: m.bytes }
        : null;
    default:
      return null;
  }
}

function isDimension(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= MAX_DIMENSION;
}

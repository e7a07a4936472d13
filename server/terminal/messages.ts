import { clientMessage, type ClientMessage } from '../protocol.ts';

/** Parses a text frame from the client (protocol.ts's schema); null for anything malformed. */
export function parseClientMessage(text: string): ClientMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = clientMessage.safeParse(value);
  return parsed.success ? parsed.data : null;
}

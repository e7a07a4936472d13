/**
 * What a lab server tells every server of the workshop's store (itself
 * included) over the bus: short hints, each naming a workshop. A receiver that
 * holds instructor or learner streams of that workshop re-reads what it needs
 * from the store and pushes it; the 'ended' signal also makes each server
 * remove its own sandboxes of the workshop.
 */
import { z } from 'zod';

const workshopId = z.string().min(1).max(64);

const signal = z.discriminatedUnion('kind', [
  /** A learner joined or opened a lab: instructors get a fresh grid. */
  z.object({ kind: z.literal('snapshot'), workshopId }),
  /** A learner's results changed: instructors get that learner's row. */
  z.object({ kind: z.literal('learner'), workshopId, participantId: z.string().min(1).max(64) }),
  /** The instructor's broadcast, for learners. */
  z.object({
    kind: z.literal('message'),
    workshopId,
    message: z.object({ text: z.string(), at: z.string() }),
  }),
  /** A webhook call gave up, for instructors. */
  z.object({
    kind: z.literal('webhook-failed'),
    workshopId,
    failure: z.object({ at: z.string(), task: z.string(), learner: z.string(), error: z.string() }),
  }),
  /** The workshop ended: each server removes its sandboxes of it and tells its streams. */
  z.object({ kind: z.literal('ended'), workshopId, at: z.string() }),
]);

export type WorkshopSignal = z.infer<typeof signal>;

const TOPIC = 'workshop';

/** Other topics may share the bus; a workshop signal travels inside this envelope. */
const envelope = z.object({ topic: z.literal(TOPIC), signal });

export function encodeSignal(s: WorkshopSignal): string {
  return JSON.stringify({ topic: TOPIC, signal: s });
}

/** The signal in a bus message, or null for another topic or a malformed one. */
export function decodeSignal(message: string): WorkshopSignal | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    return null;
  }
  const result = envelope.safeParse(parsed);
  return result.success ? result.data.signal : null;
}

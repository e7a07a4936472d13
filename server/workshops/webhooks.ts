/**
 * Webhook calls: one POST of JSON per task a learner passes, signed with the
 * workshop's secret (`X-Netlab-Signature: sha256=<hex HMAC-SHA256 of the body>`),
 * retried with exponential backoff; the last error is returned for the caller to
 * store and report.
 */
import { createHmac } from 'node:crypto';
import type { WebhookTaskPassed } from '../protocol.ts';

export const SIGNATURE_HEADER = 'x-netlab-signature';

/** What a receiver gets for each passed task (the wire type lives in protocol.ts). */
export type TaskPassedPayload = WebhookTaskPassed;

export function signature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** Milliseconds to wait before attempt `attempt` (2, 3, …): 0.5 s, 1 s, 2 s … capped at 30 s. */
export function backoffMs(attempt: number, baseMs = 500, maxMs = 30_000): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 2));
}

export interface DeliveryOptions {
  attempts: number;
  timeoutMs: number;
  fetch: typeof fetch;
  sleep: (ms: number) => Promise<void>;
}

/** POSTs the payload until a 2xx answer; null on success, else why the last attempt failed. */
export async function deliver(
  url: string,
  secret: string,
  payload: TaskPassedPayload,
  options: DeliveryOptions,
): Promise<string | null> {
  const body = JSON.stringify(payload);
  let error = 'not attempted';
  for (let attempt = 1; attempt <= options.attempts; attempt++) {
    if (attempt > 1) await options.sleep(backoffMs(attempt));
    try {
      const response = await options.fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'netlab-webhook',
          [SIGNATURE_HEADER]: signature(secret, body),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      await response.body?.cancel();
      if (response.ok) return null;
      error = `the receiver answered HTTP ${response.status}`;
    } catch (caught) {
      const cause = caught instanceof Error ? caught.message : String(caught);
      error = `the call failed: ${cause}`;
    }
  }
  return `${error} (after ${options.attempts} attempt${options.attempts === 1 ? '' : 's'})`;
}

import type { OutboxRow } from './notifications.table';

export type AttemptResult = { ok: true } | { ok: false; error: string };

/**
 * One delivery attempt: a JSON POST carrying the notification id as `Idempotency-Key`. Delivery is at
 * least once (an instance can die between the receiver's 2xx and recording it), so the receiver drops
 * an id it has already seen. Any 2xx is success; anything else, a timeout or a network error is retried.
 */
export async function postNotification(
  url: string,
  row: OutboxRow,
  timeoutMs: number,
): Promise<AttemptResult> {
  const body = JSON.stringify({
    id: row.id,
    topic: row.topic,
    recipientRole: row.recipient_role,
    subject: row.subject,
    payload: row.payload,
    createdAt: row.created_at.toISOString(),
    attempt: row.attempts,
  });
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Idempotency-Key': row.id,
        'User-Agent': 'foreningskontroll-notifier',
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    // Drain the body so the connection is released; its content is not ours to store.
    await res.arrayBuffer().catch(() => undefined);
    if (res.status >= 200 && res.status < 300) return { ok: true };
    return { ok: false, error: `HTTP ${res.status}` };
  } catch (err) {
    const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
    return { ok: false, error: `${err instanceof Error ? err.message : String(err)}${cause}`.slice(0, 500) };
  }
}

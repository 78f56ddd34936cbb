import { createHash } from 'node:crypto';

// The jobs of the `webhook` queue: one per delivery attempt series (the delivery row holds the message), and the
// delayed "report ready" check after an event ends.

export const WEBHOOK_QUEUE = 'webhook';
/** The name of the custom backoff: exponential with jitter, from the webhook retry policy. */
export const WEBHOOK_BACKOFF = 'webhook';
/** A bound BullMQ needs; retries really stop when the delivery is WEBHOOK_RETRY_FOR old. */
export const WEBHOOK_MAX_ATTEMPTS = 200;

export type WebhookJob = { kind: 'deliver'; deliveryId: string } | { kind: 'report-ready'; eventId: string };

/**
 * The delivery id (the `webhook-id` header) of one occurrence for one endpoint: deterministic, so that two control
 * planes noticing the same change, or a retried notice, make one delivery, not two.
 */
export function deliveryIdOf(endpointId: string, eventType: string, occurrence: string): string {
  const h = createHash('sha256').update(`${endpointId}\n${eventType}\n${occurrence}`).digest('hex');
  return `msg_${h.slice(0, 32)}`;
}

/** True for what deliveryIdOf makes: anything else names no delivery (and never reaches a query). */
export function isDeliveryId(s: string): boolean {
  return /^msg_[0-9a-f]{32}$/.test(s);
}

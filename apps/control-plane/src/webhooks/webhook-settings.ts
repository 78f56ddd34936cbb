import { env } from '#config';

// Webhooks: who may be called, how long deliveries are retried, when a failing endpoint is switched off.
export const webhookSettings = {
  WEBHOOK_ALLOW_HTTP: env.bool(
    'accept webhook URLs over plain http (https only when false: what production needs)',
    false,
  ),
  WEBHOOK_ALLOW_PRIVATE_ADDRESSES: env.bool(
    'accept webhook URLs that are or resolve to loopback, private, link-local or other internal addresses (refused when false, so the platform cannot be made to call its own internals)',
    false,
  ),
  WEBHOOK_TIMEOUT: env.duration('how long one delivery attempt waits for the receiver to answer', 10_000),
  WEBHOOK_RETRY_BASE: env.duration('first retry delay of a failed delivery, doubled on each further attempt', 30_000),
  WEBHOOK_RETRY_MAX_GAP: env.duration('longest wait between two attempts at a delivery', 6 * 3_600_000),
  WEBHOOK_RETRY_FOR: env.duration('how long a failing delivery keeps being retried', 24 * 3_600_000),
  WEBHOOK_DISABLE_AFTER: env.duration(
    'an endpoint that has failed without a single success for this long is disabled',
    5 * 24 * 3_600_000,
  ),
  WEBHOOK_REPORT_DELAY: env.duration(
    'wait after an event ends before its attendance.report_ready webhook (the last attendance entries land first)',
    30_000,
  ),
  WEBHOOK_CONCURRENCY: env.int('webhook deliveries one control plane makes at once', 1, 200, 8),
};

// What an account's webhook endpoints may subscribe to, and how long a delivery keeps being retried. Pure: the
// control plane's webhook module applies these rules; the console lists the same types.

export const WEBHOOK_EVENT_TYPES = [
  'registration.created',
  'event.scheduled',
  'event.changed',
  'event.cancelled',
  'event.started',
  'event.ended',
  'attendance.report_ready',
  'asset.ready',
  'asset.failed',
  'recording.ready',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** The type a test delivery carries ("send a test event"); it reaches an endpoint whatever it subscribes to. */
export const WEBHOOK_TEST_EVENT = 'webhook.test';

export function isWebhookEventType(t: string): t is WebhookEventType {
  return (WEBHOOK_EVENT_TYPES as readonly string[]).includes(t);
}

export interface RetryPolicy {
  /** The first retry's delay; each further one doubles it. */
  baseMs: number;
  /** No single gap grows beyond this. */
  maxGapMs: number;
  /** Retries stop once the delivery is this old (Mux and Standard Webhooks retry for a day). */
  retryForMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  baseMs: 30_000,
  maxGapMs: 6 * 3_600_000,
  retryForMs: 24 * 3_600_000,
};

/**
 * The wait before retry number `attempt` (1 = the first retry): exponential, capped, with ±20 % jitter so that
 * the retries of a burst that failed together do not arrive together again. `random` is in [0, 1).
 */
export function retryDelayMs(attempt: number, policy: RetryPolicy, random: number): number {
  const exponential = Math.min(policy.baseMs * 2 ** Math.max(0, attempt - 1), policy.maxGapMs);
  return Math.round(exponential * (0.8 + 0.4 * random));
}

/** True when a failed delivery first queued at `createdAt` gets no further attempt. */
export function retriesExhausted(createdAt: Date, now: Date, policy: RetryPolicy): boolean {
  return now.getTime() - createdAt.getTime() >= policy.retryForMs;
}

/** An endpoint failing without a single success since `failingSince` is switched off after `disableAfterMs`. */
export function shouldDisableEndpoint(failingSince: Date | null, now: Date, disableAfterMs: number): boolean {
  return failingSince !== null && now.getTime() - failingSince.getTime() >= disableAfterMs;
}

/** What an account API key may be allowed to do; each endpoint that accepts keys names the one it needs. */
export const API_KEY_SCOPES = ['read:events', 'write:events', 'read:reports', 'manage:media'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export function isApiKeyScope(s: string): s is ApiKeyScope {
  return (API_KEY_SCOPES as readonly string[]).includes(s);
}

import { createHmac, randomBytes } from 'node:crypto';

// Standard Webhooks (standardwebhooks.com), as Svix, Clerk and others send them: the secret is `whsec_` + base64
// bytes, the signature header is `v1,` + base64(HMAC-SHA256(secret, "<id>.<timestamp>.<body>")), the timestamp in
// Unix seconds. Receivers verify with any Standard Webhooks library.

const PREFIX = 'whsec_';

/** A new endpoint secret: 32 random bytes. */
export function newWebhookSecret(): string {
  return PREFIX + randomBytes(32).toString('base64');
}

export function signWebhook(secret: string, id: string, timestampSeconds: number, body: string): string {
  const key = Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, 'base64');
  const mac = createHmac('sha256', key).update(`${id}.${timestampSeconds}.${body}`).digest('base64');
  return `v1,${mac}`;
}

export interface WebhookHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

export function webhookHeaders(secret: string, id: string, body: string, now: Date): WebhookHeaders {
  const ts = Math.floor(now.getTime() / 1000);
  return { 'webhook-id': id, 'webhook-timestamp': String(ts), 'webhook-signature': signWebhook(secret, id, ts, body) };
}

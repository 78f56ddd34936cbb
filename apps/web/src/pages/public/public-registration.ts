import type { components } from '../../api/schema';

export type PublicEvent = components['schemas']['PublicEventView'];

/** A refused public call: the status, the server's sentence, and for 429 how long to wait. */
export class PublicApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly retryAfterS: number | null = null,
  ) {
    super(message);
  }
}

// Plain fetch, not the console's client: these calls are anyone's, and a visitor signed in to the console in the
// same browser must not send their access token to them.
async function call<T>(url: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(url, { ...init, headers: { accept: 'application/json', ...init.headers } });
  const body = (await response.json().catch(() => null)) as { message?: unknown } | null;
  if (!response.ok) {
    const retry = Number(response.headers.get('retry-after'));
    const message = typeof body?.message === 'string' ? body.message : '';
    throw new PublicApiError(response.status, message, Number.isFinite(retry) && retry > 0 ? retry : null);
  }
  return body as T;
}

export function fetchPublicEvent(slug: string): Promise<PublicEvent> {
  return call<PublicEvent>(`/api/public/events/${encodeURIComponent(slug)}`);
}

/** Registers; the answer says only "check your inbox", whether or not the address was known. */
export async function register(slug: string, input: { name: string; email: string; language: string }) {
  await call<unknown>(`/api/public/events/${encodeURIComponent(slug)}/registrations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
}

import { sessionStore } from '../auth/session-store';
import { toApiError } from './api-error';

// For the endpoints of the console's API contract that the OpenAPI document does not list yet (their paths are not
// in schema.d.ts, so the typed client cannot name them). Same token, same 401 handling as the typed client; each
// caller moves to `api` once `npm run generate:api` knows its path.
export async function rawRequest<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  const token = sessionStore.token();
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.status === 401 && sessionStore.get()) sessionStore.end('expired');
  let parsed: unknown = null;
  if ((response.headers.get('content-type') ?? '').includes('json')) parsed = await response.json();
  if (!response.ok) throw toApiError(response.status, parsed);
  return parsed as T;
}

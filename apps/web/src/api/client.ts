import createClient, { type Middleware } from 'openapi-fetch';
import { sessionStore } from '../auth/session-store';
import { toApiError } from './api-error';
import type { paths } from './schema';

const LOGIN_PATH = '/api/auth/login';

// Every request carries the session's access token; a 401 on anything but the sign-in itself means the session is
// over (expired, revoked, or the organizer was deactivated): the session ends and the app sends the user to sign in.
const bearerToken: Middleware = {
  onRequest({ request }) {
    const token = sessionStore.token();
    if (token) request.headers.set('authorization', `Bearer ${token}`);
    return request;
  },
  onResponse({ request, response }) {
    if (response.status === 401 && new URL(request.url).pathname !== LOGIN_PATH && sessionStore.get()) {
      sessionStore.end('expired');
    }
    return response;
  },
};

/** The typed client of the control plane's API (same origin: the control plane serves this app). */
export const api = createClient<paths>({ baseUrl: window.location.origin });
api.use(bearerToken);

interface FetchResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/**
 * The body of a successful answer, else an ApiError with the server's sentence. `T` names the response type while
 * an endpoint's OpenAPI document still lacks its schema (see console-types.ts).
 */
export async function unwrap<T>(call: Promise<FetchResult>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw toApiError(response.status, error);
  return data as T;
}

/** Downloads a file the API serves behind the access token (a plain link would not carry it). */
export async function downloadFile(path: string, fileName: string): Promise<void> {
  const token = sessionStore.token();
  const response = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (response.status === 401) sessionStore.end('expired');
  if (!response.ok) {
    throw toApiError(response.status, await jsonOrNull(response));
  }
  const url = URL.createObjectURL(await response.blob());
  try {
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    document.body.append(a);
    a.click();
    a.remove();
  } finally {
    // The click has handed the blob to the browser's download; the URL is no longer needed.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}

async function jsonOrNull(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return null; // not a JSON error body: the status alone speaks
  }
}

import { sessionStore } from '../auth/session-store';
import { toApiError } from './api-error';
import { SseParser, type ServerSentEvent } from './sse-parser';

// A Server-Sent Events stream of the API read with fetch(), so it carries the access token in the Authorization
// header like every other request (EventSource cannot, and a token in the URL would end up in logs). It reconnects
// when the connection drops, until the caller stops it or `isDone` says the last event was final.

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 10_000;

export interface EventStreamOptions {
  onEvent: (e: ServerSentEvent) => void;
  /** A refusal (403, 404…) or a 401 (the session then ends): no reconnection follows. */
  onError?: (e: unknown) => void;
  /** True once the stream has said all it will (the server then closes it): no reconnection follows. */
  isDone?: (e: ServerSentEvent) => boolean;
}

/** Starts reading `path`; the returned function stops it. */
export function openEventStream(path: string, o: EventStreamOptions): () => void {
  const abort = new AbortController();
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const connect = async (): Promise<void> => {
    let done = false;
    const parser = new SseParser();
    try {
      const token = sessionStore.token();
      const response = await fetch(path, {
        headers: { accept: 'text/event-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        signal: abort.signal,
        cache: 'no-store',
      });
      if (!response.ok || !response.body) {
        if (response.status === 401 && sessionStore.get()) sessionStore.end('expired');
        if (response.status >= 400 && response.status < 500) {
          o.onError?.(toApiError(response.status, await response.json().catch(() => null)));
          return;
        }
        throw new Error(`event stream answered ${response.status}`);
      }
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { value, done: ended } = await reader.read();
        if (ended) break;
        for (const e of parser.push(value)) {
          attempt = 0; // the connection works: a later drop starts the back-off again
          o.onEvent(e);
          if (o.isDone?.(e)) done = true;
        }
      }
    } catch (e) {
      if (abort.signal.aborted) return;
      // a dropped connection or a 5xx: reconnect below
      console.warn('event stream interrupted, reconnecting', e);
    }
    if (done || abort.signal.aborted) return;
    const delay = parser.retryMs ?? Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** attempt++);
    timer = setTimeout(() => void connect(), delay);
  };

  void connect();
  return () => {
    abort.abort();
    clearTimeout(timer);
  };
}

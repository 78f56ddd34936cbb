import type { LiveStart } from '#contracts';

export type { LiveStart };

/** A refusal from the control plane: the status and its message, for the log line that says why. */
export class PublishRefused extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Ingest's side of the control plane's internal live API (Bearer INTERNAL_API_TOKEN). */
export class ControlPlaneClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.baseUrl.replace(/\/+$/, '')}/api/internal/live${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await res.text();
    if (res.status >= 400 && res.status < 500) {
      let message = text;
      try {
        message = (JSON.parse(text) as { message?: string }).message ?? text;
      } catch {
        /* not JSON */
      }
      throw new PublishRefused(res.status, message);
    }
    if (!res.ok) throw new Error(`control plane answered ${res.status} to ${method} ${path}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  async streamKeys(): Promise<Array<{ streamKey: string; eventId: string }>> {
    return (await this.call<{ keys: Array<{ streamKey: string; eventId: string }> }>('GET', '/stream-keys')).keys;
  }

  publish(streamKey: string): Promise<LiveStart> {
    return this.call('POST', '/publish', { streamKey });
  }

  end(eventId: string, reason: string): Promise<unknown> {
    return this.call('POST', `/events/${encodeURIComponent(eventId)}/end`, { reason });
  }

  health(eventId: string, h: Record<string, unknown>): Promise<unknown> {
    return this.call('POST', `/events/${encodeURIComponent(eventId)}/health`, h);
  }
}

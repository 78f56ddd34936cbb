import type { components } from '../../api/schema';

export type JoinInfo = components['schemas']['JoinInfoView'];

/** The join info failed: the status and the server's sentence (the page words it by the status). */
export class JoinInfoError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The join info behind a link. Plain fetch, not the console's client: the join token is the permission, and an
 * expired link (401) must not end a console session open in the same tab.
 */
export async function fetchJoinInfo(token: string): Promise<JoinInfo> {
  const response = await fetch(`/api/public/join/${encodeURIComponent(token)}`, {
    headers: { accept: 'application/json' },
    referrerPolicy: 'no-referrer',
  });
  const body = (await response.json().catch(() => null)) as { message?: string } | null;
  if (!response.ok) throw new JoinInfoError(response.status, body?.message ?? '');
  return body as JoinInfo;
}

const DEVICE_KEY = 'webcast.deviceId';

/** Stable per browser: one join link holds one seat on at most 3 devices, counted by this id. */
export function deviceId(): string {
  try {
    const known = localStorage.getItem(DEVICE_KEY);
    if (known) return known;
    const id = crypto.randomUUID();
    localStorage.setItem(DEVICE_KEY, id);
    return id;
  } catch {
    // storage refused (private mode): this tab counts as its own device
    return crypto.randomUUID();
  }
}

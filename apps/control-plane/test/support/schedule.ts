// Times for scheduling tests: whole hours from a base a few days ahead, so nothing lands in the past mid-run.
const BASE = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + 3, 8);

export const HOUR_MS = 3_600_000;
export const MINUTE_MS = 60_000;

/** An ISO instant `offsetMs` after the test base (UTC). */
export function at(offsetMs: number): string {
  return new Date(BASE + offsetMs).toISOString();
}

export function eventBody(startMs: number, durationMs: number, extra: Record<string, unknown> = {}) {
  return { title: 'Webcast', startsAt: at(startMs), endsAt: at(startMs + durationMs), mode: 'live', ...extra };
}

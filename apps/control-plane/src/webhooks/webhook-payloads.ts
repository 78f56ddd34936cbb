import type { EventRecord } from '../events/event-record';

// What each webhook carries in `data`. Never a secret: no stream key, no join token, no playback token. The same
// shapes are listed in docs/webhooks.md.

export interface WebhookEnvelope {
  type: string;
  /** When the change happened (ISO 8601). */
  timestamp: string;
  data: Record<string, unknown>;
}

export function eventData(e: EventRecord): Record<string, unknown> {
  return {
    eventId: e.id,
    title: e.title,
    mode: e.mode,
    state: e.state,
    startsAt: e.startsAt.toISOString(),
    endsAt: e.endsAt.toISOString(),
    timeZone: e.timeZone,
    attendeeLimit: e.attendeeLimit,
    organizerId: e.organizerId,
    publicSlug: e.publicSlug,
    actualStartAt: e.actualStartAt?.toISOString() ?? null,
    endedAt: e.endedAt?.toISOString() ?? null,
    endReason: e.endReason,
    version: e.version,
  };
}

export function assetData(a: {
  id: string;
  eventId: string | null;
  title: string;
  state: string;
  durationS: number | null;
  failureReason: string | null;
}): Record<string, unknown> {
  return {
    assetId: a.id,
    eventId: a.eventId,
    title: a.title,
    state: a.state,
    durationS: a.durationS,
    failureReason: a.failureReason,
  };
}

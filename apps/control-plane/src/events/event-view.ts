import type { AuthUser } from '../auth/auth-user';
import type { EventRecord } from './event-record';

/** What the API shows of an event; the stream key only to its own organizer. */
export function toEventView(e: EventRecord, viewer: AuthUser, publicBaseUrl: string) {
  return {
    id: e.id,
    organizerId: e.organizerId,
    orderId: e.orderId,
    title: e.title,
    description: e.description,
    startsAt: e.startsAt.toISOString(),
    endsAt: e.endsAt.toISOString(),
    timeZone: e.timeZone,
    mode: e.mode,
    attendeeLimit: e.attendeeLimit,
    state: e.state,
    actualStartAt: e.actualStartAt?.toISOString() ?? null,
    endedAt: e.endedAt?.toISOString() ?? null,
    endReason: e.endReason,
    publicSlug: e.publicSlug,
    registrationUrl: `${publicBaseUrl}/api/public/events/${e.publicSlug}`,
    ...(viewer.id === e.organizerId ? { streamKey: e.streamKey } : {}),
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}

/** What anyone with the public link sees (the organizer by name only). */
export function toPublicEventView(e: EventRecord, organizerName: string | null = null) {
  return {
    slug: e.publicSlug,
    title: e.title,
    description: e.description,
    startsAt: e.startsAt.toISOString(),
    endsAt: e.endsAt.toISOString(),
    timeZone: e.timeZone,
    mode: e.mode,
    state: e.state,
    organizerName,
  };
}

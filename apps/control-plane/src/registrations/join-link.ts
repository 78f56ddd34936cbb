import { signJoinToken } from '#tokens';
import type { ControlPlaneConfig } from '../config';
import type { EventRecord } from '../events/event-record';
import { publicBaseUrl } from '../http/public-base-url';

export interface JoinLink {
  joinToken: string;
  /** The personal link the registrant opens to watch (the web UI reads the token from it). */
  joinUrl: string;
}

/**
 * A registrant's personal link. Deterministic for a registration and the event's end, so re-sending it gives the
 * same link; a rescheduled end gives a new one (the change mail carries it).
 */
export function joinLinkOf(
  config: ControlPlaneConfig,
  event: Pick<EventRecord, 'id' | 'endsAt'>,
  registrationId: string,
): JoinLink {
  const joinToken = signJoinToken(
    { registrantId: registrationId, eventId: event.id },
    event.endsAt,
    config.JOIN_TOKEN_SECRET,
  );
  return { joinToken, joinUrl: `${publicBaseUrl(config)}/join/${encodeURIComponent(joinToken)}` };
}

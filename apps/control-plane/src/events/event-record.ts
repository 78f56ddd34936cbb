import type { EventMode, EventState } from '#domain';

export type { EventMode };
export const EVENT_MODES: readonly EventMode[] = ['live', 'on-demand'];

export interface EventRecord {
  id: string;
  accountId: string;
  orderId: string;
  organizerId: string;
  title: string;
  description: string;
  startsAt: Date;
  endsAt: Date;
  /** IANA zone the organizer scheduled it in (mails and invitations show times in it). */
  timeZone: string;
  mode: EventMode;
  /** Simulive: an on-demand event that opens by itself and plays its video to everyone at one position. */
  playAsLive: boolean;
  attendeeLimit: number;
  state: EventState;
  /** Secret: only the owning organizer ever sees it. */
  streamKey: string;
  publicSlug: string;
  actualStartAt: Date | null;
  endedAt: Date | null;
  endReason: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface EventRow {
  id: string;
  account_id: string;
  order_id: string;
  organizer_id: string;
  title: string;
  description: string;
  starts_at: Date;
  ends_at: Date;
  time_zone: string;
  mode: EventMode;
  play_as_live: boolean;
  attendee_limit: number;
  state: EventState;
  stream_key: string;
  public_slug: string;
  actual_start_at: Date | null;
  ended_at: Date | null;
  end_reason: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const date = (d: Date | string) => new Date(d);
const maybeDate = (d: Date | string | null) => (d === null ? null : new Date(d));

export function toEventRecord(r: EventRow): EventRecord {
  return {
    id: r.id,
    accountId: r.account_id,
    orderId: r.order_id,
    organizerId: r.organizer_id,
    title: r.title,
    description: r.description,
    startsAt: date(r.starts_at),
    endsAt: date(r.ends_at),
    timeZone: r.time_zone,
    mode: r.mode,
    playAsLive: r.play_as_live,
    attendeeLimit: r.attendee_limit,
    state: r.state,
    streamKey: r.stream_key,
    publicSlug: r.public_slug,
    actualStartAt: maybeDate(r.actual_start_at),
    endedAt: maybeDate(r.ended_at),
    endReason: r.end_reason,
    version: r.version,
    createdAt: date(r.created_at),
    updatedAt: date(r.updated_at),
  };
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { EventState } from '#domain';
import type { AuthUser } from '../auth/auth-user';
import { EVENT_MODES, EventMode, EventRecord } from './event-record';

export const EVENT_STATES: EventState[] = ['scheduled', 'live', 'ended', 'cancelled'];

export class EventView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) organizerId!: string;
  @ApiProperty({ format: 'uuid' }) orderId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ format: 'date-time' }) endsAt!: string;
  @ApiProperty({ description: 'IANA time zone the event is shown in (mails, invitations, pages)' }) timeZone!: string;
  @ApiProperty({ enum: [...EVENT_MODES], enumName: 'EventMode' }) mode!: EventMode;
  @ApiProperty({
    description: 'on-demand played as if live: opens by itself, one shared position, ends with the video',
  })
  playAsLive!: boolean;

  @ApiProperty({ description: "attendees admitted before the buffer (≤ the order's limit)" }) attendeeLimit!: number;
  @ApiProperty({ enum: EVENT_STATES, enumName: 'EventState' }) state!: EventState;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'when it went live' })
  actualStartAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true }) endedAt!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "why it ended: 'presenter-stopped', 'duration-cap', 'organizer-ended', …",
  })
  endReason!: string | null;

  @ApiProperty({ description: 'the slug of the public registration link' }) publicSlug!: string;
  @ApiProperty({ description: 'the public registration link' }) registrationUrl!: string;
  @ApiPropertyOptional({ description: "the RTMP stream key; present only for the event's own organizer" })
  streamKey?: string;

  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

/** What anyone with the public link sees of an event. */
export class PublicEventView {
  @ApiProperty() slug!: string;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ format: 'date-time' }) endsAt!: string;
  @ApiProperty({ enum: [...EVENT_MODES], enumName: 'EventMode' }) mode!: EventMode;
  @ApiProperty({ enum: EVENT_STATES, enumName: 'EventState' }) state!: EventState;
  @ApiProperty({ description: 'IANA time zone the event is shown in' }) timeZone!: string;
  @ApiProperty({ type: String, nullable: true }) organizerName!: string | null;
}

/** What the API shows of an event; the stream key only to its own organizer. */
export function toEventView(e: EventRecord, viewer: AuthUser, publicBaseUrl: string): EventView {
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
    playAsLive: e.playAsLive,
    attendeeLimit: e.attendeeLimit,
    state: e.state,
    actualStartAt: e.actualStartAt?.toISOString() ?? null,
    endedAt: e.endedAt?.toISOString() ?? null,
    endReason: e.endReason,
    publicSlug: e.publicSlug,
    registrationUrl: `${publicBaseUrl}/register/${e.publicSlug}`,
    ...(viewer.id === e.organizerId ? { streamKey: e.streamKey } : {}),
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}

/** What anyone with the public link sees (the organizer by name only). */
export function toPublicEventView(e: EventRecord, organizerName: string | null = null): PublicEventView {
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

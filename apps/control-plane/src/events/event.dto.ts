import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { ATTENDEE_LIMIT_CEILING } from '#domain';
import { IsIsoDateTimeWithOffset } from '../http/iso-date-time';
import { IsTimeZone } from '../http/time-zone';
import { EVENT_MODES, EventMode } from './event-record';

export class CreateEventDto {
  @ApiProperty({ maxLength: 200, example: 'Quarterly all-hands' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title!: string;

  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @ApiProperty({ description: 'ISO 8601 with offset; stored in UTC', example: '2026-03-01T10:00:00+01:00' })
  @IsIsoDateTimeWithOffset()
  startsAt!: string;

  @ApiProperty({
    description: 'ISO 8601 with offset; at most 8 h after startsAt',
    example: '2026-03-01T12:00:00+01:00',
  })
  @IsIsoDateTimeWithOffset()
  endsAt!: string;

  @ApiPropertyOptional({
    description:
      'IANA time zone the event is scheduled in: its mails and calendar invitation show the time in it (default UTC)',
    example: 'Europe/Paris',
  })
  @IsOptional()
  @IsTimeZone()
  timeZone?: string;

  @ApiProperty({ enum: EVENT_MODES, description: 'live (RTMP from OBS) or on-demand (playback of an uploaded video)' })
  @IsIn(EVENT_MODES)
  mode!: EventMode;

  @ApiPropertyOptional({
    description:
      'on-demand only: play the video as if live (opens by itself at startsAt, everyone at the same moment, no seeking ahead, ends with the video); false when omitted',
  })
  @IsOptional()
  @IsBoolean()
  playAsLive?: boolean;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: ATTENDEE_LIMIT_CEILING,
    description: "defaults to the order's attendee limit; may be lower, never higher",
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(ATTENDEE_LIMIT_CEILING)
  attendeeLimit?: number;
}

export class UpdateEventDto extends PartialType(CreateEventDto) {}

export class EventListQuery {
  @ApiPropertyOptional({ enum: ['scheduled', 'live', 'ended', 'cancelled'] })
  @IsOptional()
  @IsIn(['scheduled', 'live', 'ended', 'cancelled'])
  state?: 'scheduled' | 'live' | 'ended' | 'cancelled';
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { CHAT_MODERATION_LIMITS } from '#domain';
import { QueryInt } from '../http/query-int';
import { Trim } from '../http/trim';

export const CHAT_PAGE_MAX = 500;
/** A chat stream entry id, as Redis writes them. */
export const STREAM_ID = /^\d{1,20}-\d{1,20}$/;

export class ModerationReasonDto {
  @ApiPropertyOptional({ maxLength: 500, description: 'why, for the moderation log' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class ChatBanDto extends ModerationReasonDto {
  @ApiProperty({ format: 'uuid', description: 'the registration (registrant) of this event' })
  @IsUUID()
  registrationId!: string;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: CHAT_MODERATION_LIMITS.timeoutMaxMinutes,
    description: 'a timeout of this many minutes; omitted: a ban for the rest of the event',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(CHAT_MODERATION_LIMITS.timeoutMaxMinutes)
  minutes?: number;
}

export class ChatSettingsDto extends ModerationReasonDto {
  @ApiProperty({ type: 'integer', minimum: 0, maximum: CHAT_MODERATION_LIMITS.slowModeMaxSeconds })
  @IsInt()
  @Min(0)
  @Max(CHAT_MODERATION_LIMITS.slowModeMaxSeconds)
  slowModeSeconds!: number;

  @ApiProperty({ description: 'while true, nobody can post' })
  @IsBoolean()
  paused!: boolean;

  @ApiPropertyOptional({ description: 'links show as links (otherwise as text); omitted: unchanged' })
  @IsOptional()
  @IsBoolean()
  linksAllowed?: boolean;
}

export class ChatMessageListQuery {
  @ApiPropertyOptional({ description: 'a message id: the page starts after it', example: '1767225600000-0' })
  @IsOptional()
  @Matches(STREAM_ID, { message: 'after must be a message id' })
  after?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: CHAT_PAGE_MAX, default: 100 })
  @IsOptional()
  @QueryInt()
  @IsInt()
  @Min(1)
  @Max(CHAT_PAGE_MAX)
  limit?: number;

  @ApiPropertyOptional({ enum: ['all', 'held'], default: 'all', description: 'held: the review queue only' })
  @IsOptional()
  @IsIn(['all', 'held'])
  state?: 'all' | 'held';
}

export class ChatAuthorView {
  @ApiProperty({ format: 'uuid' }) registrationId!: string;
  @ApiProperty() name!: string;
}

export class ChatMessageView {
  @ApiProperty({ example: '1767225600000-0' }) id!: string;
  @ApiProperty({ type: ChatAuthorView }) author!: ChatAuthorView;
  @ApiProperty() text!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ description: 'hidden by a moderator: attendees no longer see it' }) hidden!: boolean;
  @ApiProperty({ description: 'held by the word filter: waits for a moderator to approve or reject it' })
  held!: boolean;
  @ApiProperty({ type: [String], description: "the word filter's matches, for the review queue" }) words!: string[];
}

export class ChatSettingsView {
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ type: 'integer' }) slowModeSeconds!: number;
  @ApiProperty() paused!: boolean;
  @ApiProperty() linksAllowed!: boolean;
}

export class ChatBanView {
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ format: 'uuid' }) registrationId!: string;
  @ApiProperty({ enum: ['ban', 'timeout', 'none'], description: 'none: lifted' }) kind!: 'ban' | 'timeout' | 'none';
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'when a timeout ends' })
  until!: string | null;
}

export const MODERATION_ACTIONS = [
  'hide',
  'restore',
  'approve',
  'reject',
  'timeout',
  'ban',
  'lift',
  'settings',
  'question',
  'poll',
] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

export class ModerationActorView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, nullable: true, description: 'null when the user is gone' }) name!: string | null;
  @ApiProperty({ enum: ['admin', 'organizer'] }) role!: string;
}

export class ModerationActionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: MODERATION_ACTIONS }) action!: ModerationAction;
  @ApiProperty({ type: String, nullable: true, description: 'the message id or the registration id' })
  target!: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'minutes of a timeout; slowModeSeconds and paused of settings; op of a question decision',
  })
  details!: Record<string, unknown>;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ type: ModerationActorView }) actor!: ModerationActorView;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class ChatMessageStateView {
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ example: '1767225600000-0' }) id!: string;
  @ApiProperty() hidden!: boolean;
  @ApiProperty({ description: 'still waiting for review' }) held!: boolean;
}

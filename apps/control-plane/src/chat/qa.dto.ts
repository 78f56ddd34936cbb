import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { QA_ANSWER_MAX_CHARS, QA_STATUSES, type QaStatus } from '#domain';
import { Trim } from '../http/trim';

/** What a moderator does to a question, as the last segment of its route. */
export const QA_OPERATIONS = ['approve', 'answer', 'answered-live', 'pin', 'unpin', 'dismiss', 'reopen'] as const;
export type QaOperationName = (typeof QA_OPERATIONS)[number];

export class QaDecisionDto {
  @ApiPropertyOptional({ maxLength: QA_ANSWER_MAX_CHARS, description: 'the answer, for the answer operation' })
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1, { message: 'write the answer first' })
  @MaxLength(QA_ANSWER_MAX_CHARS)
  text?: string;
}

export class QaListQuery {
  @ApiPropertyOptional({
    enum: ['votes', 'time'],
    default: 'votes',
    description: 'pinned first, then by votes or time',
  })
  @IsOptional()
  @IsIn(['votes', 'time'])
  sort?: 'votes' | 'time';
}

export class QaSettingsDto {
  @ApiProperty({ description: "new questions wait for a moderator's approval before attendees see them" })
  @IsBoolean()
  approvalRequired!: boolean;
}

export class QaSettingsView {
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty() approvalRequired!: boolean;
}

export class QaAuthorView {
  @ApiProperty({ format: 'uuid' }) registrationId!: string;
  @ApiProperty() name!: string;
}

export class QuestionView {
  @ApiProperty({ example: '1767225600000-0' }) id!: string;
  @ApiProperty({ type: QaAuthorView, description: 'the organizer sees who asked, anonymous or not' })
  author!: QaAuthorView;
  @ApiProperty({ description: 'other attendees do not see the name' }) anonymous!: boolean;
  @ApiProperty() text!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ enum: QA_STATUSES }) status!: QaStatus;
  @ApiProperty({ type: 'integer' }) votes!: number;
  @ApiProperty({ type: String, nullable: true }) answer!: string | null;
  @ApiProperty() answeredLive!: boolean;
  @ApiProperty() pinned!: boolean;
}

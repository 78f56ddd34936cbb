import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
} from 'class-validator';
import { POLL_LIMITS, POLL_RESULTS_MODES, POLL_STATES, type PollResultsMode, type PollState } from '#domain';
import { Trim } from '../http/trim';

const L = POLL_LIMITS;
/** Surrounding whitespace of each option is a typing accident too. */
const TrimEach = () =>
  Transform(({ value }: { value: unknown }) =>
    Array.isArray(value) ? value.map((v: unknown) => (typeof v === 'string' ? v.trim() : v)) : value,
  );
const OPTIONS_MESSAGE = `a poll has ${L.minOptions} to ${L.maxOptions} options`;
const OPTION_MESSAGE = `each option is a text of 1 to ${L.optionMaxChars} characters`;

export class CreatePollDto {
  @ApiProperty({ minLength: 1, maxLength: L.questionMaxChars })
  @Trim()
  @IsString()
  @MinLength(1, { message: 'write the question first' })
  @MaxLength(L.questionMaxChars)
  question!: string;

  @ApiProperty({ type: [String], minItems: L.minOptions, maxItems: L.maxOptions, description: 'numbered from 0' })
  @TrimEach()
  @IsArray()
  @ArrayMinSize(L.minOptions, { message: OPTIONS_MESSAGE })
  @ArrayMaxSize(L.maxOptions, { message: OPTIONS_MESSAGE })
  @IsString({ each: true, message: OPTION_MESSAGE })
  @MinLength(1, { each: true, message: OPTION_MESSAGE })
  @MaxLength(L.optionMaxChars, { each: true, message: OPTION_MESSAGE })
  options!: string[];

  @ApiPropertyOptional({ default: false, description: 'attendees may choose several options' })
  @IsOptional()
  @IsBoolean()
  multiple?: boolean;

  @ApiPropertyOptional({
    enum: POLL_RESULTS_MODES,
    default: 'live',
    description: 'live: attendees see the counts while they vote; closed: only once the poll is closed',
  })
  @IsOptional()
  @IsIn(POLL_RESULTS_MODES)
  results?: PollResultsMode;
}

export class UpdatePollDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: L.questionMaxChars })
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1, { message: 'write the question first' })
  @MaxLength(L.questionMaxChars)
  question?: string;

  @ApiPropertyOptional({ type: [String], minItems: L.minOptions, maxItems: L.maxOptions })
  @IsOptional()
  @TrimEach()
  @IsArray()
  @ArrayMinSize(L.minOptions, { message: OPTIONS_MESSAGE })
  @ArrayMaxSize(L.maxOptions, { message: OPTIONS_MESSAGE })
  @IsString({ each: true, message: OPTION_MESSAGE })
  @MinLength(1, { each: true, message: OPTION_MESSAGE })
  @MaxLength(L.optionMaxChars, { each: true, message: OPTION_MESSAGE })
  options?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  multiple?: boolean;

  @ApiPropertyOptional({ enum: POLL_RESULTS_MODES })
  @IsOptional()
  @IsIn(POLL_RESULTS_MODES)
  results?: PollResultsMode;
}

export class PollCountsView {
  @ApiProperty({ type: [Number], description: 'votes per option, by index' }) counts!: number[];
  @ApiProperty({ type: 'integer', description: 'registrants who voted' }) voters!: number;
}

export class PollView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty() question!: string;
  @ApiProperty({ type: [String] }) options!: string[];
  @ApiProperty() multiple!: boolean;
  @ApiProperty({ enum: POLL_RESULTS_MODES }) results!: PollResultsMode;
  @ApiProperty({ enum: POLL_STATES }) state!: PollState;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) openedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt!: string | null;
  @ApiProperty({ type: PollCountsView, description: 'the votes stored in the database' }) tally!: PollCountsView;
  @ApiProperty({
    type: PollCountsView,
    nullable: true,
    description: 'the counts in Redis while the poll is live (ahead of the stored votes by a moment); else null',
  })
  live!: PollCountsView | null;
}

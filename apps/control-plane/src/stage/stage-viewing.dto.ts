import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNumber, IsPositive, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { QueryInt } from '../http/query-int';
import { Trim } from '../http/trim';
import { STAGE_SEARCH_MAX_QUERY } from './stage-search.repository';
import { STAGE_WATCH_MAX_LIMIT } from './stage-watch.repository';

/** Twelve hours: longer than any video Stage plays, short enough that a typo in a player cannot store nonsense. */
export const STAGE_MAX_SECONDS = 12 * 3600;
export const STAGE_SEARCH_PAGE_SIZE = 20;
export const STAGE_SEARCH_MAX_PAGE = 500;

export class StageSearchQuery {
  @ApiProperty({ maxLength: STAGE_SEARCH_MAX_QUERY, description: 'words as typed, either language, accents ignored' })
  @Trim()
  @IsString()
  @MaxLength(STAGE_SEARCH_MAX_QUERY)
  q!: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: STAGE_SEARCH_MAX_PAGE, default: 1 })
  @IsOptional()
  @QueryInt()
  @IsInt()
  @Min(1)
  @Max(STAGE_SEARCH_MAX_PAGE)
  page?: number;
}

export class WatchProgressDto {
  @ApiProperty({ minimum: 0, maximum: STAGE_MAX_SECONDS, description: 'where the playhead is now, in seconds' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(STAGE_MAX_SECONDS)
  positionSeconds!: number;

  @ApiProperty({
    minimum: 0,
    exclusiveMinimum: true,
    maximum: STAGE_MAX_SECONDS,
    description: "the video's duration as the player knows it (the stored duration wins)",
  })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsPositive({ message: 'durationSeconds must be more than 0' })
  @Max(STAGE_MAX_SECONDS)
  durationSeconds!: number;

  @ApiProperty({
    minimum: 0,
    maximum: STAGE_MAX_SECONDS,
    description: 'seconds actually played in this playback (seeking plays nothing): what a view counts',
  })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(STAGE_MAX_SECONDS)
  playedSeconds!: number;
}

export class StageHistoryQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: STAGE_WATCH_MAX_LIMIT, default: 20 })
  @IsOptional()
  @QueryInt()
  @IsInt()
  @Min(1)
  @Max(STAGE_WATCH_MAX_LIMIT)
  limit?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 1_000_000, default: 0 })
  @IsOptional()
  @QueryInt()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset?: number;
}

import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { QueryInt } from '../http/query-int';

export const SERIES_POINTS_MIN = 10;
export const SERIES_POINTS_MAX = 3600;

export class SeriesQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: SERIES_POINTS_MIN, maximum: SERIES_POINTS_MAX, default: 600 })
  @IsOptional()
  @QueryInt()
  @IsInt()
  @Min(SERIES_POINTS_MIN)
  @Max(SERIES_POINTS_MAX)
  points?: number;
}

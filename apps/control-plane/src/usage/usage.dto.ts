import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { MONTH_PATTERN } from './billing-month';

export class UsageQuery {
  @ApiPropertyOptional({ example: '2026-03', description: 'the UTC month as YYYY-MM; default the current month' })
  @IsOptional()
  @IsString()
  @Matches(MONTH_PATTERN, { message: 'month must be a month written YYYY-MM, e.g. 2026-03' })
  month?: string;
}

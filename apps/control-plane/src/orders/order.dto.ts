import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, Max, Min, ValidateIf } from 'class-validator';
import { ATTENDEE_LIMIT_CEILING } from '#domain';
import { IsIsoDateTimeWithOffset } from '../http/iso-date-time';

export class OrderDto {
  @ApiProperty({ minimum: 1, maximum: 10000, description: 'named organizer seats' })
  @IsInt()
  @Min(1)
  @Max(10000)
  seats!: number;

  @ApiProperty({ minimum: 1, maximum: ATTENDEE_LIMIT_CEILING, description: 'attendees per event' })
  @IsInt()
  @Min(1)
  @Max(ATTENDEE_LIMIT_CEILING)
  attendeeLimit!: number;

  @ApiProperty({
    minimum: 0,
    maximum: 1_000_000,
    description: 'integer cents per billable attendee beyond limit + buffer',
  })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  overageRateCents!: number;

  @ApiProperty({ enum: ['bill', 'block'] })
  @IsIn(['bill', 'block'])
  overagePolicy!: 'bill' | 'block';

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 1_000_000,
    nullable: true,
    description: 'most billable overage attendees (bill policy); null = no cap',
  })
  @ValidateIf((o: OrderDto) => o.overageCap !== null && o.overageCap !== undefined)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  overageCap?: number | null;

  @ApiProperty({ example: '2026-01-01T00:00:00Z' })
  @IsIsoDateTimeWithOffset()
  validFrom!: string;

  @ApiProperty({ example: '2027-01-01T00:00:00Z' })
  @IsIsoDateTimeWithOffset()
  validUntil!: string;
}

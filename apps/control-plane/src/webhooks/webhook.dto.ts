import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { WEBHOOK_EVENT_TYPES } from '#domain';
import { QueryInt } from '../http/query-int';
import { Trim } from '../http/trim';

export class CreateWebhookEndpointDto {
  @ApiProperty({ maxLength: 2000, example: 'https://crm.example.com/hooks/webcasts' })
  @Trim()
  @IsString()
  @MaxLength(2000)
  url!: string;

  @ApiPropertyOptional({ maxLength: 200, example: 'CRM sync' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  description?: string;

  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, isArray: true, description: 'the event types sent to this endpoint' })
  @IsArray()
  @ArrayMinSize(1, { message: 'choose at least one event type' })
  @IsIn(WEBHOOK_EVENT_TYPES, {
    each: true,
    message: `each event type must be one of ${WEBHOOK_EVENT_TYPES.join(', ')}`,
  })
  eventTypes!: string[];

  @ApiPropertyOptional({ description: 'false creates it paused (true when left out)' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class UpdateWebhookEndpointDto {
  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(2000)
  url?: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  description?: string;

  @ApiPropertyOptional({ enum: WEBHOOK_EVENT_TYPES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1, { message: 'choose at least one event type' })
  @IsIn(WEBHOOK_EVENT_TYPES, {
    each: true,
    message: `each event type must be one of ${WEBHOOK_EVENT_TYPES.join(', ')}`,
  })
  eventTypes?: string[];

  @ApiPropertyOptional({ description: 'false pauses deliveries; true resumes them and clears the failing state' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class DeliveryListQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @QueryInt()
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

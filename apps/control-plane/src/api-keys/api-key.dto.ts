import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMinSize, IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { API_KEY_SCOPES } from '#domain';
import { Trim } from '../http/trim';

export class CreateApiKeyDto {
  @ApiProperty({ maxLength: 100, example: 'CRM sync' })
  @Trim()
  @IsString()
  @MinLength(1, { message: 'give the key a name, so you can tell it apart later' })
  @MaxLength(100)
  name!: string;

  @ApiProperty({ enum: API_KEY_SCOPES, isArray: true })
  @IsArray()
  @ArrayMinSize(1, { message: 'choose at least one scope' })
  @IsIn(API_KEY_SCOPES, { each: true, message: `each scope must be one of ${API_KEY_SCOPES.join(', ')}` })
  scopes!: string[];

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'the organizer whose events the key works on; needed for every scope but read:events (without it the key acts as you, the administrator)',
  })
  @IsOptional()
  @IsUUID('all', { message: 'actsAsOrganizerId must be an organizer id (a UUID)' })
  actsAsOrganizerId?: string;
}

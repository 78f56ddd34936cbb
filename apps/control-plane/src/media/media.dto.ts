import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Length } from 'class-validator';

export class CreateMediaAssetDto {
  @ApiProperty({ example: 'Product launch keynote' })
  @IsString()
  @Length(1, 200)
  title!: string;

  @ApiPropertyOptional({ description: 'the event this asset is the recording of (its playback tokens then open it)' })
  @IsOptional()
  @IsUUID()
  eventId?: string;
}

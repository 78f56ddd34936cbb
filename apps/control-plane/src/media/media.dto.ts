import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Length, ValidateIf } from 'class-validator';

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

export class AttachMediaAssetDto {
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'the event of the account this asset becomes the video of; null detaches it',
  })
  @ValidateIf((_o, v) => v !== null)
  @IsUUID()
  eventId!: string | null;
}

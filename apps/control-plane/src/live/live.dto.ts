import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { END_REASONS, EndReason } from '#contracts';

export class PublishDto {
  @ApiProperty({ description: 'the stream key the presenter published with (the RTMP stream name)' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  streamKey!: string;
}

export class EndLiveDto {
  @ApiProperty({ enum: END_REASONS })
  @IsIn(END_REASONS)
  reason!: EndReason;
}

export class IngestHealthDto {
  @ApiProperty({ description: 'incoming bitrate over the last report interval, kbit/s' })
  @IsNumber()
  @Min(0)
  @Max(1_000_000)
  bitrateKbps!: number;

  @ApiProperty({ description: 'video frames received per second over the last interval' })
  @IsNumber()
  @Min(0)
  @Max(1000)
  fps!: number;

  @ApiProperty({ description: 'frames missing from the stream since it started (gaps in the video timestamps)' })
  @IsInt()
  @Min(0)
  droppedFrames!: number;

  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(16384) width?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(16384) height?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) videoCodec?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) audioCodec?: string;

  @ApiPropertyOptional({ description: "seconds between the encoder's last two keyframes" })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(3600)
  keyframeIntervalS?: number;
}

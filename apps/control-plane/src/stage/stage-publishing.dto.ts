import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { QueryInt } from '../http/query-int';
import { Trim } from '../http/trim';
import type { StageLanguage, StageVideoStatus, StageVisibility } from './stage-publishing.repository';

export const STAGE_VISIBILITIES: StageVisibility[] = ['public', 'unlisted', 'account'];
export const STAGE_LANGUAGES: StageLanguage[] = ['fr', 'en'];
export const STAGE_STATUSES: StageVideoStatus[] = ['published', 'unpublished', 'restricted', 'taken_down'];
export const STAGE_TAGS_MAX = 10;
export const STAGE_CHANNEL_PAGE_MAX = 50;

// Tags are compared as typed by viewers: trimmed, lower case, each once ("Keynote" and "keynote " are one tag).
const NormalizedTags = () =>
  Transform(({ value }: { value: unknown }) =>
    Array.isArray(value)
      ? [...new Set(value.map((t: unknown) => (typeof t === 'string' ? t.trim().toLowerCase() : t)))]
      : value,
  );

export class PublishStageVideoDto {
  @ApiProperty({ format: 'uuid', description: 'a ready media asset of the account' })
  @IsUUID('all', { message: 'assetId must be a media asset id (a UUID)' })
  assetId!: string;

  @ApiProperty({ minLength: 1, maxLength: 200, example: 'Keynote 2026' })
  @Trim()
  @IsString()
  @Length(1, 200, { message: 'title must be 1 to 200 characters' })
  title!: string;

  @ApiPropertyOptional({ maxLength: 5000, default: '' })
  @IsOptional()
  @IsString()
  @MaxLength(5000, { message: 'description must be at most 5000 characters' })
  description?: string;

  @ApiPropertyOptional({
    type: [String],
    maxItems: STAGE_TAGS_MAX,
    description: 'at most 10, each 1 to 40 characters; stored in lower case, each once',
    example: ['keynote', 'product'],
  })
  @IsOptional()
  @NormalizedTags()
  @IsArray()
  @ArrayMaxSize(STAGE_TAGS_MAX, { message: `tags must hold at most ${STAGE_TAGS_MAX} tags` })
  @IsString({ each: true, message: 'each tag must be a string' })
  @Length(1, 40, { each: true, message: 'each tag must be 1 to 40 characters' })
  tags?: string[];

  @ApiProperty({ enum: STAGE_LANGUAGES, description: 'the language spoken in the video' })
  @IsIn(STAGE_LANGUAGES, { message: 'language must be fr or en' })
  language!: StageLanguage;

  @ApiPropertyOptional({
    enum: STAGE_VISIBILITIES,
    default: 'public',
    description: "public: listed and found; unlisted: by link only; account: the account's viewers only",
  })
  @IsOptional()
  @IsIn(STAGE_VISIBILITIES, { message: 'visibility must be public, unlisted or account' })
  visibility?: StageVisibility;
}

/** Any of the fields of publishing, but never another asset. */
export class UpdateStageVideoDto extends PartialType(OmitType(PublishStageVideoDto, ['assetId'] as const)) {}

export class StageChannelQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 1_000_000, default: 0 })
  @IsOptional()
  @QueryInt()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: STAGE_CHANNEL_PAGE_MAX, default: 20 })
  @IsOptional()
  @QueryInt()
  @IsInt()
  @Min(1)
  @Max(STAGE_CHANNEL_PAGE_MAX)
  limit?: number;
}

/** A video as its account's organizers and administrators see it, whatever its status. */
export class StageVideoView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) channelId!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) assetId!: string | null;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiProperty({ enum: STAGE_LANGUAGES, enumName: 'StageLanguage' }) language!: StageLanguage;
  @ApiProperty({ enum: STAGE_VISIBILITIES, enumName: 'StageVisibility' }) visibility!: StageVisibility;
  @ApiProperty({
    enum: STAGE_STATUSES,
    enumName: 'StageVideoStatus',
    description: 'restricted and taken_down are decisions of moderation, lifted only there',
  })
  status!: StageVideoStatus;

  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt!: string | null;
  @ApiProperty({ type: Number, nullable: true }) durationSeconds!: number | null;
  @ApiProperty({ type: String, nullable: true }) posterUrl!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class StageChannelSummaryView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
}

/** What anyone may read of a video they have the link of. */
export class PublicStageVideoView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiProperty({ enum: STAGE_LANGUAGES, enumName: 'StageLanguage' }) language!: StageLanguage;
  @ApiProperty({ type: StageChannelSummaryView }) channel!: StageChannelSummaryView;
  @ApiProperty({ type: Number, nullable: true }) durationSeconds!: number | null;
  @ApiProperty({ type: String, nullable: true }) posterUrl!: string | null;
  @ApiProperty({ format: 'date-time' }) publishedAt!: string;
}

export class PublicStageChannelView extends StageChannelSummaryView {
  @ApiProperty({ description: 'public published videos of the channel in all' }) total!: number;
  @ApiProperty() offset!: number;
  @ApiProperty() limit!: number;
  @ApiProperty({ type: [PublicStageVideoView], description: 'newest first' }) videos!: PublicStageVideoView[];
}

export class StageVideoDeletedView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'the media asset and every object it had in storage were deleted too' })
  assetDeleted!: boolean;

  @ApiProperty({ type: String, nullable: true, description: 'why the asset was kept, when it was' })
  assetKeptBecause!: string | null;
}

import { ApiProperty } from '@nestjs/swagger';
import type { MediaAssetState } from './media-asset-record';
import type { MediaAssetView as MediaAssetViewShape } from './media-asset-view';
import { MEDIA_FAILURE_CODES, type MediaFailureCode } from './media-failure-code';

// The OpenAPI description of what the media endpoints answer; `implements` keeps it in step with media-asset-view.ts.

const ASSET_STATES: MediaAssetState[] = ['uploading', 'queued', 'processing', 'ready', 'failed'];

export class MediaRenditionView {
  @ApiProperty({ example: '720p' }) name!: string;
  @ApiProperty({ type: Number, nullable: true }) width!: number | null;
  @ApiProperty({ type: Number, nullable: true }) height!: number | null;
  @ApiProperty({ description: 'peak bits per second (BANDWIDTH)' }) bandwidth!: number;
  @ApiProperty({ description: 'average bits per second (AVERAGE-BANDWIDTH)' }) averageBandwidth!: number;
  @ApiProperty({ example: 'avc1.64001f,mp4a.40.2' }) codecs!: string;
  @ApiProperty({ description: 'bytes of its segments and playlist' }) bytes!: number;
}

export class MediaAssetView implements MediaAssetViewShape {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: ASSET_STATES, enumName: 'MediaAssetState' }) state!: MediaAssetState;
  @ApiProperty({ minimum: 0, maximum: 100, description: 'percent transcoded; 100 when ready' }) progress!: number;
  @ApiProperty({ type: String, nullable: true, description: 'why it failed, in plain words' })
  failureReason!: string | null;

  @ApiProperty({
    enum: MEDIA_FAILURE_CODES,
    enumName: 'MediaFailureCode',
    nullable: true,
    description: 'the kind of failure (for showing the reason in another language)',
  })
  failureCode!: MediaFailureCode | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the event it is the video of' })
  eventId!: string | null;

  @ApiProperty({ type: Number, nullable: true }) sourceBytes!: number | null;
  @ApiProperty({ type: Number, nullable: true }) durationS!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'bytes of every rendition' }) totalBytes!: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'master playlist (segments are AES-128 encrypted)' })
  masterUrl!: string | null;

  @ApiProperty({ type: String, nullable: true }) posterUrl!: string | null;
  @ApiProperty({ type: [MediaRenditionView] }) renditions!: MediaRenditionView[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readyAt!: string | null;
}

export class UploadTargetView {
  @ApiProperty({ description: 'PUT the file here (Content-Length required)' }) apiUrl!: string;
  @ApiProperty({ description: 'or PUT it straight to object storage, then POST …/uploaded' }) presignedUrl!: string;
  @ApiProperty({ description: 'largest accepted file, bytes' }) maxBytes!: number;
}

export class CreatedMediaAssetView extends MediaAssetView {
  @ApiProperty({ type: UploadTargetView }) upload!: UploadTargetView;
}

export class MediaPlaybackView {
  @ApiProperty({ description: 'playback token for the key server' }) token!: string;
  @ApiProperty({ description: 'seconds the token lasts' }) expiresIn!: number;
  @ApiProperty() masterUrl!: string;
  @ApiProperty() keyUrl!: string;
  @ApiProperty({ description: 'a player page for the asset' }) playerUrl!: string;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { EventState, StreamStatus } from '#domain';
import type { LiveStart } from '#contracts';
import { EVENT_STATES } from '../events/event-view';

export class IngestHealthView {
  @ApiProperty({ description: 'incoming bitrate, kbit/s' }) bitrateKbps!: number;
  @ApiProperty({ description: 'video frames per second received' }) fps!: number;
  @ApiProperty({ description: 'frames missing since the stream started' }) droppedFrames!: number;
  @ApiPropertyOptional() width?: number;
  @ApiPropertyOptional() height?: number;
  @ApiPropertyOptional() videoCodec?: string;
  @ApiPropertyOptional() audioCodec?: string;
  @ApiPropertyOptional({ description: "seconds between the encoder's last two keyframes" }) keyframeIntervalS?: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'when ingest reported it' })
  reportedAt!: string | null;
}

export class LivePlaybackView {
  @ApiProperty({ description: 'master playlist while live' }) liveMasterUrl!: string;
  @ApiProperty({ type: String, nullable: true, description: 'the recording, once ready' }) replayMasterUrl!:
    string | null;
  @ApiProperty({ description: 'the key server URL of the AES-128 key' }) keyUrl!: string;
  @ApiProperty({ format: 'uuid', description: 'the media asset holding the recording' }) assetId!: string;
}

export class ObsSettingsView {
  @ApiProperty({ example: 'rtmp://127.0.0.1:1935/live', description: 'the Server field of OBS' }) server!: string;
  @ApiProperty({ type: String, nullable: true, description: 'the Stream Key field; only for the event’s organizer' })
  streamKey!: string | null;
}

/** What a presenter needs: OBS settings, status, ingest health, playback. */
export class PresenterView {
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ enum: EVENT_STATES, enumName: 'EventState' }) state!: EventState;
  @ApiProperty({ type: ObsSettingsView }) obs!: ObsSettingsView;
  @ApiProperty({ type: String, nullable: true, description: 'server + key in one URL; only for the organizer' })
  rtmpUrl!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true }) actualStartAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) endedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) endReason!: string | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'when the platform ends it: actual start + 8 h',
  })
  cutoffAt!: string | null;

  @ApiProperty({
    enum: ['waiting-for-obs', 'live', 'reconnecting', 'ended'],
    description: 'the stream as the presenter sees it: reconnecting when ingest stopped reporting while live',
  })
  streamStatus!: StreamStatus;
  @ApiProperty({ description: 'live HLS segment length: a keyframe interval above it adds latency' })
  segmentSeconds!: number;
  @ApiProperty({ description: "true when the encoder's keyframe interval is too long for low latency" })
  keyframeWarning!: boolean;
  @ApiProperty({ type: IngestHealthView, nullable: true }) health!: IngestHealthView | null;
  @ApiProperty({ type: LivePlaybackView, nullable: true, description: 'null before the first go-live' })
  playback!: LivePlaybackView | null;
}

export class PublishableKeyView {
  @ApiProperty() streamKey!: string;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
}

export class PublishableKeysView {
  @ApiProperty({ type: [PublishableKeyView] }) keys!: PublishableKeyView[];
}

/** What ingest gets when a publisher is accepted: the live job's settings. */
export class LiveStartView implements LiveStart {
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ format: 'uuid' }) assetId!: string;
  @ApiProperty() outputPrefix!: string;
  @ApiProperty() keyUri!: string;
  @ApiProperty() segmentSeconds!: number;
  @ApiProperty({ format: 'date-time' }) actualStartAt!: string;
  @ApiProperty() maxDurationMs!: number;
  @ApiProperty({ description: 'true when the event was already live: the presenter reconnected' }) resumed!: boolean;
}

export class EventStateView {
  @ApiProperty({ enum: EVENT_STATES, enumName: 'EventState' }) state!: EventState;
}

import { ApiProperty } from '@nestjs/swagger';
import type { JoinPlayback } from './join-playback';
import type { JoinInfo, SimuliveBroadcast } from './join-info.service';

export class JoinPlaybackView implements JoinPlayback {
  @ApiProperty({
    type: String,
    enum: ['live', 'on-demand'],
    nullable: true,
    description: 'what plays now; null = nothing yet',
  })
  phase!: 'live' | 'on-demand' | null;

  @ApiProperty({ type: String, nullable: true, description: 'the master playlist to play now' }) masterUrl!:
    string | null;
  @ApiProperty({ type: String, nullable: true }) liveMasterUrl!: string | null;
  @ApiProperty({ type: String, nullable: true }) replayMasterUrl!: string | null;
}

export class SimuliveBroadcastView implements SimuliveBroadcast {
  @ApiProperty({ format: 'date-time', description: 'when the broadcast opened: position 0 of the video' })
  startedAt!: string;

  @ApiProperty({ description: "the video's length in seconds: the broadcast ends with it" }) durationS!: number;
}

export class JoinInfoView implements JoinInfo {
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ enum: ['scheduled', 'live', 'ended', 'cancelled'], enumName: 'EventState' }) state!: string;
  @ApiProperty({ enum: ['live', 'on-demand'], enumName: 'EventMode' }) mode!: string;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ format: 'date-time' }) endsAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) actualStartAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) endedAt!: string | null;
  @ApiProperty() registrantName!: string;
  @ApiProperty({ type: [String], description: 'admission nodes the page may connect its socket to' })
  admissionUrls!: string[];

  @ApiProperty({ type: JoinPlaybackView }) playback!: JoinPlaybackView;

  @ApiProperty({
    type: SimuliveBroadcastView,
    nullable: true,
    description: 'a simulive broadcast: every attendee plays the same moment, nobody seeks ahead',
  })
  simulive!: SimuliveBroadcastView | null;

  @ApiProperty({ format: 'date-time', description: "the server's clock, to place a page with a wrong clock" })
  serverTime!: string;
}

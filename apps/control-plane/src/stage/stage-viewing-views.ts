import { ApiProperty } from '@nestjs/swagger';

export class StageSearchHitView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) channelId!: string;
  @ApiProperty() channelName!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ description: 'the title, HTML-escaped, with the matching words in <mark>: the only markup it holds' })
  highlightedTitle!: string;
  @ApiProperty({ description: 'a passage of the description, escaped and marked the same way' }) snippet!: string;
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiProperty({ enum: ['fr', 'en'] }) language!: 'fr' | 'en';
  @ApiProperty({ type: Number, nullable: true }) durationSeconds!: number | null;
  @ApiProperty({ type: String, nullable: true }) posterKey!: string | null;
  @ApiProperty({ format: 'date-time' }) publishedAt!: string;
}

export class StageSearchPageView {
  @ApiProperty({ description: 'public published videos matching, on every page' }) total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty({ type: [StageSearchHitView] }) items!: StageSearchHitView[];
}

export class WatchProgressView {
  @ApiProperty({ description: 'false while the history is paused: nothing of the viewer was kept' }) recorded!: boolean;
  @ApiProperty({
    enum: ['position', 'watched', 'nothing', 'paused'],
    description:
      'position: resume from there; watched: seen through; nothing: under the resume threshold or older than a report kept already; paused: history paused',
  })
  kept!: 'position' | 'watched' | 'nothing' | 'paused';
  @ApiProperty({ type: Number, nullable: true, description: 'where the next play starts, when a position was kept' })
  resumeAt!: number | null;
  @ApiProperty({ description: 'this report counted a view of the video' }) viewCounted!: boolean;
}

export class StageResumeView {
  @ApiProperty({ format: 'uuid' }) videoId!: string;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'where to start, on any device of the viewer; null: from the beginning',
  })
  positionSeconds!: number | null;
}

export class ContinueWatchingItemView {
  @ApiProperty({ format: 'uuid' }) videoId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() channelName!: string;
  @ApiProperty({ type: Number, nullable: true }) durationSeconds!: number | null;
  @ApiProperty({ type: String, nullable: true }) posterKey!: string | null;
  @ApiProperty() positionSeconds!: number;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class ContinueWatchingView {
  @ApiProperty({ type: [ContinueWatchingItemView], description: 'started and not finished, most recent first' })
  items!: ContinueWatchingItemView[];
}

export class StageHistoryEntryView {
  @ApiProperty({ format: 'uuid' }) videoId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() channelName!: string;
  @ApiProperty({ type: Number, nullable: true }) durationSeconds!: number | null;
  @ApiProperty({ type: String, nullable: true }) posterKey!: string | null;
  @ApiProperty({ description: 'where the next play starts: 0 once watched' }) positionSeconds!: number;
  @ApiProperty() watched!: boolean;
  @ApiProperty({ description: 'false when the video was unpublished or moderated since' }) available!: boolean;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class StageHistoryPageView {
  @ApiProperty() total!: number;
  @ApiProperty({ type: [StageHistoryEntryView] }) items!: StageHistoryEntryView[];
}

export class StageHistoryExportView {
  @ApiProperty({ format: 'uuid' }) viewerId!: string;
  @ApiProperty({ format: 'date-time' }) exportedAt!: string;
  @ApiProperty({ type: [StageHistoryEntryView], description: "every line of the history, in the history's order" })
  history!: StageHistoryEntryView[];
}

export class StageHistoryClearedView {
  @ApiProperty({ description: 'how many videos the history held' }) removed!: number;
}

export class StagePlaybackView {
  @ApiProperty({ description: 'token for the key server (Authorization: Bearer, ?token= or cookie playback_token)' })
  playbackToken!: string;
  @ApiProperty({ description: 'seconds until the token expires; ask again for a new one' }) expiresInS!: number;
  @ApiProperty({ description: "the video's master playlist (HLS, AES-128 segments)" }) playlistUrl!: string;
}

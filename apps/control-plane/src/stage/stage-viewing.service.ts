import { Inject, Injectable } from '@nestjs/common';
import { DomainError, rateLimitedAddress } from '#domain';
import { ObjectStorage } from '#storage';
import { STAGE_PLAYBACK_TOKEN_TTL_S, signStagePlaybackToken } from '#tokens';
import type { ControlPlaneConfig } from '../config';
import { RedisRateLimiter } from '../http/redis-rate-limiter';
import { CONFIG } from '../infrastructure/di-tokens';
import { MEDIA_STORAGE } from '../media/media-storage';
import { StageSearchRepository } from './stage-search.repository';
import { StageVideoAccess, StageVideoAccessRepository } from './stage-video-access.repository';
import { StageWatchRepository } from './stage-watch.repository';
import type { ViewerRecord } from './viewer-accounts.repository';
import { STAGE_SEARCH_PAGE_SIZE, StageHistoryQuery, StageSearchQuery, WatchProgressDto } from './stage-viewing.dto';
import {
  ContinueWatchingView,
  StageHistoryClearedView,
  StageHistoryExportView,
  StageHistoryPageView,
  StagePlaybackView,
  StageResumeView,
  StageSearchPageView,
  WatchProgressView,
} from './stage-viewing-views';

export const CONTINUE_WATCHING_SIZE = 20;
export const STAGE_HISTORY_PAGE_DEFAULT = 20;

/**
 * Why a signed-in viewer may not watch a Stage video, or null when they may. Unlisted videos play by their link for
 * any signed-in viewer; 'account' videos are for the viewers of the channel's account, and no viewer belongs to an
 * account yet.
 */
export function watchRefusal(video: StageVideoAccess | null, videoId: string): DomainError | null {
  if (!video || video.status === 'unpublished') {
    return new DomainError('not_found', `no published Stage video with id ${videoId}`, 'id');
  }
  if (video.status === 'taken_down') {
    return new DomainError('gone', 'this video was taken down after a report and can no longer be played', 'id');
  }
  if (video.status === 'restricted') {
    return new DomainError('forbidden', 'this video is restricted after a report and cannot be played now', 'id');
  }
  if (video.visibility === 'account') {
    return new DomainError(
      'forbidden',
      "this video is shown only to the viewers of its channel's organization, and your viewer account belongs to none",
      'id',
    );
  }
  return null;
}

/** What a viewer does on Stage: search, play, report where they are, and see, export or forget their history. */
@Injectable()
export class StageViewingService {
  constructor(
    private readonly search: StageSearchRepository,
    private readonly watch: StageWatchRepository,
    private readonly videos: StageVideoAccessRepository,
    private readonly limits: RedisRateLimiter,
    @Inject(MEDIA_STORAGE) private readonly storage: ObjectStorage,
    @Inject(CONFIG) private readonly config: ControlPlaneConfig,
  ) {}

  async searchVideos(query: StageSearchQuery, clientIp: string | undefined): Promise<StageSearchPageView> {
    await this.limits.enforce((wait) => `too many searches from your network; try again in ${wait}`, {
      key: `stage-search:${rateLimitedAddress(clientIp)}`,
      limit: this.config.STAGE_SEARCH_RATE_LIMIT,
      windowMs: this.config.STAGE_SEARCH_RATE_WINDOW,
    });
    const page = query.page ?? 1;
    const result = await this.search.search(query.q, {
      limit: STAGE_SEARCH_PAGE_SIZE,
      offset: (page - 1) * STAGE_SEARCH_PAGE_SIZE,
    });
    return { total: result.total, page, pageSize: STAGE_SEARCH_PAGE_SIZE, items: result.items };
  }

  async playback(viewer: ViewerRecord, videoId: string): Promise<StagePlaybackView> {
    const video = await this.watchable(videoId);
    if (!video.assetId || !video.assetReady || !video.masterKey) {
      throw new DomainError('unplayable', 'this video has no playable media yet', 'id');
    }
    return {
      playbackToken: signStagePlaybackToken(
        { viewerId: viewer.id, videoId: video.id, assetId: video.assetId },
        this.config.PLAYBACK_TOKEN_SECRET,
      ),
      expiresInS: STAGE_PLAYBACK_TOKEN_TTL_S,
      playlistUrl: this.storage.publicUrl(video.masterKey),
    };
  }

  async recordProgress(viewer: ViewerRecord, videoId: string, dto: WatchProgressDto): Promise<WatchProgressView> {
    await this.watchable(videoId);
    // counted after the video is known, so an unknown id is a plain 404 however often it is tried
    await this.limits.enforce(
      (wait) => `the player reports progress too often for this video; report again in ${wait}`,
      { key: `stage-progress:${viewer.id}:${videoId}`, limit: 1, windowMs: this.config.STAGE_PROGRESS_INTERVAL },
    );
    const outcome = await this.watch.recordProgress(viewer.id, videoId, dto);
    if (outcome.recorded) return outcome;
    if (outcome.reason === 'paused') return { recorded: false, kept: 'paused', resumeAt: null, viewCounted: false };
    // unpublished between the check above and the report
    throw new DomainError('not_found', `no published Stage video with id ${videoId}`, 'id');
  }

  async resume(viewer: ViewerRecord, videoId: string): Promise<StageResumeView> {
    await this.watchable(videoId);
    return { videoId, positionSeconds: await this.watch.resumePosition(viewer.id, videoId) };
  }

  async continueWatching(viewer: ViewerRecord): Promise<ContinueWatchingView> {
    return { items: await this.watch.continueWatching(viewer.id, CONTINUE_WATCHING_SIZE) };
  }

  history(viewer: ViewerRecord, query: StageHistoryQuery): Promise<StageHistoryPageView> {
    return this.watch.history(viewer.id, {
      limit: query.limit ?? STAGE_HISTORY_PAGE_DEFAULT,
      offset: query.offset ?? 0,
    });
  }

  async export(viewer: ViewerRecord): Promise<StageHistoryExportView> {
    const { history } = await this.watch.export(viewer.id);
    return { viewerId: viewer.id, exportedAt: new Date().toISOString(), history };
  }

  async remove(viewer: ViewerRecord, videoId: string): Promise<void> {
    if (!(await this.watch.remove(viewer.id, videoId))) {
      throw new DomainError('not_found', `no video with id ${videoId} in your history`, 'videoId');
    }
  }

  async clear(viewer: ViewerRecord): Promise<StageHistoryClearedView> {
    return { removed: await this.watch.clear(viewer.id) };
  }

  private async watchable(videoId: string): Promise<StageVideoAccess> {
    const video = await this.videos.findById(videoId);
    const refusal = watchRefusal(video, videoId);
    if (refusal) throw refusal;
    return video!;
  }
}

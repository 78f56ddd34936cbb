import { Module } from '@nestjs/common';
import type { ControlPlaneConfig } from '../config';
import { CONFIG } from '../infrastructure/di-tokens';
import { KeyServerService } from './key-server.service';
import { KeysController } from './keys.controller';
import { StageVideoAccessRepository } from '../stage/stage-video-access.repository';
import { MediaAssetViews } from './media-asset-views';
import { MediaAssetsRepository } from './media-assets.repository';
import { MediaAssetsService } from './media-assets.service';
import { MediaController } from './media.controller';
import { MediaProgressHub } from './media-progress-hub';
import { MEDIA_STORAGE, mediaStorageOf } from './media-storage';
import { VodJobs } from './vod-jobs';
import { VodQueue } from './vod-queue';
import { VodResultsService } from './vod-results.service';

// Media: the organizer's assets, the key server, and what the vod queue reports back. Storage is the one adapter.
// The key server reads Stage videos too (a Stage playback token opens a published video's asset).
@Module({
  controllers: [MediaController, KeysController],
  providers: [
    MediaAssetsRepository,
    MediaProgressHub,
    MediaAssetViews,
    MediaAssetsService,
    KeyServerService,
    VodResultsService,
    VodQueue,
    VodJobs,
    StageVideoAccessRepository,
    { provide: MEDIA_STORAGE, inject: [CONFIG], useFactory: (config: ControlPlaneConfig) => mediaStorageOf(config) },
  ],
  exports: [MediaAssetsRepository, MediaAssetsService, VodResultsService, MEDIA_STORAGE, StageVideoAccessRepository],
})
export class MediaModule {}

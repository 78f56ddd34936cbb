import { Module } from '@nestjs/common';
import type { ControlPlaneConfig } from '../config';
import { CONFIG } from '../infrastructure/di-tokens';
import { KeysController } from './keys.controller';
import { MediaAssetsRepository } from './media-assets.repository';
import { MediaController } from './media.controller';
import { MediaProgressHub } from './media-progress-hub';
import { MediaService } from './media.service';
import { MEDIA_STORAGE, mediaStorageOf } from './media-storage';
import { VodQueue } from './vod-queue';

@Module({
  controllers: [MediaController, KeysController],
  providers: [
    MediaAssetsRepository,
    MediaProgressHub,
    MediaService,
    VodQueue,
    { provide: MEDIA_STORAGE, inject: [CONFIG], useFactory: (config: ControlPlaneConfig) => mediaStorageOf(config) },
  ],
  exports: [MediaService, MEDIA_STORAGE],
})
export class MediaModule {}

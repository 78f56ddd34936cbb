import { Inject, Injectable } from '@nestjs/common';
import { isPlayable } from '#domain';
import type { ObjectStorage } from '#storage';
import type { MediaAssetRecord } from './media-asset-record';
import { MediaAssetView, toMediaAssetView } from './media-asset-view';
import { MediaAssetsRepository } from './media-assets.repository';
import { MediaProgressHub } from './media-progress-hub';
import { MEDIA_STORAGE } from './media-storage';

/** What an organizer sees of an asset, and the push of that view to its watchers on every change. */
@Injectable()
export class MediaAssetViews {
  constructor(
    private readonly assets: MediaAssetsRepository,
    private readonly hub: MediaProgressHub,
    @Inject(MEDIA_STORAGE) private readonly storage: ObjectStorage,
  ) {}

  async view(a: MediaAssetRecord): Promise<MediaAssetView> {
    return toMediaAssetView(a, isPlayable(a.state) ? await this.assets.renditions(a.id) : [], this.storage);
  }

  async publish(a: MediaAssetRecord): Promise<MediaAssetView> {
    const v = await this.view(a);
    this.hub.publish(v);
    return v;
  }
}

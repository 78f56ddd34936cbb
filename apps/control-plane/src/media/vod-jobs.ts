import { Inject, Injectable } from '@nestjs/common';
import type { ControlPlaneConfig } from '../config';
import { publicBaseUrl } from '../http/public-base-url';
import { CONFIG } from '../infrastructure/di-tokens';
import type { MediaAssetRecord } from './media-asset-record';
import { VodQueue } from './vod-queue';

/** The transcoding job of an asset, the same whether its upload queues it or a reconciliation queues it again. */
@Injectable()
export class VodJobs {
  constructor(
    private readonly queue: VodQueue,
    @Inject(CONFIG) private readonly config: ControlPlaneConfig,
  ) {}

  enqueue(asset: MediaAssetRecord): Promise<void> {
    return this.queue.enqueue({
      assetId: asset.id,
      sourceKey: asset.sourceKey,
      outputPrefix: asset.outputPrefix,
      keyUri: `${publicBaseUrl(this.config)}/api/keys/${asset.id}`,
    });
  }
}

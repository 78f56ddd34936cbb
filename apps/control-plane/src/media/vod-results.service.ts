import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { VodJobResult } from '#contracts';
import { isTranscoding } from '#domain';
import type { ObjectStorage } from '#storage';
import type { MediaAssetRecord } from './media-asset-record';
import { MediaAssetViews } from './media-asset-views';
import { MediaAssetsRepository } from './media-assets.repository';
import { MEDIA_STORAGE } from './media-storage';
import { VodJobListener, VodQueue } from './vod-queue';
import { assetData } from '../webhooks/webhook-payloads';
import { WebhookPublisher } from '../webhooks/webhook-publisher';

/**
 * What transcoders report becomes asset state: progress, a ready asset (and the objects of other attempts swept), a
 * failure with its reason. Events the queue published while no control plane listened are asked of the queue instead.
 */
@Injectable()
export class VodResultsService implements OnApplicationBootstrap, VodJobListener {
  private readonly logger = new Logger('media');

  constructor(
    private readonly assets: MediaAssetsRepository,
    private readonly queue: VodQueue,
    private readonly views: MediaAssetViews,
    @Inject(MEDIA_STORAGE) private readonly storage: ObjectStorage,
    private readonly webhooks: WebhookPublisher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.queue.listen(this);
    for (const a of await this.assets.listUnfinished()) {
      await this.reconcile(a).catch((e: Error) =>
        this.logger.warn({ msg: 'could not reconcile an asset with the queue', assetId: a.id, error: e.message }),
      );
    }
  }

  async progress(assetId: string, percent: number): Promise<void> {
    const a = await this.assets.setProgress(assetId, percent);
    if (a) await this.views.publish(a);
  }

  async completed(assetId: string, result: VodJobResult): Promise<void> {
    const a = await this.assets.markReady(assetId, result);
    if (!a) {
      // deleted while transcoding: the attempt's objects have no owner left
      if (!(await this.assets.findById(assetId))) {
        await this.storage
          .deletePrefix(result.attemptPrefix)
          .catch((e: Error) =>
            this.logger.warn({ msg: 'could not delete the objects of a deleted asset', assetId, error: e.message }),
          );
      }
      return;
    }
    await this.sweepOtherAttempts(a);
    await this.views.publish(a);
    await this.webhooks.publishQuietly(a.accountId, 'asset.ready', a.id, assetData(a));
  }

  async failed(assetId: string, reason: string): Promise<void> {
    const a = await this.assets.markFailed(assetId, reason);
    if (!a) return;
    await this.views.publish(a);
    await this.webhooks.publishQuietly(a.accountId, 'asset.failed', a.id, assetData(a));
  }

  /** An asset a transcoder may still report on, brought up to what the queue knows of its job. */
  async reconcile(a: MediaAssetRecord): Promise<MediaAssetRecord> {
    if (!isTranscoding(a.state)) return a;
    const job = await this.queue.jobOf(a.id);
    if (job.state === 'completed' && job.result) await this.completed(a.id, job.result);
    else if (job.state === 'failed') await this.failed(a.id, job.reason ?? 'unknown error');
    // (a job is added right after the asset turns queued: give that moment a wide margin)
    else if (job.state === 'missing' && Date.now() - a.updatedAt.getTime() > 60_000) {
      await this.failed(a.id, 'The transcoding job was lost; upload the file again.');
    } else return a;
    return (await this.assets.findById(a.id)) ?? a;
  }

  /** Objects of attempts other than the one the asset points at (a killed worker's, say) are deleted. */
  private async sweepOtherAttempts(a: MediaAssetRecord): Promise<void> {
    const stale = (await this.storage.list(a.outputPrefix)).filter((o) => !o.key.startsWith(a.attemptPrefix!));
    for (const o of stale) {
      await this.storage.delete(o.key).catch((e: Error) =>
        this.logger.warn({
          msg: 'could not sweep an object of an interrupted attempt',
          key: o.key,
          error: e.message,
        }),
      );
    }
    if (stale.length) {
      this.logger.log({ msg: 'swept objects of interrupted attempts', assetId: a.id, objects: stale.length });
    }
  }
}

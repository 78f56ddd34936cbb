import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { VodJobResult } from '#contracts';
import { isTranscoding } from '#domain';
import type { ObjectStorage } from '#storage';
import type { MediaAssetRecord } from './media-asset-record';
import type { ControlPlaneConfig } from '../config';
import { CONFIG } from '../infrastructure/di-tokens';
import { ControlPlaneMetrics } from '../observability/metrics';
import { MediaAssetViews } from './media-asset-views';
import { MediaAssetsRepository } from './media-assets.repository';
import { MEDIA_STORAGE } from './media-storage';
import { VodJobs } from './vod-jobs';
import { VodJobListener, VodQueue } from './vod-queue';
import { assetData } from '../webhooks/webhook-payloads';
import { WebhookPublisher } from '../webhooks/webhook-publisher';

/**
 * What transcoders report becomes asset state: progress, a ready asset (and the objects of other attempts swept), a
 * failure with its reason. Events the queue published while no control plane listened are asked of the queue instead.
 */
@Injectable()
export class VodResultsService implements OnApplicationBootstrap, OnModuleDestroy, VodJobListener {
  private readonly logger = new Logger('media');
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly assets: MediaAssetsRepository,
    private readonly queue: VodQueue,
    private readonly views: MediaAssetViews,
    @Inject(MEDIA_STORAGE) private readonly storage: ObjectStorage,
    private readonly webhooks: WebhookPublisher,
    private readonly jobs: VodJobs,
    private readonly metrics: ControlPlaneMetrics,
    @Inject(CONFIG) private readonly config: ControlPlaneConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.queue.listen(this);
    await this.sweep();
    // and again now and then: Redis may lose the queue later (a restart without persistence, a failover)
    this.timer = setInterval(() => void this.sweep(), this.config.RECONCILE_INTERVAL);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** Every asset still transcoding is checked against the queue. */
  async sweep(): Promise<void> {
    const unfinished = await this.assets.listUnfinished().catch((e: Error) => {
      this.logger.warn({ msg: 'could not list unfinished assets', error: e.message });
      return [];
    });
    for (const a of unfinished) {
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
    else if (job.state === 'missing' && Date.now() - a.updatedAt.getTime() > this.config.RECONCILE_GRACE) {
      // Redis forgot the job: its source is still in storage, so it is queued again (same job id, so a second
      // control plane doing the same is a no-op; the new attempt writes under a prefix of its own)
      if ((await this.storage.sizeOf(a.sourceKey)) !== null) {
        await this.jobs.enqueue(a);
        this.metrics.reconciled.inc({ kind: 'vod' });
        this.logger.warn({ msg: 'queued a transcoding job Redis had lost', assetId: a.id });
        return a;
      }
      await this.failed(a.id, 'The transcoding job was lost and its file is gone; upload the file again.');
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

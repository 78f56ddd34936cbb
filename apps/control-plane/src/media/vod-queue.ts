import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { Job, Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { VOD_QUEUE, VodJobData, VodJobResult } from '#contracts';
import { withoutServerPaths } from '#media';
import { closeBriefly } from '#process';
import type { ControlPlaneConfig } from '../config';
import { CONFIG } from '../infrastructure/di-tokens';

export interface VodJobListener {
  progress(assetId: string, percent: number): Promise<void>;
  completed(assetId: string, result: VodJobResult): Promise<void>;
  failed(assetId: string, reason: string): Promise<void>;
}

export type VodJobState = 'waiting' | 'active' | 'delayed' | 'completed' | 'failed' | 'missing' | 'other';

/**
 * The control plane's side of the `vod` queue: enqueue (job id = asset id, so a job is never queued twice), and
 * the queue's events turned into asset state. Events are a stream every control plane reads, so each node keeps
 * its own SSE clients up to date; state updates are conditional, so doing them at several nodes is harmless.
 */
@Injectable()
export class VodQueue implements OnModuleDestroy {
  private readonly connection: Redis;
  private readonly queue: Queue<VodJobData, VodJobResult>;
  private events?: QueueEvents;
  private eventsConnection?: Redis;

  constructor(@Inject(CONFIG) private readonly config: ControlPlaneConfig) {
    this.connection = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
    this.connection.on('error', () => undefined);
    this.queue = new Queue(VOD_QUEUE, { connection: this.connection, prefix: config.REDIS_PREFIX });
    // without a listener BullMQ prints every reconnect error; /health reports Redis being down instead
    this.queue.on('error', () => undefined);
  }

  listen(listener: VodJobListener): void {
    // its own connection: QueueEvents blocks on XREAD
    this.eventsConnection = new Redis(this.config.REDIS_URL, { maxRetriesPerRequest: null });
    this.eventsConnection.on('error', () => undefined);
    const events = new QueueEvents(VOD_QUEUE, { connection: this.eventsConnection, prefix: this.config.REDIS_PREFIX });
    events.on('error', () => undefined);
    const guard = (p: Promise<void>) => void p.catch(() => undefined);
    events.on('progress', ({ jobId, data }) =>
      guard(listener.progress(jobId, typeof data === 'number' ? data : Number(data) || 0)),
    );
    events.on('completed', ({ jobId, returnvalue }) =>
      guard(listener.completed(jobId, returnvalue as unknown as VodJobResult)),
    );
    // 'failed' also fires for an attempt that will be retried: only a job that rests in the failed set is failed
    events.on('failed', ({ jobId }) => guard(this.settleFailed(jobId, listener)));
    this.events = events;
  }

  private async settleFailed(jobId: string, listener: VodJobListener): Promise<void> {
    if ((await this.queue.getJobState(jobId)) !== 'failed') return;
    const job = await this.queue.getJob(jobId);
    if (job) await listener.failed(jobId, describeFailure(job));
  }

  async enqueue(data: VodJobData): Promise<void> {
    // a finished job of a previous source (a failed one being replaced) would block the job id
    const previous = await this.queue.getJob(data.assetId);
    if (previous && (await previous.isFailed())) await previous.remove();
    await this.queue.add('transcode', data, {
      jobId: data.assetId,
      attempts: this.config.VOD_JOB_ATTEMPTS,
      backoff: { type: 'exponential', delay: this.config.VOD_RETRY_BACKOFF },
      removeOnComplete: { age: 3600 },
      removeOnFail: { age: 7 * 24 * 3600 },
    });
  }

  /** What the queue knows of an asset's job, for reconciling after events were missed (control plane down). */
  async jobOf(
    assetId: string,
  ): Promise<{ state: VodJobState; result?: VodJobResult; reason?: string; progress?: number }> {
    // state first, then the job: a job read before it finished would lack its result or reason
    const state = await this.queue.getJobState(assetId);
    const job = await this.queue.getJob(assetId);
    if (!job || state === 'unknown') return { state: 'missing' };
    if (state === 'completed') return { state, result: job.returnvalue };
    if (state === 'failed') return { state, reason: describeFailure(job) };
    const progress = typeof job.progress === 'number' ? job.progress : undefined;
    if (state === 'waiting' || state === 'active' || state === 'delayed') return { state, progress };
    return { state: 'other', progress };
  }

  /** Removes a job that has not started; a running one finishes, and its result is then ignored (asset gone). */
  async cancel(assetId: string): Promise<void> {
    const job = await this.queue.getJob(assetId);
    if (job) await job.remove().catch(() => undefined);
  }

  async onModuleDestroy(): Promise<void> {
    // BullMQ leaves connections it was given open: drop ours once each close had its moment.
    this.eventsConnection?.disconnect();
    await closeBriefly(this.events?.close());
    await closeBriefly(this.queue.close());
    this.connection.disconnect();
  }
}

function describeFailure(job: Job): string {
  // the transcoder strips its paths already; a reason from an older transcoder may still name them
  const reason = withoutServerPaths(job.failedReason || 'unknown error');
  if (/stalled more than allowable limit/i.test(reason)) {
    return 'Transcoding stopped: the transcoders working on this file kept stopping (crashed or were killed).';
  }
  // UnrecoverableError reasons are written for people already (see transcoder/src/vod/vod-transcode.ts)
  if (job.attemptsMade <= 1 || /^The file/.test(reason)) return reason;
  return `Transcoding failed after ${job.attemptsMade} attempts: ${reason}`;
}

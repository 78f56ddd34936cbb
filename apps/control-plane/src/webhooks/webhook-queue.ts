import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { closeBriefly } from '#process';
import type { ControlPlaneConfig } from '../config';
import { CONFIG } from '../infrastructure/di-tokens';
import { WEBHOOK_BACKOFF, WEBHOOK_MAX_ATTEMPTS, WEBHOOK_QUEUE, WebhookJob } from './webhook-jobs';

/** The control plane's side of the `webhook` queue: deliveries leave through it, never inline in a request. */
@Injectable()
export class WebhookQueue implements OnModuleDestroy {
  private readonly connection: Redis;
  readonly queue: Queue<WebhookJob>;

  constructor(@Inject(CONFIG) config: ControlPlaneConfig) {
    this.connection = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
    this.connection.on('error', () => undefined);
    this.queue = new Queue(WEBHOOK_QUEUE, { connection: this.connection, prefix: config.REDIS_PREFIX });
    this.queue.on('error', () => undefined);
  }

  private options(extra: JobsOptions): JobsOptions {
    return {
      attempts: WEBHOOK_MAX_ATTEMPTS,
      backoff: { type: WEBHOOK_BACKOFF },
      removeOnComplete: { age: 24 * 3600, count: 10_000 },
      removeOnFail: { age: 14 * 24 * 3600 },
      ...extra,
    };
  }

  /** Queues a delivery; a job already there under the same id is left as it is. */
  async deliver(deliveryId: string, jobId = deliveryId): Promise<void> {
    await this.queue.add('deliver', { kind: 'deliver', deliveryId }, this.options({ jobId }));
  }

  /** True when a job for the delivery is waiting, delayed or running (the start-up sweep leaves those alone). */
  async isQueued(deliveryId: string): Promise<boolean> {
    const job = await this.queue.getJob(deliveryId);
    if (!job) return false;
    const state = await job.getState();
    return state !== 'completed' && state !== 'failed' && state !== 'unknown';
  }

  async reportReadyLater(eventId: string, delayMs: number): Promise<void> {
    await this.queue.add(
      'report-ready',
      { kind: 'report-ready', eventId },
      this.options({
        jobId: `report-ready-${eventId}`,
        delay: delayMs,
        attempts: 5,
        backoff: { type: 'exponential', delay: 5000 },
      }),
    );
  }

  async onModuleDestroy(): Promise<void> {
    await closeBriefly(this.queue.close());
    this.connection.disconnect();
  }
}

import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Job, Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { LIVE_QUEUE, LiveJobData, LiveJobResult, liveJobId } from '#contracts';
import { closeBriefly } from '#process';
import type { ControlPlaneConfig } from '../config';
import { CONFIG } from '../infrastructure/di-tokens';
import { LiveStreamsRepository } from './live-streams.repository';
import { LiveService } from './live.service';

/** Listens for finished live jobs: each one's recording becomes playable on demand, even of a job that failed. */
@Injectable()
export class LiveQueueEvents implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('live');
  private connection?: Redis;
  private events?: QueueEvents;

  constructor(
    private readonly live: LiveService,
    private readonly streams: LiveStreamsRepository,
    @Inject(CONFIG) private readonly config: ControlPlaneConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // its own connection: QueueEvents blocks on XREAD
    this.connection = new Redis(this.config.REDIS_URL, { maxRetriesPerRequest: null });
    this.connection.on('error', () => undefined);
    this.events = new QueueEvents(LIVE_QUEUE, { connection: this.connection, prefix: this.config.REDIS_PREFIX });
    this.events.on('error', () => undefined);
    this.events.on('completed', ({ returnvalue }) => {
      const result = (typeof returnvalue === 'string' ? JSON.parse(returnvalue) : returnvalue) as LiveJobResult;
      this.live.recordingDone(result).catch((e) =>
        this.logger.error({
          msg: 'could not record a live recording',
          eventId: result?.eventId,
          err: (e as Error).message,
        }),
      );
    });
    // 'failed' also fires for an attempt that will be retried: only a job that rests in the failed set failed for good
    this.events.on('failed', ({ jobId }) => {
      this.settleFailed(jobId).catch((e) =>
        this.logger.error({
          msg: 'could not close the recording of a failed live job',
          jobId,
          err: (e as Error).message,
        }),
      );
    });
    await this.catchUp().catch((e) =>
      this.logger.error({ msg: 'could not catch up on finished live jobs', err: (e as Error).message }),
    );
  }

  private async settleFailed(jobId: string): Promise<void> {
    await this.withQueue(async (queue) => {
      const job = await queue.getJob(jobId);
      if (job && (await job.getState()) === 'failed') await this.live.jobFailed(job.data.eventId, failureOf(job));
    });
  }

  /** Completions and failures announced while no control plane listened are not replayed: ask the queue for them. */
  private async catchUp(): Promise<void> {
    const pending = await this.streams.withoutReplay();
    if (!pending.length) return;
    await this.withQueue(async (queue) => {
      for (const eventId of pending) {
        const job = await queue.getJob(liveJobId(eventId));
        const state = job ? await job.getState() : null;
        if (job && state === 'completed' && job.returnvalue) {
          await this.live.recordingDone(job.returnvalue);
        } else if (job && state === 'failed') await this.live.jobFailed(eventId, failureOf(job));
      }
    });
  }

  private async withQueue(use: (queue: Queue<LiveJobData, LiveJobResult>) => Promise<void>): Promise<void> {
    const connection = new Redis(this.config.REDIS_URL, { maxRetriesPerRequest: null });
    const queue = new Queue<LiveJobData, LiveJobResult>(LIVE_QUEUE, { connection, prefix: this.config.REDIS_PREFIX });
    try {
      await use(queue);
    } finally {
      await closeBriefly(queue.close());
      connection.disconnect();
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.connection?.disconnect();
    await closeBriefly(this.events?.close());
  }
}

function failureOf(job: Job<LiveJobData, LiveJobResult>): { reason: string; attempts: number } {
  return { reason: job.failedReason || 'unknown error', attempts: job.attemptsMade };
}

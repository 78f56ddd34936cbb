import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { LIVE_QUEUE, LiveJobResult, liveJobId } from '#contracts';
import { closeBriefly } from '#process';
import type { ControlPlaneConfig } from '../config';
import { CONFIG } from '../infrastructure/di-tokens';
import { LiveStreamsRepository } from './live-streams.repository';
import { LiveService } from './live.service';

/** Listens for finished live jobs: each one's recording becomes playable on demand. */
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
    await this.catchUp().catch((e) =>
      this.logger.error({ msg: 'could not catch up on finished live jobs', err: (e as Error).message }),
    );
  }

  /** Completions announced while no control plane listened are not replayed: ask the queue for them. */
  private async catchUp(): Promise<void> {
    const pending = await this.streams.endedWithoutReplay();
    if (!pending.length) return;
    const connection = new Redis(this.config.REDIS_URL, { maxRetriesPerRequest: null });
    const queue = new Queue(LIVE_QUEUE, { connection, prefix: this.config.REDIS_PREFIX });
    try {
      for (const eventId of pending) {
        const job = await queue.getJob(liveJobId(eventId));
        if (job && (await job.getState()) === 'completed' && job.returnvalue) {
          await this.live.recordingDone(job.returnvalue as LiveJobResult);
        }
      }
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

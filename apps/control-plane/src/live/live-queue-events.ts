import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { LIVE_QUEUE, LiveJobResult } from '#live-contract';
import type { ControlPlaneConfig } from '../config';
import { CONFIG } from '../infrastructure/di-tokens';
import { LiveService } from './live.service';

/** Listens for finished live jobs: each one's recording becomes playable on demand. */
@Injectable()
export class LiveQueueEvents implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('live');
  private connection?: Redis;
  private events?: QueueEvents;

  constructor(private readonly live: LiveService, @Inject(CONFIG) private readonly config: ControlPlaneConfig) {}

  onApplicationBootstrap(): void {
    // its own connection: QueueEvents blocks on XREAD
    this.connection = new Redis(this.config.REDIS_URL, { maxRetriesPerRequest: null });
    this.connection.on('error', () => undefined);
    this.events = new QueueEvents(LIVE_QUEUE, { connection: this.connection, prefix: this.config.REDIS_PREFIX });
    this.events.on('error', () => undefined);
    this.events.on('completed', ({ returnvalue }) => {
      const result = (typeof returnvalue === 'string' ? JSON.parse(returnvalue) : returnvalue) as LiveJobResult;
      this.live.recordingDone(result).catch((e) => this.logger.error({ msg: 'could not record a live recording', eventId: result?.eventId, err: (e as Error).message }));
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.events?.close().catch(() => undefined);
    this.connection?.disconnect();
  }
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { chatKey } from '#seat-ledger';
import type { ControlPlaneConfig } from '../config';
import { CONFIG, REDIS } from '../infrastructure/di-tokens';

/**
 * The names chat messages are signed with: admission never reads the database, so the chat script takes a
 * registrant's name from the event's `:chat:names` hash, written here when they register.
 */
@Injectable()
export class ChatNames {
  private readonly logger = new Logger('chat');

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(CONFIG) private readonly config: ControlPlaneConfig,
  ) {}

  /** Never fails a registration: without its entry, the registrant chats as "Attendee". */
  async remember(eventId: string, registrantId: string, name: string): Promise<void> {
    try {
      await this.redis.hset(chatKey(this.config.REDIS_PREFIX, eventId, 'names'), registrantId, name);
    } catch (e) {
      this.logger.warn({ msg: 'chat name not stored', eventId, err: e instanceof Error ? e.message : String(e) });
    }
  }
}

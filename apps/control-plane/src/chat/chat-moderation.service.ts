import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { ChatModerationNotice, chatModerationChannel } from '#contracts';
import { DomainError } from '#domain';
import { ChatModeration, ChatRoom } from '#seat-ledger';
import type { AuthUser } from '../auth';
import type { ControlPlaneConfig } from '../config';
import { EventsService } from '../events/events.service';
import { CONFIG, REDIS } from '../infrastructure/di-tokens';
import {
  ChatBanDto,
  ChatBanView,
  ChatMessageStateView,
  ChatMessageView,
  ChatSettingsDto,
  ChatSettingsView,
  ModerationActionView,
  STREAM_ID,
} from './chat-moderation.dto';
import { ChatModerationRepository } from './chat-moderation.repository';

/**
 * Moderation of an event's chat by its organizer or its account's administrator (anyone else: 404, like the event):
 * written to the Redis keys the chat script reads, so every admission node applies it to the next message; told to
 * the rooms on the moderation channel; logged in the database.
 */
@Injectable()
export class ChatModerationService {
  private readonly moderation: ChatModeration;
  private readonly room: ChatRoom;

  constructor(
    private readonly events: EventsService,
    private readonly repository: ChatModerationRepository,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(CONFIG) private readonly config: ControlPlaneConfig,
  ) {
    this.moderation = new ChatModeration(redis, config.REDIS_PREFIX);
    this.room = new ChatRoom(redis, config.REDIS_PREFIX);
  }

  private async notify(n: ChatModerationNotice): Promise<void> {
    await this.redis.publish(chatModerationChannel(this.config.REDIS_PREFIX), JSON.stringify(n));
  }

  private checkMessageId(messageId: string): void {
    if (!STREAM_ID.test(messageId)) {
      throw new DomainError('not_found', `no chat message ${JSON.stringify(messageId.slice(0, 64))}`, 'messageId');
    }
  }

  async hide(user: AuthUser, eventId: string, messageId: string, reason?: string): Promise<ChatMessageStateView> {
    await this.events.getFor(user, eventId);
    this.checkMessageId(messageId);
    const inStream = await this.moderation.hide(eventId, messageId);
    const stored = await this.repository.setHidden(eventId, messageId, true);
    if (!inStream && !stored) {
      await this.moderation.restore(eventId, messageId);
      throw new DomainError('not_found', `no chat message ${messageId} in this event`, 'messageId');
    }
    await this.repository.log(eventId, user, 'hide', messageId, {}, reason);
    await this.notify({ type: 'hidden', eventId, id: messageId });
    return { eventId, id: messageId, hidden: true };
  }

  async restore(user: AuthUser, eventId: string, messageId: string, reason?: string): Promise<ChatMessageStateView> {
    await this.events.getFor(user, eventId);
    this.checkMessageId(messageId);
    const entry = await this.moderation.restore(eventId, messageId);
    const stored = await this.repository.setHidden(eventId, messageId, false);
    if (!entry && !stored) {
      throw new DomainError('not_found', `no chat message ${messageId} in this event`, 'messageId');
    }
    await this.repository.log(eventId, user, 'restore', messageId, {}, reason);
    if (entry) {
      const message = { ...entry, author: { name: entry.author.name }, at: new Date(entry.at).toISOString() };
      await this.notify({ type: 'restored', eventId, message });
    }
    return { eventId, id: messageId, hidden: false };
  }

  async ban(user: AuthUser, eventId: string, dto: ChatBanDto): Promise<ChatBanView> {
    await this.events.getFor(user, eventId);
    const registrationId = dto.registrationId.toLowerCase();
    if (!(await this.repository.isRegistrant(eventId, registrationId))) {
      throw new DomainError('not_found', `no registration ${registrationId} in this event`, 'registrationId');
    }
    if (dto.minutes === undefined) {
      await this.moderation.ban(eventId, registrationId);
      await this.repository.log(eventId, user, 'ban', registrationId, {}, dto.reason);
      return { eventId, registrationId, kind: 'ban', until: null };
    }
    await this.moderation.timeout(eventId, registrationId, dto.minutes);
    await this.repository.log(eventId, user, 'timeout', registrationId, { minutes: dto.minutes }, dto.reason);
    const until = new Date(Date.now() + dto.minutes * 60_000).toISOString();
    return { eventId, registrationId, kind: 'timeout', until };
  }

  async lift(user: AuthUser, eventId: string, registrationId: string): Promise<ChatBanView> {
    await this.events.getFor(user, eventId);
    if (!(await this.repository.isRegistrant(eventId, registrationId))) {
      throw new DomainError('not_found', `no registration ${registrationId} in this event`, 'registrationId');
    }
    await this.moderation.lift(eventId, registrationId);
    await this.repository.log(eventId, user, 'lift', registrationId, {}, undefined);
    return { eventId, registrationId, kind: 'none', until: null };
  }

  async settings(user: AuthUser, eventId: string): Promise<ChatSettingsView> {
    await this.events.getFor(user, eventId);
    return { eventId, ...(await this.room.settings(eventId)) };
  }

  async setSettings(user: AuthUser, eventId: string, dto: ChatSettingsDto): Promise<ChatSettingsView> {
    await this.events.getFor(user, eventId);
    const settings = { slowModeSeconds: dto.slowModeSeconds, paused: dto.paused };
    await this.moderation.setSettings(eventId, settings);
    await this.repository.log(eventId, user, 'settings', null, settings, dto.reason);
    await this.notify({ type: 'settings', eventId, ...settings });
    return { eventId, ...settings };
  }

  async messages(user: AuthUser, eventId: string, after: string | undefined, limit = 100): Promise<ChatMessageView[]> {
    await this.events.getFor(user, eventId);
    return this.repository.messages(eventId, after, limit);
  }

  async actions(user: AuthUser, eventId: string): Promise<ModerationActionView[]> {
    await this.events.getFor(user, eventId);
    return this.repository.actions(eventId);
  }
}

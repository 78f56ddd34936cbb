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
  ModerationAction,
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
    return this.hideMessage(user, eventId, messageId, 'hide', reason);
  }

  async restore(user: AuthUser, eventId: string, messageId: string, reason?: string): Promise<ChatMessageStateView> {
    await this.events.getFor(user, eventId);
    this.checkMessageId(messageId);
    return this.showMessage(user, eventId, messageId, 'restore', reason);
  }

  /** A held message reaches the room: it is shown to everyone, in its place in the history. */
  async approve(user: AuthUser, eventId: string, messageId: string, reason?: string): Promise<ChatMessageStateView> {
    await this.events.getFor(user, eventId);
    await this.mustBeHeld(eventId, messageId);
    return this.showMessage(user, eventId, messageId, 'approve', reason);
  }

  /** A held message never reaches the room; it stays stored, hidden (and may be restored later). */
  async reject(user: AuthUser, eventId: string, messageId: string, reason?: string): Promise<ChatMessageStateView> {
    await this.events.getFor(user, eventId);
    await this.mustBeHeld(eventId, messageId);
    return this.hideMessage(user, eventId, messageId, 'reject', reason);
  }

  private async mustBeHeld(eventId: string, messageId: string): Promise<void> {
    this.checkMessageId(messageId);
    if (await this.moderation.isHeld(eventId, messageId)) return;
    const stored = await this.repository.isHeld(eventId, messageId);
    if (stored) return;
    if (stored === null && !(await this.moderation.inStream(eventId, messageId))) {
      throw new DomainError('not_found', `no chat message ${messageId} in this event`, 'messageId');
    }
    throw new DomainError('conflict', `chat message ${messageId} is not waiting for review`, 'messageId');
  }

  /**
   * Logs the decision, then marks the stored message. In this order, the chat consumer storing the message meanwhile
   * cannot miss it: a batch stored after the log applies the latest decision itself (ChatRepository.append), one
   * stored before it is marked here.
   */
  private async decide(
    user: AuthUser,
    eventId: string,
    messageId: string,
    action: ModerationAction,
    hidden: boolean,
    reason: string | undefined,
  ): Promise<void> {
    await this.repository.log(eventId, user, action, messageId, {}, reason);
    await this.repository.setHidden(eventId, messageId, hidden);
  }

  private async hideMessage(
    user: AuthUser,
    eventId: string,
    messageId: string,
    action: 'hide' | 'reject',
    reason: string | undefined,
  ): Promise<ChatMessageStateView> {
    const inStream = await this.moderation.hide(eventId, messageId);
    if (!inStream && (await this.repository.isHeld(eventId, messageId)) === null) {
      await this.moderation.restore(eventId, messageId);
      throw new DomainError('not_found', `no chat message ${messageId} in this event`, 'messageId');
    }
    await this.decide(user, eventId, messageId, action, true, reason);
    await this.notify({ type: 'hidden', eventId, id: messageId });
    return { eventId, id: messageId, hidden: true, held: false };
  }

  private async showMessage(
    user: AuthUser,
    eventId: string,
    messageId: string,
    action: 'restore' | 'approve',
    reason: string | undefined,
  ): Promise<ChatMessageStateView> {
    const entry = await this.moderation.restore(eventId, messageId);
    if (!entry && (await this.repository.isHeld(eventId, messageId)) === null) {
      throw new DomainError('not_found', `no chat message ${messageId} in this event`, 'messageId');
    }
    await this.decide(user, eventId, messageId, action, false, reason);
    if (entry) {
      const message = { ...entry, author: { name: entry.author.name }, at: new Date(entry.at).toISOString() };
      await this.notify({ type: 'restored', eventId, message });
    }
    return { eventId, id: messageId, hidden: false, held: false };
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
    const linksAllowed = dto.linksAllowed ?? (await this.room.settings(eventId)).linksAllowed;
    const settings = { slowModeSeconds: dto.slowModeSeconds, paused: dto.paused, linksAllowed };
    await this.moderation.setSettings(eventId, settings);
    await this.repository.log(eventId, user, 'settings', null, settings, dto.reason);
    await this.notify({ type: 'settings', eventId, ...settings });
    return { eventId, ...settings };
  }

  async messages(
    user: AuthUser,
    eventId: string,
    after: string | undefined,
    limit = 100,
    state: 'all' | 'held' = 'all',
  ): Promise<ChatMessageView[]> {
    await this.events.getFor(user, eventId);
    return this.repository.messages(eventId, after, limit, state === 'held');
  }

  async actions(user: AuthUser, eventId: string): Promise<ModerationActionView[]> {
    await this.events.getFor(user, eventId);
    return this.repository.actions(eventId);
  }
}

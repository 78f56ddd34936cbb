import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { ChatModerationNotice, chatModerationChannel, qaQuestionOf } from '#contracts';
import { DomainError, QaOperation, qaTransition } from '#domain';
import { QaEntry, QaRoom } from '#seat-ledger';
import type { AuthUser } from '../auth';
import type { ControlPlaneConfig } from '../config';
import { EventsService } from '../events/events.service';
import { CONFIG, REDIS } from '../infrastructure/di-tokens';
import { ChatModerationRepository } from './chat-moderation.repository';
import { STREAM_ID } from './chat-moderation.dto';
import type { QaOperationName, QaSettingsView, QuestionView } from './qa.dto';
import { QaRepository, StoredQuestion } from './qa.repository';

function toView(q: QaEntry | StoredQuestion): QuestionView {
  return {
    id: q.id,
    author: { registrationId: q.registrantId, name: q.name },
    anonymous: q.anonymous,
    text: q.text,
    at: new Date(q.at).toISOString(),
    status: q.status,
    votes: q.votes,
    answer: q.answer,
    answeredLive: q.answeredLive,
    pinned: q.pinned,
  };
}

function operation(name: QaOperationName, text: string | undefined): QaOperation {
  switch (name) {
    case 'answer':
      if (!text) throw new DomainError('invalid', 'write the answer first', 'text');
      return { op: 'answer', text };
    case 'pin':
    case 'unpin':
      return { op: 'pin', pinned: name === 'pin' };
    default:
      return { op: name };
  }
}

/**
 * Q&A moderation by the event's organizer or its account's administrator (anyone else: 404, like the event). A
 * decision is a compare-and-set on the question in Redis (two moderators cannot both win), appended to the event's
 * Q&A stream (the consumer applies it to PostgreSQL after the question), told to every node, and logged.
 */
@Injectable()
export class QaService {
  private readonly room: QaRoom;

  constructor(
    private readonly events: EventsService,
    private readonly repository: QaRepository,
    private readonly log: ChatModerationRepository,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(CONFIG) private readonly config: ControlPlaneConfig,
  ) {
    this.room = new QaRoom(redis, config.REDIS_PREFIX);
  }

  /** Every question of the event, pending and dismissed included: live from Redis, else as stored. */
  async list(user: AuthUser, eventId: string, sort: 'votes' | 'time' = 'votes'): Promise<QuestionView[]> {
    await this.events.getFor(user, eventId);
    const live = await this.room.board(eventId);
    const all = (live.length > 0 ? live : await this.repository.ofEvent(eventId)).map(toView);
    return all.sort(
      (a, b) =>
        Number(b.pinned) - Number(a.pinned) ||
        (sort === 'votes' ? b.votes - a.votes : 0) ||
        Date.parse(b.at) - Date.parse(a.at),
    );
  }

  async decide(
    user: AuthUser,
    eventId: string,
    questionId: string,
    name: QaOperationName,
    text?: string,
  ): Promise<QuestionView> {
    await this.events.getFor(user, eventId);
    const unknown = new DomainError(
      'not_found',
      `no question ${JSON.stringify(questionId.slice(0, 64))} in this event`,
      'questionId',
    );
    if (!STREAM_ID.test(questionId)) throw unknown;
    const q = await this.room.question(eventId, questionId);
    if (!q) throw unknown;
    const o = operation(name, text);
    const t = qaTransition(q.status, o);
    if (!t.ok) throw new DomainError('conflict', t.message, 'questionId');
    const next = {
      status: t.status,
      answer: o.op === 'answer' ? o.text : q.answer,
      answeredLive: o.op === 'answered-live' ? true : o.op === 'answer' ? false : q.answeredLive,
      pinned: o.op === 'pin' ? o.pinned : t.status === 'dismissed' ? false : q.pinned,
    };
    const r = await this.room.moderate(eventId, questionId, q.status, next, user.id);
    if (!r.ok) {
      if (r.reason === 'unknown-question') throw unknown;
      throw new DomainError('conflict', 'another moderator changed this question meanwhile; look again', 'questionId');
    }
    await this.log.log(eventId, user, 'question', questionId, { op: name }, undefined);
    const notice: ChatModerationNotice = { type: 'question', eventId, question: qaQuestionOf(eventId, r.question) };
    await this.redis.publish(chatModerationChannel(this.config.REDIS_PREFIX), JSON.stringify(notice));
    return toView(r.question);
  }

  async settings(user: AuthUser, eventId: string): Promise<QaSettingsView> {
    await this.events.getFor(user, eventId);
    return { eventId, approvalRequired: await this.room.approvalRequired(eventId) };
  }

  async setSettings(user: AuthUser, eventId: string, approvalRequired: boolean): Promise<QaSettingsView> {
    await this.events.getFor(user, eventId);
    await this.room.setApprovalRequired(eventId, approvalRequired);
    await this.log.log(eventId, user, 'settings', null, { approvalRequired }, undefined);
    return { eventId, approvalRequired };
  }
}

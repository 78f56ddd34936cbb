import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { ChatModerationNotice, LivePoll, chatModerationChannel } from '#contracts';
import { DomainError, pollTransition } from '#domain';
import { PollCounts, PollRoom } from '#seat-ledger';
import type { AuthUser } from '../auth';
import type { ControlPlaneConfig } from '../config';
import { EventsService } from '../events/events.service';
import { CONFIG, REDIS } from '../infrastructure/di-tokens';
import { ChatModerationRepository } from './chat-moderation.repository';
import type { CreatePollDto, PollView, UpdatePollDto } from './polls.dto';
import { PollsRepository, StoredPoll } from './polls.repository';

function toView(p: StoredPoll, live: PollCounts | null): PollView {
  return {
    id: p.id,
    eventId: p.eventId,
    question: p.question,
    options: p.options,
    multiple: p.multiple,
    results: p.results,
    state: p.state,
    createdAt: p.createdAt.toISOString(),
    openedAt: p.openedAt?.toISOString() ?? null,
    closedAt: p.closedAt?.toISOString() ?? null,
    tally: { counts: p.counts, voters: p.voters },
    live,
  };
}

function livePoll(p: StoredPoll): LivePoll {
  const { id, eventId, question, options, multiple, results } = p;
  return { id, eventId, question, options, multiple, results };
}

/**
 * Live polls by the event's organizer or its account's administrator (anyone else: 404, like the event). Drafts
 * live in PostgreSQL only; opening writes the poll to Redis, where admission's vote script counts votes, and closing
 * stops them in one MULTI, so the final counts are exact. Every node is told on the chat's moderation channel.
 */
@Injectable()
export class PollsService {
  private readonly room: PollRoom;

  constructor(
    private readonly events: EventsService,
    private readonly repository: PollsRepository,
    private readonly log: ChatModerationRepository,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(CONFIG) private readonly config: ControlPlaneConfig,
  ) {
    this.room = new PollRoom(redis, config.REDIS_PREFIX);
  }

  /** Every poll of the event with its stored votes, and the live counts of the open ones. */
  async list(user: AuthUser, eventId: string): Promise<PollView[]> {
    await this.events.getFor(user, eventId);
    const polls = await this.repository.ofEvent(eventId);
    const open = polls.filter((p) => p.state === 'open');
    const live = await this.room.counts(
      eventId,
      open.map((p) => ({ id: p.id, options: p.options.length })),
    );
    return polls.map((p) => toView(p, live.get(p.id) ?? null));
  }

  async create(user: AuthUser, eventId: string, dto: CreatePollDto): Promise<PollView> {
    await this.usableEvent(user, eventId);
    const poll = await this.repository.create(eventId, user.id, {
      question: dto.question,
      options: dto.options,
      multiple: dto.multiple ?? false,
      results: dto.results ?? 'live',
    });
    await this.log.log(eventId, user, 'poll', poll.id, { op: 'create' }, undefined);
    return toView(poll, null);
  }

  async update(user: AuthUser, eventId: string, pollId: string, dto: UpdatePollDto): Promise<PollView> {
    await this.events.getFor(user, eventId);
    const poll = await this.pollFor(eventId, pollId, 'edit');
    const next = {
      question: dto.question ?? poll.question,
      options: dto.options ?? poll.options,
      multiple: dto.multiple ?? poll.multiple,
      results: dto.results ?? poll.results,
    };
    if (!(await this.repository.update(eventId, pollId, next))) throw this.changed();
    return toView((await this.repository.find(eventId, pollId))!, null);
  }

  async remove(user: AuthUser, eventId: string, pollId: string): Promise<void> {
    await this.events.getFor(user, eventId);
    await this.pollFor(eventId, pollId, 'delete');
    if (!(await this.repository.deleteDraft(eventId, pollId))) throw this.changed();
    await this.log.log(eventId, user, 'poll', pollId, { op: 'delete' }, undefined);
  }

  /** Opens a draft for votes; every seated attendee is told. */
  async open(user: AuthUser, eventId: string, pollId: string): Promise<PollView> {
    await this.usableEvent(user, eventId);
    const poll = await this.pollFor(eventId, pollId, 'open');
    if (!(await this.repository.move(eventId, pollId, 'draft', 'open'))) throw this.changed();
    try {
      await this.room.open(eventId, poll);
    } catch (e) {
      // attendees could not vote in it: a draft again, so the organizer can simply open it once more
      await this.repository.backToDraft(eventId, pollId);
      throw e;
    }
    await this.log.log(eventId, user, 'poll', pollId, { op: 'open' }, undefined);
    await this.tell({ type: 'poll-opened', eventId, poll: livePoll(poll) });
    const opened = (await this.repository.find(eventId, pollId))!;
    return toView(opened, { counts: poll.options.map(() => 0), voters: 0 });
  }

  /** Closes an open poll: no vote counts after this; every seated attendee gets the final counts. */
  async close(user: AuthUser, eventId: string, pollId: string): Promise<PollView> {
    await this.events.getFor(user, eventId);
    const poll = await this.pollFor(eventId, pollId, 'close');
    // Redis first: votes stop there (closing twice answers the same counts), then the database says closed
    const counted = await this.room.close(eventId, pollId);
    if (!(await this.repository.move(eventId, pollId, 'open', 'closed'))) throw this.changed();
    // Redis lost the poll (flushed): what the database stored is all there is
    const final = counted ?? { counts: poll.counts, voters: poll.voters };
    await this.log.log(eventId, user, 'poll', pollId, { op: 'close', ...final }, undefined);
    await this.tell({ type: 'poll-closed', eventId, poll: livePoll(poll), results: { eventId, pollId, ...final } });
    return toView((await this.repository.find(eventId, pollId))!, final);
  }

  /** The event, when polls may still be created or opened in it. */
  private async usableEvent(user: AuthUser, eventId: string): Promise<void> {
    const event = await this.events.getFor(user, eventId);
    if (event.state === 'ended' || event.state === 'cancelled') {
      throw new DomainError('conflict', `the event is ${event.state}: its polls can no longer be opened`, 'id');
    }
  }

  private async pollFor(
    eventId: string,
    pollId: string,
    action: 'edit' | 'delete' | 'open' | 'close',
  ): Promise<StoredPoll> {
    const poll = await this.repository.find(eventId, pollId);
    if (!poll) throw new DomainError('not_found', `no poll with id ${pollId} in this event`, 'pollId');
    const t = pollTransition(poll.state, action);
    if (!t.ok) throw new DomainError('conflict', t.message, 'pollId');
    return poll;
  }

  private changed(): DomainError {
    return new DomainError('conflict', 'someone else changed this poll meanwhile; look again', 'pollId');
  }

  private async tell(notice: ChatModerationNotice): Promise<void> {
    await this.redis.publish(chatModerationChannel(this.config.REDIS_PREFIX), JSON.stringify(notice));
  }
}

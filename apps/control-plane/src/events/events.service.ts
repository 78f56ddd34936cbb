import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { PG_EXCLUSION_VIOLATION, PG_UNIQUE_VIOLATION, pgConstraint, pgErrorCode } from '#database';
import {
  DomainError,
  EventState,
  assertEditable,
  assertLimitWithinOrder,
  assertMayOpenOnDemand,
  assertPlayAsLiveAllowed,
  assertTransition,
  assertValidEventWindow,
  assertWithinOrderValidity,
  eventAttendeeLimit,
} from '#domain';
import type { AuthUser } from '../auth/auth-user';
import type { ControlPlaneConfig } from '../config';
import { CONFIG } from '../infrastructure/di-tokens';
import { OrdersRepository } from '../orders/orders.repository';
import type { OrderRecord } from '../orders/order-record';
import type { CreateEventDto, EventListQuery, UpdateEventDto } from './event.dto';
import { EventAssetsRepository } from './event-assets.repository';
import { EventLifecycle } from './event-lifecycle';
import type { EventRecord } from './event-record';
import { EventsRepository } from './events.repository';
import { newPublicSlug, newStreamKey } from './stream-key';

@Injectable()
export class EventsService {
  constructor(
    private readonly events: EventsRepository,
    private readonly orders: OrdersRepository,
    private readonly lifecycle: EventLifecycle,
    private readonly eventAssets: EventAssetsRepository,
    @Inject(CONFIG) private readonly config: ControlPlaneConfig,
  ) {}

  // ---- API (the caller's account and role bound what they can see: others' events are unknown, 404) ----

  async create(user: AuthUser, dto: CreateEventDto): Promise<EventRecord> {
    if (user.role !== 'organizer' || !user.orderId) {
      throw new DomainError('forbidden', 'only a named organizer schedules events', 'role');
    }
    const order = await this.orderOf(user.orderId);
    const window = { startsAt: new Date(dto.startsAt), endsAt: new Date(dto.endsAt) };
    assertValidEventWindow(window, this.config.EVENT_MAX_DURATION);
    assertWithinOrderValidity(window, order);
    const attendeeLimit = eventAttendeeLimit(dto.attendeeLimit, order);
    assertPlayAsLiveAllowed(dto.mode, dto.playAsLive ?? false);
    await this.assertNoOverlap(user.id, window.startsAt, window.endsAt, null);
    const event = await this.guardConstraints(
      () =>
        this.events.insert({
          id: randomUUID(),
          accountId: user.accountId,
          orderId: order.id,
          organizerId: user.id,
          title: dto.title,
          description: dto.description ?? '',
          startsAt: window.startsAt,
          endsAt: window.endsAt,
          timeZone: dto.timeZone ?? 'UTC',
          mode: dto.mode,
          playAsLive: dto.playAsLive ?? false,
          attendeeLimit,
          streamKey: newStreamKey(),
          publicSlug: newPublicSlug(),
        }),
      user.id,
      window.startsAt,
      window.endsAt,
      null,
    );
    await this.lifecycle.emit({ event, from: null, to: event.state });
    return event;
  }

  async list(user: AuthUser, query: EventListQuery): Promise<EventRecord[]> {
    return this.events.list({
      accountId: user.accountId,
      organizerId: user.role === 'organizer' ? user.id : undefined,
      state: query.state,
    });
  }

  /** An event the caller may see: administrators see their account's, organizers only their own. */
  async getFor(user: AuthUser, id: string): Promise<EventRecord> {
    const event = await this.events.findById(id);
    if (!event || event.accountId !== user.accountId || (user.role === 'organizer' && event.organizerId !== user.id)) {
      throw new DomainError('not_found', `no event with id ${id}`, 'id');
    }
    return event;
  }

  async update(user: AuthUser, id: string, dto: UpdateEventDto): Promise<EventRecord> {
    const current = await this.ownedBy(user, id);
    assertEditable(current.state);
    const order = await this.orderOf(current.orderId);
    const window = {
      startsAt: dto.startsAt ? new Date(dto.startsAt) : current.startsAt,
      endsAt: dto.endsAt ? new Date(dto.endsAt) : current.endsAt,
    };
    assertValidEventWindow(window, this.config.EVENT_MAX_DURATION);
    assertWithinOrderValidity(window, order);
    if (dto.attendeeLimit !== undefined && dto.attendeeLimit !== null) assertLimitWithinOrder(dto.attendeeLimit, order);
    const mode = dto.mode ?? current.mode;
    // a live event cannot keep playAsLive: switching to live mode turns it off unless asked for (then refused)
    const playAsLive = dto.playAsLive ?? (mode === 'on-demand' ? current.playAsLive : false);
    assertPlayAsLiveAllowed(mode, playAsLive);
    await this.assertNoOverlap(current.organizerId, window.startsAt, window.endsAt, id);
    const event = await this.guardConstraints(
      () =>
        this.events.update(id, {
          title: dto.title ?? undefined,
          description: dto.description ?? undefined,
          startsAt: window.startsAt,
          endsAt: window.endsAt,
          timeZone: dto.timeZone ?? undefined,
          mode: dto.mode ?? undefined,
          playAsLive,
          attendeeLimit: dto.attendeeLimit ?? undefined,
        }),
      current.organizerId,
      window.startsAt,
      window.endsAt,
      id,
    );
    await this.lifecycle.emit({ event, from: current.state, to: event.state, previous: current });
    return event;
  }

  /** The organizer cancels their event, or an administrator cancels any event of the account. */
  async cancel(user: AuthUser, id: string): Promise<EventRecord> {
    const current = await this.getFor(user, id);
    return this.transition(current, 'cancelled', {});
  }

  /** The organizer ends their live event from the API (the presenter may also just stop streaming). */
  async end(user: AuthUser, id: string): Promise<EventRecord> {
    const current = await this.ownedBy(user, id);
    return this.transition(current, 'ended', { endedAt: new Date(), endReason: 'organizer-ended' });
  }

  /**
   * The organizer opens an on-demand webcast: scheduled → live, playing the newest ready video attached to it. A live
   * event goes live when its presenter streams instead, so one event at a time and the 8 h cap hold for both modes.
   */
  async startOnDemand(user: AuthUser, id: string, now: Date = new Date()): Promise<EventRecord> {
    const current = await this.ownedBy(user, id);
    assertMayOpenOnDemand(current, now, (await this.eventAssets.newestReadyAssetId(id)) !== null);
    return this.transition(current, 'live', { actualStartAt: now });
  }

  async rotateStreamKey(user: AuthUser, id: string): Promise<EventRecord> {
    const current = await this.ownedBy(user, id);
    if (current.state === 'ended' || current.state === 'cancelled') {
      throw new DomainError('conflict', `an event that is ${current.state} has no use for a stream key`, 'state');
    }
    const event = await this.events.setStreamKey(id, newStreamKey());
    await this.lifecycle.emit({ event, from: current.state, to: event.state });
    return event;
  }

  // ---- For other parts of the control plane (ingest authorization, live pipeline, media) ----

  async getById(id: string): Promise<EventRecord> {
    const event = await this.events.findById(id);
    if (!event) throw new DomainError('not_found', `no event with id ${id}`, 'id');
    return event;
  }

  async findByStreamKey(key: string): Promise<EventRecord | null> {
    return this.events.findByStreamKey(key);
  }

  async findBySlug(slug: string): Promise<EventRecord | null> {
    return this.events.findBySlug(slug);
  }

  /** scheduled → live. A second live event of the same organizer is refused (409) by the database itself. */
  async markLive(eventId: string, at: Date = new Date()): Promise<EventRecord> {
    const current = await this.getById(eventId);
    return this.transition(current, 'live', { actualStartAt: at });
  }

  /** live → ended, with why (e.g. 'presenter-stopped', 'duration-cap'). */
  async markEnded(eventId: string, reason: string, at: Date = new Date()): Promise<EventRecord> {
    const current = await this.getById(eventId);
    return this.transition(current, 'ended', { endedAt: at, endReason: reason });
  }

  // ---- rules ----

  private async transition(
    current: EventRecord,
    to: EventState,
    fields: { actualStartAt?: Date; endedAt?: Date; endReason?: string },
  ): Promise<EventRecord> {
    assertTransition(current.state, to);
    let event: EventRecord | null;
    try {
      event = await this.events.transition(current.id, current.state, to, fields);
    } catch (e) {
      if (pgErrorCode(e) === PG_UNIQUE_VIOLATION && pgConstraint(e) === 'events_one_live_per_organizer') {
        const live = await this.events.findLiveOf(current.organizerId);
        throw new DomainError(
          'conflict',
          `the organizer already has a live event${live ? ` "${live.title}" (${live.id})` : ''}; one event at a time`,
          'state',
        );
      }
      throw e;
    }
    if (!event) {
      const now = await this.getById(current.id);
      throw new DomainError(
        'conflict',
        `the event changed meanwhile: it is ${now.state} now and cannot become ${to}`,
        'state',
      );
    }
    await this.lifecycle.emit({ event, from: current.state, to, previous: current });
    return event;
  }

  private async ownedBy(user: AuthUser, id: string): Promise<EventRecord> {
    const event = await this.getFor(user, id);
    if (event.organizerId !== user.id) {
      throw new DomainError('forbidden', "only the event's organizer may do this", 'id');
    }
    return event;
  }

  private async orderOf(orderId: string): Promise<OrderRecord> {
    const order = await this.orders.findById(orderId);
    if (!order) throw new DomainError('not_found', `no order with id ${orderId}`, 'orderId');
    return order;
  }

  private async assertNoOverlap(
    organizerId: string,
    startsAt: Date,
    endsAt: Date,
    exceptId: string | null,
  ): Promise<void> {
    const other = await this.events.findOverlapping(organizerId, startsAt, endsAt, exceptId);
    if (other) throw overlapError(other);
  }

  // The exclusion constraint catches the overlap a concurrent request slipped in after our check.
  private async guardConstraints<T>(
    work: () => Promise<T>,
    organizerId: string,
    startsAt: Date,
    endsAt: Date,
    exceptId: string | null,
  ): Promise<T> {
    try {
      return await work();
    } catch (e) {
      if (pgErrorCode(e) === PG_EXCLUSION_VIOLATION) {
        const other = await this.events.findOverlapping(organizerId, startsAt, endsAt, exceptId);
        throw other
          ? overlapError(other)
          : new DomainError('conflict', 'the schedule overlaps another event of this organizer', 'startsAt');
      }
      throw e;
    }
  }
}

function overlapError(other: EventRecord): DomainError {
  return new DomainError(
    'conflict',
    `overlaps the organizer's event "${other.title}" (${other.id}) from ${other.startsAt.toISOString()} to ${other.endsAt.toISOString()}; a named organizer runs one event at a time`,
    'startsAt',
  );
}

import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '#domain';
import { SeatLedger } from '#seat-ledger';
import type { AuthUser } from '../auth';
import { EventsService } from '../events/events.service';
import { OrdersRepository } from '../orders/orders.repository';
import type { EventCapacityView } from './attendance-views';
import { admissionPhaseOf, eventSeatTerms } from './event-seat-terms';

export const CAPACITY_LEDGER = Symbol('CAPACITY_LEDGER');

/** Seats in use right now, read from admission's seat ledger in Redis (the one place that knows them). */
@Injectable()
export class EventCapacityService {
  constructor(
    private readonly events: EventsService,
    private readonly orders: OrdersRepository,
    @Inject(CAPACITY_LEDGER) private readonly ledger: SeatLedger,
  ) {}

  async capacity(user: AuthUser, eventId: string): Promise<EventCapacityView> {
    const event = await this.events.getFor(user, eventId);
    const order = await this.orders.findById(event.orderId);
    if (!order) throw new DomainError('not_found', `no order with id ${event.orderId}`, 'orderId');
    const terms = eventSeatTerms(event, order);
    const head = {
      state: event.state,
      limit: terms.limit,
      bufferSeats: terms.bufferSeats,
      overageCap: terms.overageCap,
      policy: terms.policy,
    };
    if (event.state !== 'live') return { ...head, viewers: 0, waiting: 0, included: 0, buffer: 0, overage: 0 };
    const s = await this.ledger.status({
      eventId: event.id,
      terms: terms.admission,
      liveCutoffMs: null,
      phase: admissionPhaseOf(event),
    });
    return {
      ...head,
      viewers: s.seats,
      waiting: s.waiting,
      included: s.held.included,
      buffer: s.held.buffer,
      overage: s.held.overage,
    };
  }
}

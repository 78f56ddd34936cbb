import { Injectable } from '@nestjs/common';
import { DomainError } from '#domain';
import type { AuthUser } from '../auth';
import { EventsService } from '../events/events.service';
import type { EventRecord } from '../events/event-record';
import { OrdersRepository } from '../orders/orders.repository';
import { AttendanceRepository } from './attendance.repository';
import { seriesGrid, seriesPoints } from './attendance-series';
import type { AttendanceSeriesView } from './attendance-views';
import { admissionPhaseOf, eventSeatTerms } from './event-seat-terms';

@Injectable()
export class AttendanceSeriesService {
  constructor(
    private readonly events: EventsService,
    private readonly orders: OrdersRepository,
    private readonly attendance: AttendanceRepository,
  ) {}

  /** The concurrent attendees of an event the caller may see, in at most `points` buckets over its whole run. */
  async series(user: AuthUser, eventId: string, points: number, now: Date = new Date()): Promise<AttendanceSeriesView> {
    const event = await this.events.getFor(user, eventId);
    const order = await this.orders.findById(event.orderId);
    if (!order) throw new DomainError('not_found', `no order with id ${event.orderId}`, 'orderId');
    const { from, to } = runOf(event, now);
    const grid = seriesGrid(from.getTime(), to.getTime(), points);
    const buckets = await this.attendance.seriesBuckets(event.id, admissionPhaseOf(event), from, grid);
    const { limit, bufferSeats, overageCap } = eventSeatTerms(event, order);
    return {
      eventId: event.id,
      from: from.toISOString(),
      to: to.toISOString(),
      bucketSeconds: grid.bucketSeconds,
      limit,
      bufferSeats,
      overageCap,
      ...seriesPoints(from.getTime(), grid, buckets),
    };
  }
}

/** Actual start to end (or now while live); the schedule before the event ran. */
function runOf(event: EventRecord, now: Date): { from: Date; to: Date } {
  const from = event.actualStartAt ?? event.startsAt;
  const to = event.endedAt ?? (event.state === 'live' ? now : event.endsAt);
  return { from, to: to < from ? from : to };
}

import { Injectable } from '@nestjs/common';
import { DomainError } from '#domain';
import type { AuthUser } from '../auth';
import { EventsService } from '../events/events.service';
import { OrdersRepository } from '../orders/orders.repository';
import { RegistrationsRepository } from '../registrations/registrations.repository';
import { AttendanceRepository } from './attendance.repository';
import { AttendanceReport, buildAttendanceReport } from './attendance-report';

@Injectable()
export class AttendanceReportService {
  constructor(
    private readonly events: EventsService,
    private readonly orders: OrdersRepository,
    private readonly registrations: RegistrationsRepository,
    private readonly attendance: AttendanceRepository,
  ) {}

  /** The organizer's own event only; another's is unknown to them (404). */
  async report(user: AuthUser, eventId: string): Promise<AttendanceReport> {
    const event = await this.events.getFor(user, eventId);
    if (event.organizerId !== user.id) {
      throw new DomainError('forbidden', "only the event's organizer sees its attendance report", 'id');
    }
    const order = await this.orders.findById(event.orderId);
    if (!order) throw new DomainError('not_found', `no order with id ${event.orderId}`, 'orderId');
    const [registrants, log] = await Promise.all([
      this.registrations.listByEvent(event.id),
      this.attendance.listByEvent(event.id),
    ]);
    const until = event.endedAt ? event.endedAt.getTime() : Date.now();
    return buildAttendanceReport(
      event.id,
      {
        attendeeLimit: event.attendeeLimit,
        bufferPercent: order.bufferPercent,
        overageRateCents: order.overageRateCents,
      },
      registrants,
      log,
      until,
    );
  }
}

import { Inject, Injectable } from '@nestjs/common';
import type { Database } from '#database';
import { DomainError, assertSeatsCoverActive } from '#domain';
import type { AuthUser } from '../auth/auth-user';
import { UsersRepository } from '../accounts/users.repository';
import { EventLifecycle } from '../events/event-lifecycle';
import { EventsRepository } from '../events/events.repository';
import { DATABASE } from '../infrastructure/di-tokens';
import type { OrderDto } from './order.dto';
import type { OrderRecord } from './order-record';
import { orderTerms } from './order-terms';
import { OrdersRepository } from './orders.repository';

// Orders are the account's licences. The buffer percentage is stored on each order (10 %) so reports cite the
// terms the event ran under, even if the product's number changes later.
@Injectable()
export class OrdersService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly orders: OrdersRepository,
    private readonly users: UsersRepository,
    private readonly events: EventsRepository,
    private readonly lifecycle: EventLifecycle,
  ) {}

  list(admin: AuthUser): Promise<OrderRecord[]> {
    return this.orders.listByAccount(admin.accountId);
  }

  async get(admin: AuthUser, id: string): Promise<OrderRecord> {
    const order = await this.orders.findById(id);
    if (!order || order.accountId !== admin.accountId) {
      throw new DomainError('not_found', `no order with id ${id}`, 'id');
    }
    return order;
  }

  /** The order an organizer's seat belongs to. */
  async ofOrganizer(organizer: AuthUser): Promise<OrderRecord> {
    const order = organizer.orderId ? await this.orders.findById(organizer.orderId) : null;
    if (!order || order.accountId !== organizer.accountId) {
      throw new DomainError('not_found', 'you hold no seat of an order', 'orderId');
    }
    return order;
  }

  create(admin: AuthUser, dto: OrderDto): Promise<OrderRecord> {
    return this.orders.insert({ accountId: admin.accountId, ...orderTerms(dto) });
  }

  /** New terms for an order; its seats never drop below the organizers holding them, its events follow its limit. */
  async update(admin: AuthUser, id: string, dto: OrderDto): Promise<OrderRecord> {
    await this.get(admin, id);
    const t = orderTerms(dto);
    const { order, events } = await this.db.transaction(async (tx) => {
      await this.users.lockOrder(id, tx);
      const active = await this.users.countActiveOnOrder(id, tx);
      assertSeatsCoverActive(t.seats, active);
      const order = await this.orders.update(id, t, tx);
      return { order, events: await this.events.applyOrderTerms(id, order.attendeeLimit, tx) };
    });
    // Admission reads the terms from each event's snapshot: open events carry the new ones from now on.
    for (const event of events) await this.lifecycle.emit({ event, from: event.state, to: event.state });
    return order;
  }
}

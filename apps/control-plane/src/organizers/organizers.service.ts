import { Inject, Injectable } from '@nestjs/common';
import type { Database, Queryable } from '#database';
import { PG_UNIQUE_VIOLATION, pgErrorCode } from '#database';
import { DomainError, assertNamedIdentity, assertSeatAvailable, normalizeEmail } from '#domain';
import type { AuthUser } from '../auth/auth-user';
import { hashPassword } from '../auth/password-hasher';
import { UsersRepository } from '../accounts/users.repository';
import type { UserRecord } from '../accounts/user-record';
import { EventLifecycle } from '../events/event-lifecycle';
import { EventsRepository } from '../events/events.repository';
import type { EventRecord } from '../events/event-record';
import { newStreamKey } from '../events/stream-key';
import { DATABASE } from '../infrastructure/di-tokens';
import { OrdersRepository } from '../orders/orders.repository';
import type { OrderRecord } from '../orders/order-record';
import type { CreateOrganizerDto, ReassignSeatDto } from './organizer.dto';

// Named organizers: one person each, never more active than the order has seats. The seat check and the insert
// run in one transaction holding the order's row lock, so two concurrent grants cannot both take the last seat.
@Injectable()
export class OrganizersService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly users: UsersRepository,
    private readonly orders: OrdersRepository,
    private readonly events: EventsRepository,
    private readonly lifecycle: EventLifecycle,
  ) {}

  async list(admin: AuthUser): Promise<UserRecord[]> {
    return this.users.listByAccount(admin.accountId, 'organizer');
  }

  async get(admin: AuthUser, id: string): Promise<UserRecord> {
    const u = await this.users.findById(id);
    if (!u || u.accountId !== admin.accountId || u.role !== 'organizer') {
      throw new DomainError('not_found', `no organizer with id ${id}`, 'id');
    }
    return u;
  }

  async create(admin: AuthUser, dto: CreateOrganizerDto): Promise<UserRecord> {
    assertNamedIdentity(dto.email);
    const order = await this.orderFor(admin, dto.orderId);
    const passwordHash = await hashPassword(dto.password);
    return this.db.transaction(async (tx) => {
      await this.users.lockOrder(order.id, tx);
      assertSeatAvailable(await this.users.countActiveOnOrder(order.id, tx), order.seats);
      return this.insertOrganizer(tx, admin.accountId, order.id, dto, passwordHash);
    });
  }

  /** Deactivation frees the seat and revokes the organizer's tokens at once. */
  async deactivate(admin: AuthUser, id: string): Promise<UserRecord> {
    const u = await this.get(admin, id);
    if (!u.active) return u;
    return this.users.deactivate(id);
  }

  /** Reactivation takes a seat of the organizer's order again, so it needs a free one (409 otherwise). */
  async reactivate(admin: AuthUser, id: string): Promise<UserRecord> {
    const u = await this.get(admin, id);
    if (u.active) return u;
    return this.db.transaction(async (tx) => {
      await this.users.lockOrder(u.orderId!, tx);
      const order = (await this.orders.findById(u.orderId!, tx))!;
      assertSeatAvailable(await this.users.countActiveOnOrder(order.id, tx), order.seats);
      return this.users.update(id, { active: true }, tx);
    });
  }

  /**
   * Hands an organizer's seat to another person: the old organizer is deactivated (tokens revoked) and the new one
   * takes the same seat in the same transaction, so the seat count never exceeds the order even for a moment. The
   * old organizer's scheduled events move to the new one with fresh stream keys (the old person knew the old keys).
   */
  async reassign(
    admin: AuthUser,
    id: string,
    dto: ReassignSeatDto,
  ): Promise<{ previous: UserRecord; organizer: UserRecord; movedEvents: number }> {
    const old = await this.get(admin, id);
    if (!old.active) {
      throw new DomainError(
        'conflict',
        'this organizer is deactivated and holds no seat; create a new organizer instead',
        'id',
      );
    }
    assertNamedIdentity(dto.email);
    const passwordHash = await hashPassword(dto.password);
    const { previous, organizer, moved } = await this.db.transaction(async (tx) => {
      await this.users.lockOrder(old.orderId!, tx);
      const previous = await this.users.deactivate(old.id, tx);
      const organizer = await this.insertOrganizer(tx, admin.accountId, old.orderId!, dto, passwordHash);
      const moved = await this.moveScheduledEvents(tx, old.id, organizer.id);
      return { previous, organizer, moved };
    });
    for (const event of moved) await this.lifecycle.emit({ event, from: event.state, to: event.state });
    return { previous, organizer, movedEvents: moved.length };
  }

  private async moveScheduledEvents(tx: Queryable, fromId: string, toId: string): Promise<EventRecord[]> {
    const moved: EventRecord[] = [];
    const rows = await tx.query<{ id: string }>(
      "SELECT id FROM events WHERE organizer_id = $1 AND state = 'scheduled'",
      [fromId],
    );
    for (const { id } of rows) {
      await tx.query(
        'UPDATE events SET organizer_id = $2, stream_key = $3, version = version + 1, updated_at = now() WHERE id = $1',
        [id, toId, newStreamKey()],
      );
      moved.push((await this.events.findById(id, tx))!);
    }
    return moved;
  }

  private async insertOrganizer(
    tx: Queryable,
    accountId: string,
    orderId: string,
    dto: { email: string; name: string },
    passwordHash: string,
  ): Promise<UserRecord> {
    const email = normalizeEmail(dto.email);
    if (await this.users.findByEmail(email, tx)) throw duplicate(email);
    try {
      return await this.users.insert(
        { accountId, orderId, email, name: dto.name.trim(), role: 'organizer', passwordHash },
        tx,
      );
    } catch (e) {
      if (pgErrorCode(e) === PG_UNIQUE_VIOLATION) throw duplicate(email);
      throw e;
    }
  }

  private async orderFor(admin: AuthUser, orderId: string | undefined): Promise<OrderRecord> {
    if (orderId) {
      const order = await this.orders.findById(orderId);
      if (!order || order.accountId !== admin.accountId) {
        throw new DomainError('not_found', `no order with id ${orderId}`, 'orderId');
      }
      return order;
    }
    const orders = await this.orders.listByAccount(admin.accountId);
    if (orders.length === 1) return orders[0];
    throw new DomainError(
      'invalid',
      orders.length === 0
        ? 'the account has no order yet; create one first'
        : 'the account has several orders: say which with orderId',
      'orderId',
    );
  }
}

function duplicate(email: string): DomainError {
  return new DomainError(
    'conflict',
    `an organizer or user with email ${email} already exists; each named organizer is one unique identity`,
    'email',
  );
}

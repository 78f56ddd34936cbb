import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Database, Queryable } from '#database';
import { DATABASE } from '../infrastructure/di-tokens';
import { OrderRecord, OrderRow, toOrderRecord } from './order-record';

export type NewOrder = Omit<OrderRecord, 'id' | 'createdAt'>;

@Injectable()
export class OrdersRepository {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async insert(o: NewOrder, q: Queryable = this.db): Promise<OrderRecord> {
    const rows = await q.query<OrderRow>(
      `INSERT INTO orders (id, account_id, seats, attendee_limit, buffer_percent, overage_rate_cents, overage_policy, overage_cap, valid_from, valid_until)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *`,
      [
        randomUUID(),
        o.accountId,
        o.seats,
        o.attendeeLimit,
        o.bufferPercent,
        o.overageRateCents,
        o.overagePolicy,
        o.overageCap,
        o.validFrom,
        o.validUntil,
      ],
    );
    return toOrderRecord(rows[0]);
  }

  async findById(id: string, q: Queryable = this.db): Promise<OrderRecord | null> {
    const rows = await q.query<OrderRow>('SELECT * FROM orders WHERE id = $1', [id]);
    return rows[0] ? toOrderRecord(rows[0]) : null;
  }

  async listByAccount(accountId: string): Promise<OrderRecord[]> {
    const rows = await this.db.query<OrderRow>('SELECT * FROM orders WHERE account_id = $1 ORDER BY created_at, id', [
      accountId,
    ]);
    return rows.map(toOrderRecord);
  }

  async update(id: string, o: Omit<NewOrder, 'accountId'>, q: Queryable = this.db): Promise<OrderRecord> {
    const rows = await q.query<OrderRow>(
      `UPDATE orders SET seats = $2, attendee_limit = $3, buffer_percent = $4, overage_rate_cents = $5, overage_policy = $6,
         overage_cap = $7, valid_from = $8, valid_until = $9 WHERE id = $1 RETURNING *`,
      [
        id,
        o.seats,
        o.attendeeLimit,
        o.bufferPercent,
        o.overageRateCents,
        o.overagePolicy,
        o.overageCap,
        o.validFrom,
        o.validUntil,
      ],
    );
    return toOrderRecord(rows[0]);
  }
}
